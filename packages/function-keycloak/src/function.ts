// VSHNKeycloak: Keycloak (the keycloakx chart) in an instance namespace of
// its own, with TLS, generated admin credentials, the user's customization
// copied in, its network and read access, metrics and alerts, and a nested
// VSHNPostgreSQL (backed up, restorable) whose billing it disables.
import { bootstrapInstanceNs, ownerLabels, vshnKeycloak } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { publishConnection } from './connection.js';
import { composeAdminCredentials } from './credentials.js';
import { composeCustomization } from './customization.js';
import { inputSchema, parametersSchema } from './generated.js';
import { composeMonitoring } from './monitoring.js';
import { composePostgreSQL, reportDatabaseRefusal } from './postgresql.js';
import { reportKeycloakReadiness } from './readiness.js';
import { composeKeycloak } from './release.js';
import { composeRestoreSource } from './restore.js';
import { publishSchedules } from './schedules.js';
import { composeSecurity } from './security.js';
import { composeTLS } from './tls.js';
import { validate } from './validate.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'validate', run: validate },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, vshnKeycloak) },
    { name: 'security', run: composeSecurity },
    { name: 'restore-source', run: composeRestoreSource },
    { name: 'postgresql', run: composePostgreSQL },
    { name: 'database-refusal', run: reportDatabaseRefusal },
    { name: 'credentials', run: composeAdminCredentials },
    { name: 'tls', run: composeTLS },
    { name: 'customization', run: composeCustomization },
    { name: 'keycloak', run: composeKeycloak },
    { name: 'keycloak-readiness', run: reportKeycloakReadiness },
    { name: 'monitoring', run: composeMonitoring },
    { name: 'connection', run: publishConnection },
    { name: 'schedules', run: publishSchedules },
  ],
});
