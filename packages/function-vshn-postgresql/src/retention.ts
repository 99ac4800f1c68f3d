// backup.deletionProtection / deletionRetention: whether the backups outlive
// the instance. The nested backup bucket is what holds them. With protection
// on it carries the retention finalizer and its retention in days: deleting
// the instance deletes the bucket's composite, which the finalizer keeps
// (with the bucket, its user and its credentials, which it owns) until the
// platform's backup retention sweeper releases it, deletionRetention days
// after its deletion. Turning protection off drops the finalizer (the
// composed resource is applied without it). Either way the bucket is
// DeleteAll: once its composite goes, the backups go with it, at once
// without protection and after the retention with it.
//
// The finalizer and the policy arrive in the same apply, so a bucket is
// never DeleteAll without being held while protection is on.
import { BACKUP_RETENTION_ANNOTATION, BACKUP_RETENTION_FINALIZER } from '@appcat/appcat';
import type { Context } from './names.js';

/** The retention as composed on the backup bucket's metadata. */
export interface BucketRetention {
  annotations: Record<string, string>;
  finalizers: string[];
}

export function bucketRetentionOf(ctx: Context): BucketRetention {
  const { deletionProtection, deletionRetention } = ctx.params.backup;
  if (!deletionProtection) return { annotations: {}, finalizers: [] };
  return {
    annotations: { [BACKUP_RETENTION_ANNOTATION]: String(deletionRetention) },
    finalizers: [BACKUP_RETENTION_FINALIZER],
  };
}
