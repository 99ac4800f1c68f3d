// restore: a new instance created from a backup of another instance in the
// same namespace. The chain, each step waiting for the one before:
//   1. the source claim (observed) names its composite, hence its instance
//      namespace and the backup's object storage (a composite without a
//      claim, nested in another service, observes the source composite
//      itself: see sourceOf);
//   2. the source's SGObjectStorage (observed) names the Secret with the
//      bucket's credentials, and the source's SGBackup (observed) must exist;
//   3. that Secret is copied into this instance namespace under the same
//      name (StackGres resolves a backup's credentials by the names its
//      storage uses, in the namespace of the cluster it restores into), and
//      the backup is copied as an SGBackup whose sgCluster is prefixed with
//      the source's namespace (StackGres' form for a copied backup);
//   4. the SGCluster is created with initialData.restore from that copy, to
//      a point in time when the claim gives one.
// StackGres reads initialData only on creation: once the cluster exists
// everything composed for the restore stays as it is.
import {
  CLAIM_NAMESPACE,
  dnsName,
  FieldError,
  getObject,
  getPath,
  getString,
  isObject,
  observedMissing,
  type JsonObject,
  type KubeObject,
} from '@appcat/runtime';
import { secretCopy, vshnPostgreSQL } from '@appcat/appcat';
import { BACKUP_CREDENTIALS_SECRET, CLUSTER, namespaceOf, type Context } from './names.js';

export const RESTORE_SOURCE_CLAIM = 'restore-source-claim';
export const RESTORE_SOURCE_COMPOSITE = 'restore-source-composite';
export const RESTORE_SOURCE_STORAGE = 'restore-source-storage';
export const RESTORE_SOURCE_BACKUP = 'restore-source-backup';
export const RESTORE_CREDENTIALS = 'restore-credentials';
export const RESTORE_BACKUP = 'restore-backup';
const RESTORE_RESOURCES = [
  RESTORE_SOURCE_CLAIM,
  RESTORE_SOURCE_COMPOSITE,
  RESTORE_SOURCE_STORAGE,
  RESTORE_SOURCE_BACKUP,
  RESTORE_CREDENTIALS,
  RESTORE_BACKUP,
];

/** Kinds a claimType may name: AppCat writes the claim's kind or its composite's. */
const RESTORABLE_TYPES = new Set(['VSHNPostgreSQL', 'XVSHNPostgreSQL']);

const PATH = 'spec.parameters.restore';
const COMPOSITE_KIND = 'XVSHNPostgreSQL';

interface RestoreRequest {
  claimName: string;
  backupName: string;
  recoveryTimeStamp?: string;
  /** claimName names a composite, not a claim (see fromComposite). */
  composite: boolean;
}

/**
 * A composite without a claim (a database another service nests, such as
 * Keycloak's) has no namespace of its own to find a claim in: the instance
 * it restores from is the source's composite, named by claimName with
 * claimType XVSHNPostgreSQL. Only the service composing it can write that
 * (a claim's user cannot create composites); a claimed composite always
 * names a claim in its namespace, whatever its claimType says.
 */
const fromComposite = (ctx: Context, claimType: string | undefined): boolean =>
  claimType === COMPOSITE_KIND && getObject(ctx.composite, 'spec.claimRef') === undefined;

/** The claim's restore, checked for what holds without looking at the source. */
function requestOf(ctx: Context): RestoreRequest | undefined {
  const { claimName, backupName, recoveryTimeStamp, claimType } = ctx.params.restore;
  if (claimName === undefined && backupName === undefined && recoveryTimeStamp === undefined) return undefined;
  if (!claimName) throw new FieldError(`${PATH}.claimName`, 'names the claim to restore from and must be set to restore');
  if (claimName.includes('/')) {
    throw new FieldError(
      `${PATH}.claimName`,
      `must name a claim in this claim's namespace (${ctx.claimNamespace ?? 'none'}); restoring from another namespace is not allowed`,
    );
  }
  if (!backupName)
    throw new FieldError(
      `${PATH}.backupName`,
      `names the backup of ${claimName} to restore and must be set (kubectl get sgbackups in its instance namespace)`,
    );
  if (claimType && !RESTORABLE_TYPES.has(claimType)) {
    throw new FieldError(`${PATH}.claimType`, `${claimType} cannot be restored into a VSHNPostgreSQL; allowed is VSHNPostgreSQL`);
  }
  const composite = fromComposite(ctx, claimType);
  if (claimName === (composite ? ctx.name : ctx.claimName))
    throw new FieldError(`${PATH}.claimName`, 'is this claim itself; restore from another instance');
  return { claimName, backupName, ...(recoveryTimeStamp ? { recoveryTimeStamp } : {}), composite };
}

/** The Secret name the source's object storage reads its credentials from. */
function sourceSecretOf(ctx: Context): string {
  const storage = ctx.observedManifest(RESTORE_SOURCE_STORAGE);
  return getString(storage, 'spec.s3Compatible.awsCredentials.secretKeySelectors.accessKeyId.name') ?? BACKUP_CREDENTIALS_SECRET;
}

/**
 * The Secret this instance's own bucket writes to. A restored instance
 * holds the source's copied credentials under the source's name, so its own
 * get a name of their own; what the bucket already writes to stays.
 */
export function ownCredentialsSecretOf(ctx: Context, observedName: string | undefined): string {
  if (observedName) return observedName;
  if (requestOf(ctx) === undefined) return BACKUP_CREDENTIALS_SECRET;
  return dnsName([BACKUP_CREDENTIALS_SECRET, ctx.name]);
}

/** Composes the restore's chain (see above). Names what the cluster must wait for. */
export function composeRestore(ctx: Context): void {
  if (ctx.observed(CLUSTER) !== undefined) {
    // Created: the restore has run or runs; nothing of it changes any more.
    for (const name of RESTORE_RESOURCES) ctx.keep(name);
    checkUnchanged(ctx);
    return;
  }
  const request = requestOf(ctx);
  if (request === undefined) return;
  const sourceComposite = request.composite ? sourceCompositeOf(ctx, request) : sourceClaimOf(ctx, request);
  if (sourceComposite === undefined) return;
  const sourceNamespace = vshnPostgreSQL.instanceNamespace(sourceComposite);
  ctx.desireObject(
    RESTORE_SOURCE_STORAGE,
    {
      apiVersion: 'stackgres.io/v1beta1',
      kind: 'SGObjectStorage',
      metadata: { name: dnsName([sourceComposite, 'backup']), namespace: sourceNamespace },
    },
    { name: ctx.nameFor('restore-source-storage'), ...observe },
  );
  ctx.desireObject(
    RESTORE_SOURCE_BACKUP,
    { apiVersion: 'stackgres.io/v1', kind: 'SGBackup', metadata: { name: request.backupName, namespace: sourceNamespace } },
    { name: ctx.nameFor('restore-source-backup'), ...observe },
  );
  if (observedMissing(ctx.observed(RESTORE_SOURCE_BACKUP))) {
    throw new FieldError(`${PATH}.backupName`, `${request.claimName} has no backup ${request.backupName}`);
  }
  const sourceCluster = getString(ctx.observedManifest(RESTORE_SOURCE_BACKUP), 'spec.sgCluster');
  const storage = ctx.observedManifest(RESTORE_SOURCE_STORAGE);
  if (!sourceCluster || !storage) {
    ctx.waitFor(`the backup ${request.backupName} of ${request.claimName}`);
    return;
  }
  const namespace = namespaceOf(ctx);
  const secret = sourceSecretOf(ctx);
  const keys = ['accessKeyId', 'secretAccessKey'].map((k) => ({
    from: getString(storage, `spec.s3Compatible.awsCredentials.secretKeySelectors.${k}.key`) ?? '',
  }));
  const copy = secretCopy({ name: secret, namespace: sourceNamespace }, { name: secret, namespace }, keys);
  ctx.desireObject(RESTORE_CREDENTIALS, copy.manifest, { name: ctx.nameFor('restore-credentials'), references: copy.references });
  // A copy of a copy keeps its sgCluster as it is.
  const origin = sourceCluster.includes('.') ? sourceCluster : `${sourceNamespace}.${sourceCluster}`;
  ctx.desireObject(
    RESTORE_BACKUP,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGBackup',
      metadata: { name: request.backupName, namespace },
      spec: { sgCluster: origin, managedLifecycle: false },
    },
    { name: ctx.nameFor('restore-backup'), readiness: 'DeriveFromObject' },
  );
}

const observe = { managementPolicies: ['Observe'] as const };

/** A backup restores only into the major version it was taken on. */
function checkMajorVersion(ctx: Context, source: KubeObject | undefined, name: string): void {
  const sourceMajor = getString(source, 'spec.parameters.service.majorVersion');
  if (sourceMajor !== undefined && sourceMajor !== ctx.params.service.majorVersion) {
    throw new FieldError(
      'spec.parameters.service.majorVersion',
      `must be ${sourceMajor} to restore a backup of ${name}, which runs PostgreSQL ${sourceMajor}; upgrade after the restore`,
    );
  }
}

/** The source claim, observed in the claim namespace: its composite's name once read. */
function sourceClaimOf(ctx: Context, request: RestoreRequest): string | undefined {
  const claimNamespace = ctx.claimNamespace;
  if (claimNamespace === undefined) throw new FieldError(`${PATH}.claimName`, 'needs a claim: the source is looked up in the claim namespace');
  ctx.desireObject(
    RESTORE_SOURCE_CLAIM,
    { apiVersion: vshnPostgreSQL.apiVersion, kind: 'VSHNPostgreSQL', metadata: { name: request.claimName, namespace: claimNamespace } },
    { name: ctx.nameFor('restore-source'), ...observe },
  );
  if (observedMissing(ctx.observed(RESTORE_SOURCE_CLAIM))) {
    throw new FieldError(
      `${PATH}.claimName`,
      `there is no VSHNPostgreSQL ${request.claimName} in namespace ${claimNamespace}; only an instance in the same namespace can be restored from`,
    );
  }
  const sourceClaim = ctx.observedManifest(RESTORE_SOURCE_CLAIM);
  checkMajorVersion(ctx, sourceClaim, request.claimName);
  const sourceComposite = getString(sourceClaim, 'spec.resourceRef.name');
  if (!sourceComposite) ctx.waitFor(`the source claim ${request.claimName}`);
  return sourceComposite;
}

/**
 * The source composite of a composite without a claim, observed (composites
 * are cluster-scoped). It must belong to the same claim namespace as this
 * one (the label Crossplane carries down from the claim to every nested
 * composite): the same rule as for claims, so a nested restore never reads
 * another namespace's data.
 */
function sourceCompositeOf(ctx: Context, request: RestoreRequest): string | undefined {
  ctx.desireObject(
    RESTORE_SOURCE_COMPOSITE,
    { apiVersion: vshnPostgreSQL.apiVersion, kind: COMPOSITE_KIND, metadata: { name: request.claimName } },
    { name: ctx.nameFor('restore-source'), ...observe },
  );
  if (observedMissing(ctx.observed(RESTORE_SOURCE_COMPOSITE)))
    throw new FieldError(`${PATH}.claimName`, `there is no ${COMPOSITE_KIND} ${request.claimName} to restore from`);
  const source = ctx.observedManifest(RESTORE_SOURCE_COMPOSITE);
  if (source === undefined) {
    ctx.waitFor(`the source ${COMPOSITE_KIND} ${request.claimName}`);
    return undefined;
  }
  const sourceNamespace = source.metadata?.labels?.[CLAIM_NAMESPACE];
  if (sourceNamespace !== ctx.claimNamespace) {
    throw new FieldError(
      `${PATH}.claimName`,
      `${COMPOSITE_KIND} ${request.claimName} belongs to ${sourceNamespace === undefined ? 'no claim namespace' : `namespace ${sourceNamespace}`}, not ${ctx.claimNamespace ?? 'none'}; only an instance in the same namespace can be restored from`,
    );
  }
  checkMajorVersion(ctx, source, request.claimName);
  return request.claimName;
}

/** Checks the claim's restore before anything is composed; a running instance's is checked when composing. */
export function validateRestore(ctx: Context): void {
  if (ctx.observed(CLUSTER) === undefined) requestOf(ctx);
}

/** What the cluster waits for before it is created from the backup. */
export function restoreDependencies(ctx: Context): string[] {
  if (ctx.observed(CLUSTER) !== undefined || requestOf(ctx) === undefined) return [];
  return [RESTORE_CREDENTIALS, RESTORE_BACKUP];
}

/** The SGCluster's initialData: as created once the cluster exists, else from the claim. */
export function initialDataOf(ctx: Context): JsonObject | undefined {
  const running = ctx.observed(CLUSTER);
  if (running !== undefined) {
    const data = getPath(running, 'spec.forProvider.manifest.spec.initialData');
    return isObject(data) ? data : undefined;
  }
  const request = requestOf(ctx);
  if (request === undefined) return undefined;
  const fromBackup: JsonObject = { name: request.backupName };
  if (request.recoveryTimeStamp) fromBackup['pointInTimeRecovery'] = { restoreToTimestamp: request.recoveryTimeStamp };
  return { restore: { fromBackup } };
}

/** A restore asked of a running instance cannot happen: StackGres restores only into a new cluster. */
function checkUnchanged(ctx: Context): void {
  const request = ctx.params.restore;
  if (request.claimName === undefined && request.backupName === undefined) return;
  const created = getString(ctx.observed(CLUSTER), 'spec.forProvider.manifest.spec.initialData.restore.fromBackup.name');
  if (created === request.backupName) return;
  throw new FieldError(
    `${PATH}.backupName`,
    created === undefined
      ? 'a running instance cannot be restored into; create a new claim with this restore'
      : `cannot change on a running instance: it was restored from ${created}`,
  );
}
