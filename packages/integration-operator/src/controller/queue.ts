// A work queue in the manner of client-go's: a key is queued at most once,
// never handled by two workers at once (a key added while it is handled runs
// again afterwards), and a failing key is retried with exponential backoff
// that resets on success.
export interface WorkQueueOptions {
  concurrency: number;
  /** First retry delay after a failure (default 100 ms), doubled per failure. */
  baseDelayMs?: number;
  /** Longest retry delay (default 5 min). */
  maxDelayMs?: number;
  handle: (key: string) => Promise<{ requeueAfterMs?: number }>;
  /** Called after each handled key (for metrics and logs). */
  onHandled?: (key: string, seconds: number, error: unknown) => void;
}

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly workers: Promise<void>[] = [];
  private wake: (() => void) | undefined;
  private stopping = false;

  constructor(private readonly opts: WorkQueueOptions) {}

  /** Keys waiting (not counting those being handled or delayed). */
  get depth(): number {
    return this.queue.length;
  }

  add(key: string): void {
    if (this.stopping) return;
    if (this.active.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push(key);
    this.wake?.();
  }

  /** Adds the key after a delay; an earlier pending delay for it wins. */
  addAfter(key: string, delayMs: number): void {
    if (this.stopping || this.timers.has(key)) return;
    const timer = setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, delayMs);
    this.timers.set(key, timer);
  }

  start(): void {
    for (let i = 0; i < this.opts.concurrency; i++) this.workers.push(this.work());
  }

  /** Stops taking keys and waits for the keys being handled. */
  async shutDown(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    this.queued.clear();
    this.wake?.();
    await Promise.all(this.workers);
  }

  private async next(): Promise<string | undefined> {
    while (!this.stopping) {
      const key = this.queue.shift();
      if (key !== undefined) {
        this.queued.delete(key);
        return key;
      }
      await new Promise<void>((resolve) => {
        const previous = this.wake;
        this.wake = () => {
          this.wake = undefined;
          previous?.();
          resolve();
        };
      });
    }
    return undefined;
  }

  private async work(): Promise<void> {
    for (;;) {
      const key = await this.next();
      if (key === undefined) return;
      this.active.add(key);
      const started = process.hrtime.bigint();
      let error: unknown;
      let requeueAfterMs: number | undefined;
      try {
        requeueAfterMs = (await this.opts.handle(key)).requeueAfterMs;
        this.failures.delete(key);
      } catch (err) {
        error = err;
      }
      this.active.delete(key);
      this.opts.onHandled?.(key, Number(process.hrtime.bigint() - started) / 1e9, error);
      if (error !== undefined) {
        const n = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, n);
        this.addAfter(key, Math.min((this.opts.baseDelayMs ?? 100) * 2 ** (n - 1), this.opts.maxDelayMs ?? 300_000));
      } else if (requeueAfterMs !== undefined) {
        this.addAfter(key, requeueAfterMs);
      }
      if (this.dirty.delete(key)) this.add(key);
    }
  }
}
