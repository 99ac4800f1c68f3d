// Maintenance window and backup time. Exoscale needs both (provider-exoscale
// rejects an empty time); when the claim leaves them out they are derived
// from the composite's uid: stable without storage, and spread so that not
// every instance is maintained at the same moment.
import { shortHash } from '@appcat/runtime';
import type { Parameters } from './generated.js';

type Day = NonNullable<Parameters['maintenance']['dayOfWeek']>;

const DAYS: readonly Day[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
/** Default windows start in the night of the zones' time zones (CET/EET): 21:00-03:45 UTC, on the quarter hour. */
const NIGHT_START_HOUR_UTC = 21;
const NIGHT_SLOTS = 7 * 4;

export type Schedules = {
  maintenance: { dayOfWeek: Day; timeOfDay: string };
  backup: { timeOfDay: string };
};

function clock(hour: number, minute: number, second: number): string {
  return [hour, minute, second].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Hours, minutes and seconds of "h:mm:ss" or "hh:mm:ss" (the XRD's pattern). */
function parts(time: string): [number, number, number] {
  const [h = 0, m = 0, s = 0] = time.split(':').map(Number);
  return [h, m, s];
}

export function schedulesOf(uid: string, params: Pick<Parameters, 'maintenance' | 'backup'>): Schedules {
  const seed = Number.parseInt(shortHash(uid, 8), 16);
  const slot = Math.floor(seed / DAYS.length) % NIGHT_SLOTS;
  const dayOfWeek = params.maintenance.dayOfWeek ?? DAYS[seed % DAYS.length] ?? 'monday';
  // Written as Exoscale reports them back (zero-padded; backups on the minute):
  // provider-exoscale compares the strings, and any other spelling would be
  // "not up to date" forever and updated on every poll.
  const [h, m, s] = params.maintenance.timeOfDay
    ? parts(params.maintenance.timeOfDay)
    : [(NIGHT_START_HOUR_UTC + Math.floor(slot / 4)) % 24, (slot % 4) * 15, 0];
  // Backups run daily; by default an hour before the window, so they never overlap it.
  const [bh, bm] = params.backup.timeOfDay ? parts(params.backup.timeOfDay) : [(h + 23) % 24, m];
  return { maintenance: { dayOfWeek, timeOfDay: clock(h, m, s) }, backup: { timeOfDay: clock(bh, bm, 0) } };
}
