// backup.deletionProtection / deletionRetention: whether the backups outlive
// the instance. The nested bucket is what holds them: with protection on it
// is composed so that deleting it never deletes a bucket that has backups in
// it (DeleteIfEmpty), and it carries the retention for whoever removes
// retained buckets. Without protection, deleting the instance deletes the
// bucket and every backup in it.
//
// The retention's expiry is not composed: no pinned provider offers bucket
// lifecycle rules, and a composition function does not run once its
// composite is gone, so removing a retained bucket after deletionRetention
// days is left to the platform, which finds it by the annotation.
import type { Context } from './names.js';

/** Annotation on a retained backup bucket: the days its backups are kept after the instance is deleted. */
export const RETENTION_ANNOTATION = 'appcat.vshn.io/backup-deletion-retention-days';

export interface BucketRetention {
  bucketDeletionPolicy: 'DeleteAll' | 'DeleteIfEmpty';
  annotations: Record<string, string>;
}

export function bucketRetentionOf(ctx: Context): BucketRetention {
  const { deletionProtection, deletionRetention } = ctx.params.backup;
  if (!deletionProtection) return { bucketDeletionPolicy: 'DeleteAll', annotations: {} };
  return { bucketDeletionPolicy: 'DeleteIfEmpty', annotations: { [RETENTION_ANNOTATION]: String(deletionRetention) } };
}
