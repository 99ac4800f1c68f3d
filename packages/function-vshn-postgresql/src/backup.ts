// Backups go to a bucket of their own: a nested XObjectBucket (the catalog's
// ObjectBucket service), or the user's own bucket (backup.unmanagedBucket),
// and an SGObjectStorage that points StackGres at it with its credentials.
import { getString, type KubeObject } from '@appcat/runtime';
import { objectBucket } from '@appcat/appcat';
import { BACKUP_BUCKET, namespaceOf, OBJECT_STORAGE, type Context } from './names.js';
import { ownCredentialsSecretOf } from './restore.js';
import { bucketRetentionOf } from './retention.js';
import { composeUnmanagedBucket, UNMANAGED_CREDENTIALS_SECRET, type UnmanagedBucket } from './unmanaged-bucket.js';

/**
 * Whether the instance keeps a composed backup bucket: when backups are on
 * and go to it, and also after they were turned off or moved to an
 * unmanaged bucket, so neither ever deletes the bucket and the backups in it.
 */
function keepsBackupBucket(ctx: Context): boolean {
  const { enabled, unmanagedBucket } = ctx.params.backup;
  return (enabled && unmanagedBucket === undefined) || ctx.observed(BACKUP_BUCKET) !== undefined;
}

/** The Secret the composed bucket writes its credentials to, in the instance namespace. */
export function backupCredentialsSecretOf(ctx: Context): string {
  return ownCredentialsSecretOf(ctx, getString(ctx.observed(BACKUP_BUCKET), 'spec.writeConnectionSecretToRef.name'));
}

export function composeBackups(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const unmanaged = ctx.params.backup.enabled ? composeUnmanagedBucket(ctx, namespace) : undefined;
  if (keepsBackupBucket(ctx)) {
    composeBackupBucket(ctx, namespace);
    // A change the nested bucket refuses reaches the PostgreSQL claim, the only one its user sees.
    ctx.repeatNestedRefusal(BACKUP_BUCKET, 'the backup bucket', 'BackupBucketRefused');
  }
  if (unmanaged) composeUnmanagedObjectStorage(ctx, namespace, unmanaged);
  else if (keepsBackupBucket(ctx)) composeObjectStorage(ctx, namespace);
}

function composeBackupBucket(ctx: Context, namespace: string): void {
  const retention = bucketRetentionOf(ctx);
  const bucket: KubeObject = {
    apiVersion: objectBucket.apiVersion,
    kind: objectBucket.compositeKind,
    metadata: {
      name: ctx.nameFor('backup'),
      ...(Object.keys(retention.annotations).length > 0 ? { annotations: retention.annotations } : {}),
      ...(retention.finalizers.length > 0 ? { finalizers: retention.finalizers } : {}),
    },
    spec: {
      // DeleteAll either way: the retention finalizer, not the policy, is what keeps the backups (retention.ts).
      parameters: { bucketDeletionPolicy: 'DeleteAll' },
      ...(ctx.input.backupBucketCompositionName ? { compositionRef: { name: ctx.input.backupBucketCompositionName } } : {}),
      writeConnectionSecretToRef: { name: backupCredentialsSecretOf(ctx), namespace },
    },
  };
  ctx.desire(BACKUP_BUCKET, bucket);
}

interface Storage {
  bucket: string;
  endpoint: string;
  region?: string;
  secret: string;
}

function desireObjectStorage(ctx: Context, namespace: string, storage: Storage): void {
  const selector = (key: string) => ({ name: storage.secret, key });
  ctx.desireObject(
    OBJECT_STORAGE,
    {
      apiVersion: 'stackgres.io/v1beta1',
      kind: 'SGObjectStorage',
      metadata: { name: ctx.nameFor('backup'), namespace },
      spec: {
        type: 's3Compatible',
        s3Compatible: {
          bucket: storage.bucket,
          endpoint: storage.endpoint,
          ...(storage.region ? { region: storage.region } : {}),
          enablePathStyleAddressing: true,
          awsCredentials: { secretKeySelectors: { accessKeyId: selector('AWS_ACCESS_KEY_ID'), secretAccessKey: selector('AWS_SECRET_ACCESS_KEY') } },
        },
      },
    },
    { name: ctx.nameFor('object-storage') },
  );
}

/**
 * The SGObjectStorage, once the bucket reports its name and endpoint (kept
 * as it is if it exists and the bucket's status is briefly missing).
 */
function composeObjectStorage(ctx: Context, namespace: string): void {
  const bucket = ctx.observed(BACKUP_BUCKET);
  const bucketName = getString(bucket, 'status.bucketName');
  const endpoint = getString(bucket, 'status.endpointURL');
  const region = getString(bucket, 'status.region');
  if (!bucketName || !endpoint) {
    if (!ctx.keep(OBJECT_STORAGE)) ctx.waitFor('the backup bucket');
    return;
  }
  desireObjectStorage(ctx, namespace, { bucket: bucketName, endpoint, ...(region ? { region } : {}), secret: backupCredentialsSecretOf(ctx) });
}

function composeUnmanagedObjectStorage(ctx: Context, namespace: string, unmanaged: UnmanagedBucket): void {
  desireObjectStorage(ctx, namespace, {
    bucket: unmanaged.bucket,
    endpoint: unmanaged.endpoint,
    region: unmanaged.region,
    secret: UNMANAGED_CREDENTIALS_SECRET,
  });
}
