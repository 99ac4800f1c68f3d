// VSHNKeycloak: Keycloak (the keycloakx chart) in an instance namespace of
// its own, with TLS, generated admin credentials, and a nested VSHNPostgreSQL
// whose billing it disables.
import { bootstrapInstanceNs, createFunction, FieldError, type RunFunction } from '@appcat/runtime';
import { publishConnection } from './connection.js';
import { ADMIN_CREDENTIALS, RELEASE, SERVICE, TLS_CERTIFICATE, type Context } from './context.js';
import { composeAdminCredentials } from './credentials.js';
import { inputSchema, parametersSchema } from './generated.js';
import { composePostgreSQL, databaseReady, validatePostgreSQLParameters } from './postgresql.js';
import { composeRelease, runningVersion } from './release.js';
import { maintenanceOf } from './schedules.js';
import { composeTLS } from './tls.js';

/** Rules across fields and against the running instance, before anything is composed. */
function validate(ctx: Context): void {
  const running = runningVersion(ctx.observed(RELEASE));
  const { version } = ctx.params.service;
  if (running !== undefined && Number(version) < running) {
    // Keycloak migrates its database on upgrade; an older Keycloak cannot read it.
    throw new FieldError('spec.parameters.service.version', `cannot be lowered on a running instance: it runs ${running}, the claim asks for ${version}`);
  }
  validatePostgreSQLParameters(ctx);
}

/**
 * The Release comes once the database's connection Secret, the certificate
 * and the admin Secret exist: Keycloak cannot start without them. A Release
 * that exists is always desired (it depends on nothing observed).
 */
function composeKeycloak(ctx: Context): void {
  const exists = ctx.observed(RELEASE) !== undefined;
  const dbReady = databaseReady(ctx);
  if (!dbReady) {
    const consequence = exists ? 'Keycloak is kept as it is, but may not reach it' : 'Keycloak is installed once they exist';
    ctx.result('warning', `the database is not ready: its connection details are missing; ${consequence}`, { reason: 'DatabaseNotReady' });
    ctx.waitFor('the database connection details');
  }
  const missing = [TLS_CERTIFICATE, ADMIN_CREDENTIALS].filter((name) => !ctx.isReady(name));
  if (!exists && (!dbReady || missing.length > 0)) {
    if (missing.length > 0) ctx.waitFor(`${missing.join(', ')} to be ready before Keycloak is installed`);
    return;
  }
  composeRelease(ctx);
}

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  steps: [
    { name: 'validate', run: validate },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, SERVICE) },
    { name: 'postgresql', run: composePostgreSQL },
    { name: 'credentials', run: composeAdminCredentials },
    { name: 'tls', run: composeTLS },
    { name: 'keycloak', run: composeKeycloak },
    { name: 'connection', run: publishConnection },
    { name: 'schedules', run: (ctx) => ctx.setStatus({ schedules: { maintenance: { ...maintenanceOf(ctx) } } }) },
  ],
});
