// Deadlines, bounded retries of idempotent reads, and a circuit breaker
// around an Odoo transport, so a dead ERP costs callers milliseconds (the
// breaker answers) rather than a timeout each.
import { ErpTimeout, ErpUnavailable } from './erp.js';
import type { Json, OdooCall, OdooTransport } from './transport.js';

const IDEMPOTENT = new Set(['search', 'search_read', 'search_count', 'read', 'fields_get']);

export interface ResilienceOptions {
  /** Budget for one call including its retries (ms). */
  deadlineMs: number;
  /** Attempts for idempotent reads (1 = no retry). */
  attempts: number;
  /** First backoff (ms); doubles each retry, with jitter. */
  backoffMs: number;
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long the breaker stays open before one trial call (ms). */
  openMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trial = false;

  constructor(
    private readonly threshold: number,
    private readonly openMs: number,
    private readonly now: () => number,
  ) {}

  get state(): BreakerState {
    if (this.failures < this.threshold) return 'closed';
    return this.now() - this.openedAt >= this.openMs ? 'half-open' : 'open';
  }

  /** Throws while open; in half-open lets exactly one trial call through. */
  admit(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.trial) {
      this.trial = true;
      return;
    }
    const retryAfter = Math.max(1, Math.ceil((this.openMs - (this.now() - this.openedAt)) / 1000));
    throw new ErpUnavailable('the ERP is unavailable (circuit breaker open after repeated failures)', retryAfter);
  }

  success(): void {
    this.failures = 0;
    this.trial = false;
  }

  failure(): void {
    this.trial = false;
    this.failures++;
    if (this.failures >= this.threshold) this.openedAt = this.now();
  }
}

export class ResilientTransport implements OdooTransport {
  readonly breaker: CircuitBreaker;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly inner: OdooTransport,
    private readonly opts: ResilienceOptions,
    private readonly onAttempt: (call: OdooCall, outcome: 'ok' | 'fault' | 'unavailable' | 'timeout', ms: number) => void = () => undefined,
  ) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.breaker = new CircuitBreaker(opts.failureThreshold, opts.openMs, this.now);
  }

  async call(call: OdooCall, deadlineMs = this.opts.deadlineMs): Promise<Json> {
    const start = this.now();
    const attempts = IDEMPOTENT.has(call.method) ? this.opts.attempts : 1;
    for (let attempt = 1; ; attempt++) {
      this.breaker.admit();
      const remaining = deadlineMs - (this.now() - start);
      if (remaining <= 0) throw new ErpTimeout(`the ERP did not answer within ${deadlineMs} ms`);
      const t0 = this.now();
      try {
        const result = await this.inner.call(call, remaining);
        this.breaker.success();
        this.onAttempt(call, 'ok', this.now() - t0);
        return result;
      } catch (err) {
        const transient = err instanceof ErpUnavailable || err instanceof ErpTimeout;
        this.onAttempt(call, err instanceof ErpTimeout ? 'timeout' : transient ? 'unavailable' : 'fault', this.now() - t0);
        if (!transient) {
          // Odoo answered: the ERP is up, the request was wrong.
          this.breaker.success();
          throw err;
        }
        this.breaker.failure();
        const backoff = this.opts.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        if (attempt >= attempts || err instanceof ErpTimeout || this.now() - start + backoff >= deadlineMs) throw err;
        await this.sleep(backoff);
      }
    }
  }
}
