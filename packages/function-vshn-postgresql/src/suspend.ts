// instances: 0 suspends an instance: StackGres stops its pods and keeps
// their volumes, the backups and every composed object, so setting the
// instances again resumes it with its data. The claim says it is suspended
// rather than waiting for a cluster that will not start.
import { SERVICE_READY } from '@appcat/runtime';
import type { Context } from './names.js';

export const SUSPENDED = 'Suspended';

export function reportSuspension(ctx: Context): void {
  if (ctx.params.instances !== 0) return;
  const message = 'the instance is suspended (instances: 0): PostgreSQL does not run; its data and backups are kept';
  ctx.result('normal', message, { reason: SUSPENDED });
  ctx.condition(SERVICE_READY, false, SUSPENDED, message);
}
