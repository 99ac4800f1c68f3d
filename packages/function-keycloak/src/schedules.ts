// The maintenance window: the claim's, else derived from the composite's uid
// like every service's. The database gets the same window, so the service
// has one.
import { derivedMaintenanceWindow, uidDigest } from '@appcat/appcat';
import type { Context } from './names.js';

export interface Maintenance {
  dayOfWeek: string;
  timeOfDay: string;
}

/** AppCat's claims may write a one-digit hour (9:30:00); the window is always published as HH:MM:SS. */
const padded = (time: string): string => (/^[0-9]:/.test(time) ? `0${time}` : time);

export function maintenanceOf(ctx: Context): Maintenance {
  const window = derivedMaintenanceWindow(uidDigest(ctx.uid));
  const { dayOfWeek, timeOfDay } = ctx.params.maintenance;
  return {
    dayOfWeek: dayOfWeek ?? window.dayOfWeek,
    timeOfDay: timeOfDay === undefined ? window.timeOfDay : padded(timeOfDay),
  };
}

/**
 * The effective maintenance window, for users to see in status.schedules,
 * with whether new releases of the catalog (composition revisions) may be
 * rolled out in it: the platform's rollout reads it from there.
 */
export function publishSchedules(ctx: Context): void {
  const appcatRelease = ctx.params.maintenance.disableAppcatRelease ? 'disabled' : 'enabled';
  ctx.setStatus({ schedules: { maintenance: { ...maintenanceOf(ctx), appcatRelease } } });
}
