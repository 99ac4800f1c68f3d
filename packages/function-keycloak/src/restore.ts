// A Keycloak created from another Keycloak's backup: all of Keycloak's data
// is in its database, so the nested PostgreSQL is restored from the source
// instance's nested PostgreSQL. The source is the VSHNKeycloak claim named
// in the same namespace, read through an observe-only Object; until it is
// read, no database is created (an empty one would be a silent data loss).
import { FieldError, getCondition, getObject, getString, SERVICE_READY, ValidationError, type JsonObject } from '@appcat/runtime';
import { postgreSQLParametersSchema } from './generated.js';
import { POSTGRESQL, postgreSQLNameFor, type Context } from './names.js';

/** Composed resource name of the observer of the source claim. */
export const RESTORE_SOURCE = 'restore-source';

const FIELD = 'spec.parameters.restore';

/** The kind the nested restore names: the source's database is a composite without a claim. */
const SOURCE_DATABASE_KIND = 'XVSHNPostgreSQL';

export function validateRestore(ctx: Context): void {
  const r = ctx.params.restore;
  if (!r || Object.keys(r).length === 0) return;
  const errors: FieldError[] = [];
  if (!r.claimName)
    errors.push(new FieldError(`${FIELD}.claimName`, 'required to restore: the VSHNKeycloak in this namespace whose backup is restored'));
  else if (r.claimName === ctx.claimName)
    errors.push(new FieldError(`${FIELD}.claimName`, 'names this instance; a restore comes from another VSHNKeycloak'));
  // The database API decides whether it can restore: an instance is never created with an empty database instead.
  if (r.claimName && ctx.observed(POSTGRESQL) && observedRestore(ctx) === undefined)
    errors.push(new FieldError(FIELD, 'an instance is restored only when it is created; remove it, or restore into a new claim'));
  if (postgreSQLParametersSchema.errors({ restore: { claimName: 'source' } }).length > 0)
    errors.push(new FieldError(FIELD, "the database of this catalog's VSHNKeycloak cannot be restored from a backup yet"));
  if (errors.length > 0) throw new ValidationError(errors);
}

/** The observe-only Object reading the source claim, while a restore is asked for and its database not created. */
export function composeRestoreSource(ctx: Context): void {
  const name = ctx.params.restore?.claimName;
  const namespace = ctx.claimNamespace;
  // Read only until the database is created from it: the source may be deleted afterwards.
  if (!name || ctx.observed(POSTGRESQL)) return;
  if (!namespace) throw new Error('the composite has no claim namespace label, so the instance to restore from cannot be found');
  ctx.desireObject(
    RESTORE_SOURCE,
    { apiVersion: ctx.composite.apiVersion, kind: 'VSHNKeycloak', metadata: { name, namespace } },
    { name: ctx.nameFor('restore-source'), managementPolicies: ['Observe'] },
  );
}

/**
 * The nested PostgreSQL's restore: undefined without one, 'unresolved'
 * while the source's database is not known (the source claim not read yet,
 * or not found, which the claim is told).
 */
export function restoreOf(ctx: Context): JsonObject | 'unresolved' | undefined {
  const r = ctx.params.restore;
  if (!r?.claimName) return undefined;
  const source = getString(ctx.observedManifest(RESTORE_SOURCE), 'spec.resourceRef.name');
  if (source === undefined) {
    const synced = getCondition(ctx.observed(RESTORE_SOURCE), 'Synced');
    if (synced?.status === 'False') {
      const message = `${FIELD}.claimName: there is no VSHNKeycloak ${r.claimName} in namespace ${ctx.claimNamespace ?? ''}; a restore comes from an instance in the same namespace`;
      ctx.result('warning', message, { reason: 'RestoreSourceNotFound' });
      ctx.condition(SERVICE_READY, false, 'RestoreSourceNotFound', message);
    }
    ctx.waitFor(`the VSHNKeycloak ${r.claimName} to restore from`);
    return 'unresolved';
  }
  return {
    claimType: SOURCE_DATABASE_KIND,
    claimName: postgreSQLNameFor(source),
    ...(r.backupName ? { backupName: r.backupName } : {}),
    ...(r.recoveryTimeStamp ? { recoveryTimeStamp: r.recoveryTimeStamp } : {}),
  };
}

/** The restore the existing nested composite was created with. */
export function observedRestore(ctx: Context): JsonObject | undefined {
  const restore = getObject(ctx.observed(POSTGRESQL), 'spec.parameters.restore');
  return restore ? { ...restore } : undefined;
}
