// One sweep: every backup bucket composite that is being deleted and still
// carries the retention finalizer is released once its retention has passed
// since its deletion, and left held otherwise. A bucket whose retention
// cannot be read stays held (releasing it deletes its backups): the sweep
// reports it, and the platform fixes the annotation or removes the finalizer
// by hand. Running a sweep again changes nothing it has not changed already.
import { BACKUP_RETENTION_ANNOTATION, BACKUP_RETENTION_FINALIZER, releaseTimeOf, RetentionError, retentionDaysOf } from '@appcat/appcat';

/** What a sweep reads of a backup bucket composite. */
export interface Bucket {
  metadata: {
    name: string;
    uid?: string;
    deletionTimestamp?: string;
    finalizers?: string[];
    annotations?: Record<string, string>;
  };
}

/** The sweep's access to the backup bucket composites. */
export interface BucketStore {
  list(): Promise<Bucket[]>;
  /**
   * Removes the finalizer at `index` of the bucket if it is still the
   * retention finalizer there; false when the bucket is gone or changed.
   */
  release(bucket: Bucket, index: number): Promise<boolean>;
}

export type Decision =
  | { action: 'ignore' }
  | { action: 'hold'; releaseAt: Date }
  | { action: 'release'; releaseAt: Date; index: number }
  | { action: 'unreadable'; reason: string };

/** What to do with a bucket at `now`: released iff deleting, held by us, and its retention has passed. */
export function decide(bucket: Bucket, now: Date): Decision {
  const { deletionTimestamp, finalizers = [], annotations = {} } = bucket.metadata;
  const index = finalizers.indexOf(BACKUP_RETENTION_FINALIZER);
  if (deletionTimestamp === undefined || index < 0) return { action: 'ignore' };
  let releaseAt: Date;
  try {
    releaseAt = releaseTimeOf(deletionTimestamp, retentionDaysOf(annotations[BACKUP_RETENTION_ANNOTATION]));
  } catch (err) {
    if (err instanceof RetentionError) return { action: 'unreadable', reason: err.message };
    throw err;
  }
  return now.getTime() >= releaseAt.getTime() ? { action: 'release', releaseAt, index } : { action: 'hold', releaseAt };
}

/** The sweep's log: names, times and reasons only. */
export interface SweepLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface SweepResult {
  released: string[];
  held: string[];
  unreadable: string[];
}

export async function sweep(store: BucketStore, now: Date, log: SweepLog): Promise<SweepResult> {
  const result: SweepResult = { released: [], held: [], unreadable: [] };
  for (const bucket of await store.list()) {
    const name = bucket.metadata.name;
    const decision = decide(bucket, now);
    const deletedAt = bucket.metadata.deletionTimestamp;
    switch (decision.action) {
      case 'ignore':
        break;
      case 'hold':
        result.held.push(name);
        log.info({ bucket: name, deletedAt, releaseAt: decision.releaseAt.toISOString() }, 'backups kept: retention not over');
        break;
      case 'unreadable':
        result.unreadable.push(name);
        log.error(
          { bucket: name, deletedAt, reason: decision.reason },
          `backups kept: the retention cannot be read; fix the annotation ${BACKUP_RETENTION_ANNOTATION} or remove the finalizer ${BACKUP_RETENTION_FINALIZER} to delete them`,
        );
        break;
      case 'release':
        if (await store.release(bucket, decision.index)) {
          result.released.push(name);
          log.info({ bucket: name, deletedAt, releaseAt: decision.releaseAt.toISOString() }, 'retention over: bucket released for deletion');
        } else {
          log.warn({ bucket: name }, 'bucket changed or gone since it was listed: left to the next sweep');
        }
        break;
    }
  }
  return result;
}
