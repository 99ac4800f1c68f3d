// VSHNPostgreSQL: PostgreSQL on StackGres in an instance namespace of its
// own, with TLS, backups to a nested bucket, and derived schedules.
import { bootstrapInstanceNs, ownerLabels, vshnPostgreSQL } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { composeBackups } from './backup.js';
import { publishConnection } from './connection.js';
import { inputSchema, parametersSchema } from './generated.js';
import { reportPendingRestart } from './restart.js';
import { publishSchedules } from './schedules.js';
import { composeSecurity } from './security.js';
import { composeClusterWhenReady, composeStackGres } from './stackgres.js';
import { composeTLS } from './tls.js';
import { validate } from './version.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'validate', run: validate },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, vshnPostgreSQL) },
    { name: 'security', run: composeSecurity },
    { name: 'tls', run: composeTLS },
    { name: 'stackgres', run: composeStackGres },
    { name: 'backups', run: composeBackups },
    { name: 'cluster', run: composeClusterWhenReady },
    { name: 'restart', run: reportPendingRestart },
    { name: 'connection', run: publishConnection },
    { name: 'schedules', run: publishSchedules },
  ],
});
