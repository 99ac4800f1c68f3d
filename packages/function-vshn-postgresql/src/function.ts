// VSHNPostgreSQL: PostgreSQL on StackGres in an instance namespace of its
// own, with TLS, backups to a nested bucket, and derived schedules.
import { bootstrapInstanceNs, ownerLabels, vshnPostgreSQL } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { composeAccess } from './access.js';
import { refuseAdditionalResources } from './additional-resources.js';
import { composeDisruptionBudget } from './availability.js';
import { composeBackups } from './backup.js';
import { validateClusterOptions } from './cluster-options.js';
import { publishConnection } from './connection.js';
import { inputSchema, parametersSchema } from './generated.js';
import { composeHousekeeping } from './housekeeping.js';
import { composeMonitoring } from './monitoring.js';
import { composeLoadBalancer, publishLoadBalancer } from './network.js';
import { composePooling } from './pooling.js';
import { reportClusterReadiness } from './readiness.js';
import { reportPendingRestart } from './restart.js';
import { composeRestore, validateRestore } from './restore.js';
import { publishSchedules } from './schedules.js';
import { composeSecurity } from './security.js';
import { validateServiceOptions } from './service-options.js';
import { composeClusterWhenReady, composeStackGres } from './stackgres.js';
import { reportSuspension } from './suspend.js';
import { composeTLS } from './tls.js';
import { validate } from './version.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'validate', run: validate },
    { name: 'validate-cluster', run: validateClusterOptions },
    { name: 'validate-restore', run: validateRestore },
    { name: 'additional-resources', run: refuseAdditionalResources },
    { name: 'validate-service-options', run: validateServiceOptions },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, vshnPostgreSQL) },
    { name: 'security', run: composeSecurity },
    { name: 'tls', run: composeTLS },
    { name: 'stackgres', run: composeStackGres },
    { name: 'pooling', run: composePooling },
    { name: 'backups', run: composeBackups },
    { name: 'restore', run: composeRestore },
    { name: 'cluster', run: composeClusterWhenReady },
    { name: 'cluster-readiness', run: reportClusterReadiness },
    { name: 'load-balancer', run: composeLoadBalancer },
    { name: 'housekeeping', run: composeHousekeeping },
    { name: 'monitoring', run: composeMonitoring },
    { name: 'availability', run: composeDisruptionBudget },
    { name: 'access', run: composeAccess },
    { name: 'restart', run: reportPendingRestart },
    { name: 'suspend', run: reportSuspension },
    { name: 'connection', run: publishConnection },
    { name: 'load-balancer-address', run: publishLoadBalancer },
    { name: 'schedules', run: publishSchedules },
  ],
});
