// One ERP list per interval for every watch of this server, however many
// watches are open: each watch filters the shared result by its selectors
// and the user's rights. Polls only while a watch is open.
import type { BillingEntity } from './entity.js';

export type PollListener = (entities: BillingEntity[]) => Promise<void>;

export class SharedPoller {
  private readonly listeners = new Set<PollListener>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly list: () => Promise<BillingEntity[]>,
    private readonly intervalMs: number,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Calls `listener` with every poll's entities until the returned function is called. */
  subscribe(listener: PollListener): () => void {
    this.listeners.add(listener);
    if (!this.timer && !this.polling) this.schedule();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
    };
  }

  get watchers(): number {
    return this.listeners.size;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.poll();
    }, this.intervalMs);
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      const entities = await this.list();
      // Every listener has its turn before the next poll starts, so a watch never overlaps itself.
      await Promise.all([...this.listeners].map((l) => l(entities).catch(this.onError)));
    } catch (err) {
      // The ERP is down for this poll: watches stay open, the next poll tries again.
      this.onError(err);
    } finally {
      this.polling = false;
      if (this.listeners.size > 0 && !this.timer) this.schedule();
    }
  }
}
