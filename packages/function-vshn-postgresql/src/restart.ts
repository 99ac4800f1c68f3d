// Changes that wait for a restart: StackGres marks every instance whose
// settings changed in a way only a restart applies; the claim shows it, and
// when the restart will happen, until the maintenance window has run it.
import { getPath, isObject } from '@appcat/runtime';
import { CLUSTER, type Context } from './names.js';
import { schedulesOf } from './schedules.js';

export const PENDING_RESTART = 'PendingRestart';

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
  const { dayOfWeek, timeOfDay } = schedulesOf(ctx).maintenance;
  ctx.condition(
    PENDING_RESTART,
    true,
    'MaintenanceWindow',
    `PostgreSQL restarts in the next maintenance window (${dayOfWeek} ${timeOfDay} UTC) to apply changed settings`,
  );
}
