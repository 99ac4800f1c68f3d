// Backups go to a bucket of their own: a nested XObjectBucket (the catalog's
// ObjectBucket service), and an SGObjectStorage that points StackGres at it
// with the bucket's credentials.
import { getString, type KubeObject } from '@appcat/runtime';
import { objectBucket } from '@appcat/appcat';
import { BACKUP_BUCKET, BACKUP_CREDENTIALS_SECRET, namespaceOf, OBJECT_STORAGE, type Context } from './names.js';

/**
 * Whether the instance keeps a backup bucket: when backups are on, and also
 * after they were turned off, so turning them off never deletes the bucket
 * and the backups in it.
 */
function keepsBackupBucket(ctx: Context): boolean {
  return ctx.params.backup.enabled || ctx.observed(BACKUP_BUCKET) !== undefined;
}

export function composeBackups(ctx: Context): void {
  if (!keepsBackupBucket(ctx)) return;
  const namespace = namespaceOf(ctx);
  composeBackupBucket(ctx, namespace);
  // A change the nested bucket refuses reaches the PostgreSQL claim, the only one its user sees.
  ctx.repeatNestedRefusal(BACKUP_BUCKET, 'the backup bucket', 'BackupBucketRefused');
  composeObjectStorage(ctx, namespace);
}

function composeBackupBucket(ctx: Context, namespace: string): void {
  const bucket: KubeObject = {
    apiVersion: objectBucket.apiVersion,
    kind: objectBucket.compositeKind,
    metadata: { name: ctx.nameFor('backup') },
    spec: {
      parameters: { bucketDeletionPolicy: 'DeleteAll' },
      ...(ctx.input.backupBucketCompositionName ? { compositionRef: { name: ctx.input.backupBucketCompositionName } } : {}),
      writeConnectionSecretToRef: { name: BACKUP_CREDENTIALS_SECRET, namespace },
    },
  };
  ctx.desire(BACKUP_BUCKET, bucket);
}

/**
 * The SGObjectStorage, once the bucket reports its name and endpoint (kept
 * as it is if it exists and the bucket's status is briefly missing).
 * Returns its name, or undefined while there is none yet.
 */
function composeObjectStorage(ctx: Context, namespace: string): string | undefined {
  const name = ctx.nameFor('backup');
  const bucket = ctx.observed(BACKUP_BUCKET);
  const bucketName = getString(bucket, 'status.bucketName');
  const endpoint = getString(bucket, 'status.endpointURL');
  const region = getString(bucket, 'status.region');
  if (!bucketName || !endpoint) {
    if (ctx.keep(OBJECT_STORAGE)) return name;
    ctx.waitFor('the backup bucket');
    return undefined;
  }
  const selector = (key: string) => ({ name: BACKUP_CREDENTIALS_SECRET, key });
  ctx.desireObject(
    OBJECT_STORAGE,
    {
      apiVersion: 'stackgres.io/v1beta1',
      kind: 'SGObjectStorage',
      metadata: { name, namespace },
      spec: {
        type: 's3Compatible',
        s3Compatible: {
          bucket: bucketName,
          endpoint,
          ...(region ? { region } : {}),
          enablePathStyleAddressing: true,
          awsCredentials: { secretKeySelectors: { accessKeyId: selector('AWS_ACCESS_KEY_ID'), secretAccessKey: selector('AWS_SECRET_ACCESS_KEY') } },
        },
      },
    },
    { name: ctx.nameFor('object-storage') },
  );
  return name;
}
