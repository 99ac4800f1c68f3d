// Maintenance window and backup schedule: the claim's, else derived from the
// composite's uid (shown in status.schedules).
import { derivedMaintenanceWindow, normalTimeOfDay, uidDigest } from '@appcat/appcat';
import type { Context } from './names.js';

export interface Schedules {
  maintenance: { dayOfWeek: string; timeOfDay: string };
  /** Cron schedule of the full backup. */
  backup: string;
}

/** The schedules of this call (several steps read them; none may change them). */
export const schedulesOf = (ctx: Context): Schedules => ctx.once(computeSchedules);

function computeSchedules(ctx: Context): Schedules {
  const digest = uidDigest(ctx.uid);
  const window = derivedMaintenanceWindow(digest);
  return {
    maintenance: {
      dayOfWeek: ctx.params.maintenance.dayOfWeek ?? window.dayOfWeek,
      // AppCat's API takes 3:00:00 as well as 03:00:00.
      timeOfDay: normalTimeOfDay(ctx.params.maintenance.timeOfDay ?? window.timeOfDay),
    },
    // Backups run between 00:00 and 04:59, after any derived window.
    backup: ctx.params.backup.schedule ?? `${digest.readUInt8(3) % 60} ${digest.readUInt8(4) % 5} * * *`,
  };
}

/** The effective schedules, for users to see in status.schedules. */
export function publishSchedules(ctx: Context): void {
  ctx.setStatus({ schedules: { ...schedulesOf(ctx) } });
}

const WEEKDAY: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };

/** The maintenance window as the cron expression StackGres schedules updates with (minute hour * * weekday, UTC). */
export function maintenanceCronOf(ctx: Context): string {
  const { dayOfWeek, timeOfDay } = schedulesOf(ctx).maintenance;
  const [hour = '0', minute = '0'] = timeOfDay.split(':');
  return `${Number(minute)} ${Number(hour)} * * ${WEEKDAY[dayOfWeek] ?? 0}`;
}
