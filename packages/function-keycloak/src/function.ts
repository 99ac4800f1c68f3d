// VSHNKeycloak: Keycloak (the keycloakx chart) in an instance namespace of
// its own, with TLS, generated admin credentials, and a nested VSHNPostgreSQL
// whose billing it disables.
import { bootstrapInstanceNs, ownerLabels, vshnKeycloak } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { publishConnection } from './connection.js';
import { composeAdminCredentials } from './credentials.js';
import { inputSchema, parametersSchema } from './generated.js';
import { composePostgreSQL, reportDatabaseRefusal } from './postgresql.js';
import { composeKeycloak } from './release.js';
import { publishSchedules } from './schedules.js';
import { composeTLS } from './tls.js';
import { validate } from './validate.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'validate', run: validate },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, vshnKeycloak) },
    { name: 'postgresql', run: composePostgreSQL },
    { name: 'database-refusal', run: reportDatabaseRefusal },
    { name: 'credentials', run: composeAdminCredentials },
    { name: 'tls', run: composeTLS },
    { name: 'keycloak', run: composeKeycloak },
    { name: 'connection', run: publishConnection },
    { name: 'schedules', run: publishSchedules },
  ],
});
