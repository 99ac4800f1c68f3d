// The backup retention contract between a service that keeps its backups
// after deletion (it composes its backup bucket with the finalizer and the
// annotation) and the platform's sweeper (it releases the finalizer once the
// retention has passed since the bucket's deletion).

/** Held on a backup bucket's composite while its backups are kept. */
export const BACKUP_RETENTION_FINALIZER = 'vshn.appcat.vshn.io/backup-retention';

/** Days a held backup bucket is kept after its deletion. */
export const BACKUP_RETENTION_ANNOTATION = 'appcat.vshn.io/backup-deletion-retention-days';

/** The longest retention the services accept (the XRDs' maximum of deletionRetention). */
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 86_400_000;

/** Thrown for a retention or deletion time the sweeper cannot read. */
export class RetentionError extends Error {}

/** The retention days of an annotation value: a whole number from 1 to MAX_RETENTION_DAYS, in decimal digits. */
export function retentionDaysOf(value: string | undefined): number {
  if (value === undefined) throw new RetentionError(`annotation ${BACKUP_RETENTION_ANNOTATION} is missing`);
  const days = /^[1-9][0-9]{0,3}$/.test(value) ? Number(value) : NaN;
  if (!(days <= MAX_RETENTION_DAYS)) {
    throw new RetentionError(
      `annotation ${BACKUP_RETENTION_ANNOTATION} is ${JSON.stringify(value)}: must be whole days from 1 to ${MAX_RETENTION_DAYS}`,
    );
  }
  return days;
}

/** When a bucket deleted at `deletionTimestamp` (RFC 3339) and kept `days` is released. */
export function releaseTimeOf(deletionTimestamp: string, days: number): Date {
  const deleted = Date.parse(deletionTimestamp);
  if (Number.isNaN(deleted)) throw new RetentionError(`metadata.deletionTimestamp is ${JSON.stringify(deletionTimestamp)}: not a time`);
  return new Date(deleted + days * DAY_MS);
}
