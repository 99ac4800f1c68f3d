// VSHNPostgreSQL: PostgreSQL on StackGres in an instance namespace of its
// own, with TLS, backups to a nested bucket, and derived schedules.
import { bootstrapInstanceNs, ownerLabels, vshnPostgreSQL } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { composeAccess } from './access.js';
import { refuseAdditionalResources } from './additional-resources.js';
import { composeBackups } from './backup.js';
import { validateClusterOptions } from './cluster-options.js';
import { publishConnection } from './connection.js';
import { inputSchema, parametersSchema } from './generated.js';
import { reportPendingRestart } from './restart.js';
import { composeRestore, validateRestore } from './restore.js';
import { publishSchedules } from './schedules.js';
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
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, vshnPostgreSQL) },
    { name: 'tls', run: composeTLS },
    { name: 'stackgres', run: composeStackGres },
    { name: 'backups', run: composeBackups },
    { name: 'restore', run: composeRestore },
    { name: 'cluster', run: composeClusterWhenReady },
    { name: 'access', run: composeAccess },
    { name: 'restart', run: reportPendingRestart },
    { name: 'suspend', run: reportSuspension },
    { name: 'connection', run: publishConnection },
    { name: 'schedules', run: publishSchedules },
  ],
});
