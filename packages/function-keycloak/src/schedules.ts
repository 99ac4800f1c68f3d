// The maintenance window: the claim's, else derived from the composite's uid
// like every service's. The database gets the same window, so the service
// has one.
import { derivedMaintenanceWindow, uidDigest } from '@appcat/appcat';
import type { Context } from './names.js';

export interface Maintenance {
  dayOfWeek: string;
  timeOfDay: string;
}

export function maintenanceOf(ctx: Context): Maintenance {
  const window = derivedMaintenanceWindow(uidDigest(ctx.uid));
  return {
    dayOfWeek: ctx.params.maintenance.dayOfWeek ?? window.dayOfWeek,
    timeOfDay: ctx.params.maintenance.timeOfDay ?? window.timeOfDay,
  };
}

/** The effective maintenance window, for users to see in status.schedules. */
export function publishSchedules(ctx: Context): void {
  ctx.setStatus({ schedules: { maintenance: { ...maintenanceOf(ctx) } } });
}
