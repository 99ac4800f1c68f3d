// Schedules a claim leaves open are derived from a digest of the composite's
// uid: spread across instances, and the same on every reconcile without
// storing anything.
import { createHash } from 'node:crypto';
import { BoundedCache } from '@appcat/runtime';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

export type DayOfWeek = (typeof DAYS)[number];

/** The day `n` days after a Monday. */
export const dayOf = (n: number): DayOfWeek => DAYS[n % DAYS.length] ?? 'monday';

export interface MaintenanceWindow {
  dayOfWeek: DayOfWeek;
  /** HH:MM:SS, UTC. */
  timeOfDay: string;
}

/** Bytes derived from the uid; bytes 0-2 choose the maintenance window, the rest are free for other schedules. */
export function uidDigest(uid: string): Buffer {
  // A copy of the cached digest: the caller may keep or change what it gets.
  return Buffer.from(uidDigests.get(uid, (u) => createHash('sha256').update(u).digest()));
}

const uidDigests = new BoundedCache<Buffer>();

/** A weekly window starting between 21:00 and 23:45 UTC, on the quarter hour. */
export function derivedMaintenanceWindow(digest: Buffer): MaintenanceWindow {
  return { dayOfWeek: dayOf(digest.readUInt8(0)), timeOfDay: `${pad(21 + (digest.readUInt8(1) % 3))}:${pad((digest.readUInt8(2) % 4) * 15)}:00` };
}

/**
 * A claim's time of day as HH:MM:SS: AppCat's API accepts a one-digit hour
 * (3:00:00), which schedules and status always show padded.
 */
export function normalTimeOfDay(time: string): string {
  const [hour = '0', minute = '0', second = '0'] = time.split(':');
  return `${pad(Number(hour))}:${pad(Number(minute))}:${pad(Number(second))}`;
}
