// Fault injection, set over HTTP (PUT /emulator/faults) so a test or a person
// can make the ERP slow, flaky or gone while clients keep talking to it.
import { isRecord } from './values.js';

export interface Faults {
  /** Added before every answer of the Odoo endpoints. */
  latencyMs: number;
  /** Share (0..1) of calls answered with a server error. */
  errorRate: number;
  /** The next N calls fail with a server error (deterministic, for tests). */
  failNext: number;
  /** Connections are accepted and dropped without an answer, as a dead backend behind a proxy. */
  outage: boolean;
}

export const noFaults = (): Faults => ({ latencyMs: 0, errorRate: 0, failNext: 0, outage: false });

/** Applies a partial update; throws on a value of the wrong type or range. */
export function updateFaults(current: Faults, patch: unknown): Faults {
  if (!isRecord(patch)) throw new Error('faults: expected a JSON object');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'latencyMs':
      case 'failNext':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new Error(`faults.${key}: a non-negative integer`);
        next[key] = value;
        break;
      case 'errorRate':
        if (typeof value !== 'number' || value < 0 || value > 1) throw new Error('faults.errorRate: a number in [0, 1]');
        next.errorRate = value;
        break;
      case 'outage':
        if (typeof value !== 'boolean') throw new Error('faults.outage: a boolean');
        next.outage = value;
        break;
      default:
        throw new Error(`faults: unknown key '${key}' (latencyMs, errorRate, failNext, outage)`);
    }
  }
  return next;
}

/** Whether this call should fail; consumes one of failNext. */
export function shouldFail(faults: Faults, random: () => number = Math.random): boolean {
  if (faults.failNext > 0) {
    faults.failNext--;
    return true;
  }
  return faults.errorRate > 0 && random() < faults.errorRate;
}
