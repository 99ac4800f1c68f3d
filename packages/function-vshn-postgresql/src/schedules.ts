// Maintenance window and backup schedule. When the claim sets none, they are
// derived from a hash of the composite's uid: spread across instances, and
// the same on every reconcile without storing anything.
import { createHash } from 'node:crypto';
import type { Context } from './context.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

export interface Schedules {
  maintenance: { dayOfWeek: string; timeOfDay: string };
  /** Cron schedule of the full backup. */
  backup: string;
}

export function schedulesOf(ctx: Context): Schedules {
  const h = createHash('sha256').update(ctx.uid).digest();
  // Maintenance starts between 21:00 and 23:45 UTC; backups run between 00:00 and 04:59, after it.
  const derived = {
    dayOfWeek: DAYS[h[0]! % 7]!,
    timeOfDay: `${pad(21 + (h[1]! % 3))}:${pad((h[2]! % 4) * 15)}:00`,
    backup: `${h[3]! % 60} ${h[4]! % 5} * * *`,
  };
  return {
    maintenance: {
      dayOfWeek: ctx.params.maintenance.dayOfWeek ?? derived.dayOfWeek,
      timeOfDay: ctx.params.maintenance.timeOfDay ?? derived.timeOfDay,
    },
    backup: ctx.params.backup.schedule ?? derived.backup,
  };
}
