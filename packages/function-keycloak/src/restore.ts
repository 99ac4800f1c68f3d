// A Keycloak created from another Keycloak's backup: all of Keycloak's data
// is in its database, so the nested PostgreSQL is restored from the source
// instance's nested PostgreSQL. The source is the VSHNKeycloak claim named
// in the same namespace, read through an observe-only Object, then its
// nested PostgreSQL composite (which database Keycloak's data is in); until
// both are read, no database is created (an empty one would be a silent
// data loss). The nested PostgreSQL restores from that composite, checking
// on its side that it belongs to the same claim namespace.
import { FieldError, getObject, getString, observedMissing, ValidationError, type JsonObject } from '@appcat/runtime';
import { vshnPostgreSQL } from '@appcat/appcat';
import { DATABASE_ANNOTATION, POSTGRESQL, postgreSQLNameFor, type Context } from './names.js';

/** Composed resource names of the observers of the source claim and of its database. */
export const RESTORE_SOURCE = 'restore-source';
export const RESTORE_SOURCE_DATABASE = 'restore-source-database';

const FIELD = 'spec.parameters.restore';

/** The kind the nested restore names: the source's database is a composite without a claim. */
const SOURCE_DATABASE_KIND = 'XVSHNPostgreSQL';

/** The nested PostgreSQL's restore, and the database the source's data is in. */
export interface RestoreSource {
  restore: JsonObject;
  database: string;
}

export function validateRestore(ctx: Context): void {
  const r = ctx.params.restore;
  if (!r || Object.keys(r).length === 0) return;
  const errors: FieldError[] = [];
  if (!r.claimName)
    errors.push(new FieldError(`${FIELD}.claimName`, 'required to restore: the VSHNKeycloak in this namespace whose backup is restored'));
  else if (r.claimName.includes('/'))
    errors.push(
      new FieldError(
        `${FIELD}.claimName`,
        `must name a VSHNKeycloak in this claim's namespace (${ctx.claimNamespace ?? 'none'}); restoring from another namespace is not allowed`,
      ),
    );
  else if (r.claimName === ctx.claimName)
    errors.push(new FieldError(`${FIELD}.claimName`, 'names this instance; a restore comes from another VSHNKeycloak'));
  if (!r.backupName)
    errors.push(
      new FieldError(
        `${FIELD}.backupName`,
        `required to restore: the backup of ${r.claimName ?? 'the source'}'s database (kubectl get sgbackups in its database's instance namespace)`,
      ),
    );
  // The database API decides whether it can restore: an instance is never created with an empty database instead.
  if (r.claimName && ctx.observed(POSTGRESQL) && observedRestore(ctx) === undefined)
    errors.push(new FieldError(FIELD, 'an instance is restored only when it is created; remove it, or restore into a new claim'));
  if (errors.length > 0) throw new ValidationError(errors);
}

const observe = { managementPolicies: ['Observe'] as const };

/** The observe-only Objects reading the source claim and its database, while a restore is asked for and its database not created. */
export function composeRestoreSource(ctx: Context): void {
  const name = ctx.params.restore?.claimName;
  const namespace = ctx.claimNamespace;
  // Read only until the database is created from it: the source may be deleted afterwards.
  if (!name || ctx.observed(POSTGRESQL)) return;
  if (!namespace) throw new FieldError(`${FIELD}.claimName`, 'needs a claim: the instance to restore from is looked up in the claim namespace');
  ctx.desireObject(
    RESTORE_SOURCE,
    { apiVersion: ctx.composite.apiVersion, kind: 'VSHNKeycloak', metadata: { name, namespace } },
    { name: ctx.nameFor('restore-source'), ...observe },
  );
  if (observedMissing(ctx.observed(RESTORE_SOURCE)))
    throw new FieldError(
      `${FIELD}.claimName`,
      `there is no VSHNKeycloak ${name} in namespace ${namespace}; a restore comes from an instance in the same namespace`,
    );
  const source = getString(ctx.observedManifest(RESTORE_SOURCE), 'spec.resourceRef.name');
  if (source === undefined) return;
  ctx.desireObject(
    RESTORE_SOURCE_DATABASE,
    { apiVersion: vshnPostgreSQL.apiVersion, kind: SOURCE_DATABASE_KIND, metadata: { name: postgreSQLNameFor(source) } },
    { name: ctx.nameFor('restore-source-database'), ...observe },
  );
  if (observedMissing(ctx.observed(RESTORE_SOURCE_DATABASE)))
    throw new FieldError(`${FIELD}.claimName`, `the VSHNKeycloak ${name} has no database to restore from`);
}

/**
 * The nested PostgreSQL's restore: undefined without one, 'unresolved'
 * while the source or its database is not read yet.
 */
export function restoreOf(ctx: Context): RestoreSource | 'unresolved' | undefined {
  const r = ctx.params.restore;
  if (!r?.claimName) return undefined;
  const database = ctx.observedManifest(RESTORE_SOURCE_DATABASE);
  const source = getString(database, 'metadata.name');
  if (database === undefined || source === undefined) return 'unresolved';
  return {
    restore: {
      claimType: SOURCE_DATABASE_KIND,
      claimName: source,
      ...(r.backupName ? { backupName: r.backupName } : {}),
      ...(r.recoveryTimeStamp ? { recoveryTimeStamp: r.recoveryTimeStamp } : {}),
    },
    // A source created before Keycloak had its own database user keeps its data in the default database.
    database: database.metadata?.annotations?.[DATABASE_ANNOTATION] ?? vshnPostgreSQL.database,
  };
}

/** The restore the existing nested composite was created with. */
export function observedRestore(ctx: Context): RestoreSource | undefined {
  const pg = ctx.observed(POSTGRESQL);
  const restore = getObject(pg, 'spec.parameters.restore');
  if (!restore) return undefined;
  return { restore: { ...restore }, database: pg?.metadata?.annotations?.[DATABASE_ANNOTATION] ?? vshnPostgreSQL.database };
}
