// Keycloak's database: a nested XVSHNPostgreSQL (the catalog's own
// service), not billed on its own, that writes its connection details into
// Keycloak's instance namespace.
import { disableBilling, vshnPostgreSQL } from '@appcat/appcat';
import { FieldError, getPath, isObject, mergeObjects, ValidationError, type JsonObject, type KubeObject } from '@appcat/runtime';
import {
  DATABASE_ANNOTATION,
  DATABASE_NAME,
  DATABASE_USER,
  DATABASE_USER_SECRET,
  namespaceOf,
  POSTGRESQL,
  POSTGRESQL_CONNECTION_SECRET,
  postgreSQLNameFor,
  type Context,
} from './names.js';
import { postgreSQLParametersSchema, type Parameters } from './generated.js';
import { observedRestore, restoreOf, type RestoreSource } from './restore.js';
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
 * How Keycloak reaches its database: as its own user owning its own
 * database, or as the superuser.
 *
 * - A new instance gets the user `keycloak` owning the database `keycloak`
 *   (the nested PostgreSQL's service.access), and never the superuser.
 * - A running instance created before keeps connecting as the superuser to
 *   the database `postgres`, where its data is. Moving it would mean
 *   handing every table, sequence and index Keycloak created over to the
 *   new user: PostgreSQL's REASSIGN OWNED refuses objects of the bootstrap
 *   superuser, so that is an ALTER of each object, run as the superuser,
 *   under a running Keycloak, on every instance at once. A step that fails
 *   half-way leaves Keycloak unable to migrate its schema on its next
 *   upgrade. Its data comes first: no running instance is migrated
 *   unattended; a restore into a new claim is the way to move one.
 * - A restored instance whose source kept its data in the database
 *   `keycloak` connects as `keycloak` too: the backup brings that role back
 *   owning the data, and the nested PostgreSQL gives it a password of its
 *   own (provider-sql sets the one the Role names on a role it finds
 *   existing). A source whose data is in the database `postgres` is owned
 *   by the superuser, so its restore connects as the superuser, to there.
 * - A restored instance created before its database user got a password of
 *   its own keeps connecting as the superuser: it is a running instance.
 */
export interface DatabaseAccess {
  dedicated: boolean;
  /** The database Keycloak's data is in. */
  database: string;
  /** The Secret (in the instance namespace) with the host, port, user, password and CA Keycloak connects with. */
  secret: string;
}

const superuser = (database: string): DatabaseAccess => ({ dedicated: false, database, secret: POSTGRESQL_CONNECTION_SECRET });
const DEDICATED: DatabaseAccess = { dedicated: true, database: DATABASE_NAME, secret: DATABASE_USER_SECRET };

/** Whether the nested composite as composed has Keycloak's own user. */
function hasOwnUser(pg: KubeObject): boolean {
  const access = getPath(pg, 'spec.parameters.service.access');
  return Array.isArray(access) && access.some((a) => isObject(a) && a['user'] === DATABASE_USER);
}

/** The access of the existing database (as it was created), else of the one to create; 'unresolved' while a restore's source is not read. */
export function databaseAccessOf(ctx: Context): DatabaseAccess | 'unresolved' {
  const pg = ctx.observed(POSTGRESQL);
  if (pg) return hasOwnUser(pg) ? DEDICATED : superuser(pg.metadata?.annotations?.[DATABASE_ANNOTATION] ?? vshnPostgreSQL.database);
  const source = restoreOf(ctx);
  if (source === 'unresolved') return source;
  if (source) return source.database === DATABASE_NAME ? DEDICATED : superuser(source.database);
  // A restore given in postgreSQLParameters brings a VSHNPostgreSQL's data, in its database.
  return ctx.params.service.postgreSQLParameters.restore?.claimName ? superuser(vshnPostgreSQL.database) : DEDICATED;
}

/** Keycloak's own user, owning its database (the user's name as the database's makes it the owner), its Secret beside Keycloak. */
const ownUser = (ctx: Context): JsonObject => ({
  user: DATABASE_USER,
  database: DATABASE_NAME,
  writeConnectionSecretToRef: { name: DATABASE_USER_SECRET, namespace: namespaceOf(ctx) },
});

/**
 * The nested composite's spec.parameters: Keycloak's defaults for its
 * database, the user's postgreSQLParameters on top, Keycloak's own user,
 * then the restore (which only the Keycloak claim can name: its source is
 * another Keycloak).
 */
export function postgreSQLParameters(ctx: Context, restore?: JsonObject, access?: DatabaseAccess): JsonObject {
  const merged = mergeObjects(databaseDefaults(ctx), ctx.params.service.postgreSQLParameters as JsonObject);
  if (access?.dedicated) {
    const service = isObject(merged['service']) ? merged['service'] : {};
    const users = Array.isArray(service['access']) ? service['access'] : [];
    merged['service'] = { ...service, access: [...users, ownUser(ctx)] };
  }
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
  (ctx.params.service.postgreSQLParameters.service?.access ?? []).forEach((a, i) => {
    if (a.user === DATABASE_USER)
      errors.push(
        new FieldError(`${schema.basePath}.service.access[${String(i)}].user`, `${DATABASE_USER} is Keycloak's own user; choose another name`),
      );
  });
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
  const source: RestoreSource | 'unresolved' | undefined = ctx.observed(POSTGRESQL) ? observedRestore(ctx) : restoreOf(ctx);
  const access = databaseAccessOf(ctx);
  if (source === 'unresolved' || access === 'unresolved') {
    ctx.waitFor(`the VSHNKeycloak ${ctx.params.restore?.claimName ?? ''} to restore from, and its database`);
    return;
  }
  const namespace = namespaceOf(ctx);
  const xr: KubeObject = {
    apiVersion: vshnPostgreSQL.apiVersion,
    kind: vshnPostgreSQL.compositeKind,
    metadata: { name, annotations: { [DATABASE_ANNOTATION]: access.database } },
    spec: {
      parameters: postgreSQLParameters(ctx, source?.restore, access),
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
  const access = databaseAccessOf(ctx);
  if (access === 'unresolved') return false;
  // Keycloak's own user's Secret is written inside the nested composite, which is ready once it is.
  if (access.dedicated) return ctx.isReady(POSTGRESQL);
  const details = ctx.observedConnectionDetails(POSTGRESQL);
  return DATABASE_KEYS.every((k) => details[k]) || ctx.isReady(POSTGRESQL);
}
