// Changes that wait for a restart: StackGres marks every instance whose
// settings changed in a way only a restart applies. updateStrategy says
// when that restart happens: at once (Immediate, StackGres' Always), or in
// the maintenance window (OnRestart, StackGres' Schedule). The claim shows
// a pending restart and when it will happen.
import { getPath, isObject, type JsonObject } from '@appcat/runtime';
import { CLUSTER, type Context } from './names.js';
import { maintenanceCronOf, schedulesOf } from './schedules.js';

export const PENDING_RESTART = 'PendingRestart';

/** How long the weekly maintenance window lasts (ISO 8601). */
export const MAINTENANCE_DURATION = 'PT1H';

/** The SGCluster's pods.updateStrategy for the claim's updateStrategy.type. */
export function updateStrategyOf(ctx: Context): JsonObject {
  if (ctx.params.updateStrategy.type === 'Immediate') return { type: 'Always' };
  return { type: 'Schedule', schedule: [{ cron: maintenanceCronOf(ctx), duration: MAINTENANCE_DURATION }] };
}

/** Whether any instance of the running cluster waits for a restart. */
function restartPending(ctx: Context): boolean {
  const pods = getPath(ctx.observed(CLUSTER), 'status.atProvider.manifest.status.podStatuses');
  return Array.isArray(pods) && pods.some((p) => isObject(p) && p['pendingRestart'] === true);
}

export function reportPendingRestart(ctx: Context): void {
  if (ctx.observed(CLUSTER) === undefined) return;
  if (!restartPending(ctx)) {
    ctx.condition(PENDING_RESTART, false, 'UpToDate');
    return;
  }
  if (ctx.params.updateStrategy.type === 'Immediate') {
    ctx.condition(PENDING_RESTART, true, 'Restarting', 'PostgreSQL is restarting to apply changed settings');
    return;
  }
  const { dayOfWeek, timeOfDay } = schedulesOf(ctx).maintenance;
  ctx.condition(
    PENDING_RESTART,
    true,
    'MaintenanceWindow',
    `PostgreSQL restarts in the next maintenance window (${dayOfWeek} ${timeOfDay} UTC) to apply changed settings`,
  );
}
