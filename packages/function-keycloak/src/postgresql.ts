// Keycloak's database: a nested XVSHNPostgreSQL (the catalog's own
// service), not billed on its own, that writes its connection details into
// Keycloak's instance namespace.
import { disableBilling, vshnPostgreSQL } from '@appcat/appcat';
import { FieldError, mergeObjects, ValidationError, type JsonObject, type KubeObject } from '@appcat/runtime';
import { namespaceOf, POSTGRESQL, POSTGRESQL_CONNECTION_SECRET, postgreSQLNameFor, type Context } from './names.js';
import { postgreSQLParametersSchema, type Parameters } from './generated.js';
import { observedRestore, restoreOf } from './restore.js';
import { maintenanceOf } from './schedules.js';

/** Where the user's parameters live in the Keycloak claim, for error messages. */
const FIELD = 'spec.parameters.service.postgreSQLParameters';

/** The connection details Keycloak needs from the database. */
const DATABASE_KEYS = [
  'POSTGRESQL_HOST',
  'POSTGRESQL_PORT',
  'POSTGRESQL_DB',
  'POSTGRESQL_USER',
  'POSTGRESQL_PASSWORD',
] as const satisfies readonly (typeof vshnPostgreSQL.connectionKeys)[number][];

/**
 * Full daily backups that reach back as far as the retention asks: the
 * database takes one full backup a day, so weeks, months and years are
 * kept as the daily backups that span them (keepHourly is within a day and
 * covered by point-in-time recovery between two daily backups).
 */
export function retainedBackups(r: Parameters['backup']['retention']): number {
  const days = Math.max(r.keepDaily, 7 * (r.keepWeekly ?? 0), 31 * (r.keepMonthly ?? 0), 366 * (r.keepYearly ?? 0));
  return Math.max(1, r.keepLast ?? 0, days);
}

/** Keycloak's defaults for its database, from the Keycloak claim's own groups. */
function databaseDefaults(ctx: Context): JsonObject {
  const p = ctx.params;
  const { backup } = p;
  return {
    service: { serviceLevel: p.service.serviceLevel },
    size: { plan: 'standard-2', ...(p.size.disk ? { disk: p.size.disk } : {}) },
    // As many database instances as Keycloak's, at least one: Keycloak suspended (0) keeps its data served for a restart.
    instances: Math.max(1, p.instances),
    backup: { enabled: backup.enabled, retention: retainedBackups(backup.retention), ...(backup.schedule ? { schedule: backup.schedule } : {}) },
    maintenance: { ...maintenanceOf(ctx) },
  };
}

/**
 * The nested composite's spec.parameters: Keycloak's defaults for its
 * database, the user's postgreSQLParameters on top, then the restore
 * (which only the Keycloak claim can name: its source is another Keycloak).
 */
export function postgreSQLParameters(ctx: Context, restore?: JsonObject): JsonObject {
  const merged = mergeObjects(databaseDefaults(ctx), ctx.params.service.postgreSQLParameters as JsonObject);
  return restore ? { ...merged, restore } : merged;
}

/**
 * Validates the parameters against the VSHNPostgreSQL XRD (the single source
 * of truth), so a bad value fails here, naming the Keycloak claim's field,
 * instead of later on a nested composite the user cannot see.
 */
export function validatePostgreSQLParameters(ctx: Context): void {
  const schema = postgreSQLParametersSchema;
  // errors() applies defaults in place; the nested composite gets them from its API server.
  const errors = schema.errors(structuredClone(postgreSQLParameters(ctx)));
  if (errors.length === 0) return;
  const rewrite = (e: FieldError): FieldError =>
    new FieldError(e.field.startsWith(schema.basePath) ? FIELD + e.field.slice(schema.basePath.length) : e.field, e.detail);
  throw new ValidationError(errors.map(rewrite));
}

const postgreSQLNameOf = (ctx: Context): string => postgreSQLNameFor(ctx.name);

/** The nested composite, its billing disabled in the same response, so it is never billed on its own. */
export function composePostgreSQL(ctx: Context): void {
  const name = postgreSQLNameOf(ctx);
  // A restored instance's database is created only from its source's backup, never empty;
  // once it exists it keeps the restore it was created with, whatever became of its source.
  const restore = ctx.observed(POSTGRESQL) ? observedRestore(ctx) : restoreOf(ctx);
  if (restore === 'unresolved') return;
  const namespace = namespaceOf(ctx);
  const xr: KubeObject = {
    apiVersion: vshnPostgreSQL.apiVersion,
    kind: vshnPostgreSQL.compositeKind,
    metadata: { name },
    spec: {
      parameters: postgreSQLParameters(ctx, restore),
      compositionRef: { name: ctx.input.postgresqlCompositionName },
      writeConnectionSecretToRef: { name: POSTGRESQL_CONNECTION_SECRET, namespace },
    },
  };
  ctx.desire(POSTGRESQL, xr);
  disableBilling(ctx, vshnPostgreSQL.instanceNamespace(name));
}

/** A change the nested PostgreSQL refuses reaches the Keycloak claim, the only one its user sees. */
export function reportDatabaseRefusal(ctx: Context): void {
  ctx.repeatNestedRefusal(POSTGRESQL, 'the database', 'DatabaseRefused');
}

/**
 * Whether the database's connection details exist: Crossplane passes them
 * with the nested composite; and the VSHNPostgreSQL function keeps its
 * composite not ready until its credentials are observed, so a ready nested
 * composite has written them (which is what a render can show). Reading the
 * Secret through an Object instead would copy the password into that
 * Object's status.
 */
export function databaseReady(ctx: Context): boolean {
  const details = ctx.observedConnectionDetails(POSTGRESQL);
  return DATABASE_KEYS.every((k) => details[k]) || ctx.isReady(POSTGRESQL);
}
