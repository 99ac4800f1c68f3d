// The maintenance window. When the claim sets none, it is derived from a
// hash of the composite's uid: spread across instances, and the same on
// every reconcile without storing anything. The database gets the same
// window, so the service has one.
import { createHash } from 'node:crypto';
import type { Context } from './context.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
const pad = (n: number): string => String(n).padStart(2, '0');

export interface Maintenance {
  dayOfWeek: string;
  timeOfDay: string;
}

export function maintenanceOf(ctx: Context): Maintenance {
  const h = createHash('sha256').update(ctx.uid).digest();
  // Between 21:00 and 23:45 UTC, like VSHNPostgreSQL's derived windows.
  return {
    dayOfWeek: ctx.params.maintenance.dayOfWeek ?? DAYS[h[0]! % 7]!,
    timeOfDay: ctx.params.maintenance.timeOfDay ?? `${pad(21 + (h[1]! % 3))}:${pad((h[2]! % 4) * 15)}:00`,
  };
}
