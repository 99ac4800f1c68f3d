// Fault injection, set over HTTP (PUT /emulator/faults) so a test or a person
// can make the ERP slow, flaky or gone while clients keep talking to it.
import { isRecord } from './values.js';

/**
 * Fails calls of one model and/or method: the first `skip` matching calls
 * pass, the next `times` fail. For tests that stop a sequence of calls at a
 * chosen point (a create that dies between its two records).
 */
export interface CallFault {
  model?: string;
  method?: string;
  skip: number;
  times: number;
}

export interface Faults {
  /** Added before every answer of the Odoo endpoints. */
  latencyMs: number;
  /** Share (0..1) of calls answered with a server error. */
  errorRate: number;
  /** The next N calls fail with a server error (deterministic, for tests). */
  failNext: number;
  /** Connections are accepted and dropped without an answer, as a dead backend behind a proxy. */
  outage: boolean;
  /** Rules failing chosen calls (see CallFault); spent rules stay with times 0. */
  failCalls: CallFault[];
}

export const noFaults = (): Faults => ({ latencyMs: 0, errorRate: 0, failNext: 0, outage: false, failCalls: [] });

function callFault(v: unknown, i: number): CallFault {
  const at = `faults.failCalls[${i}]`;
  if (!isRecord(v)) throw new Error(`${at}: expected an object with model, method, skip, times`);
  const count = (key: 'skip' | 'times', dflt: number): number => {
    const n = v[key] ?? dflt;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new Error(`${at}.${key}: a non-negative integer`);
    return n;
  };
  for (const key of Object.keys(v)) {
    if (!['model', 'method', 'skip', 'times'].includes(key)) throw new Error(`${at}: unknown key '${key}' (model, method, skip, times)`);
  }
  for (const key of ['model', 'method'] as const) {
    if (v[key] !== undefined && typeof v[key] !== 'string') throw new Error(`${at}.${key}: a string`);
  }
  return {
    ...(typeof v['model'] === 'string' ? { model: v['model'] } : {}),
    ...(typeof v['method'] === 'string' ? { method: v['method'] } : {}),
    skip: count('skip', 0),
    times: count('times', 1),
  };
}

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
      case 'failCalls':
        if (!Array.isArray(value)) throw new Error('faults.failCalls: a list of {model, method, skip, times}');
        next.failCalls = value.map(callFault);
        break;
      default:
        throw new Error(`faults: unknown key '${key}' (latencyMs, errorRate, failNext, outage, failCalls)`);
    }
  }
  return next;
}

/** Whether this call (model and method, when known) should fail; consumes one of failNext or of a matching rule. */
export function shouldFail(faults: Faults, call?: { model: string; method: string }, random: () => number = Math.random): boolean {
  if (call) {
    let fail = false;
    for (const rule of faults.failCalls) {
      if ((rule.model !== undefined && rule.model !== call.model) || (rule.method !== undefined && rule.method !== call.method)) continue;
      if (rule.skip > 0) rule.skip--;
      else if (rule.times > 0) {
        rule.times--;
        fail = true;
      }
    }
    if (fail) return true;
  }
  if (faults.failNext > 0) {
    faults.failNext--;
    return true;
  }
  return faults.errorRate > 0 && random() < faults.errorRate;
}
