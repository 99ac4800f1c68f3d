// Leader election on a coordination.k8s.io Lease, as client-go does it: the
// holder renews the lease; a candidate takes it once it has not been renewed
// for its duration; a holder that stops gracefully releases it at once.
import type { V1Lease } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import { type Kube, describeError, orUndefinedWhenNotFound, statusOf } from '../kube/client.js';

/**
 * A Lease's MicroTime: the API server wants exactly six fractional digits,
 * and client-node passes V1MicroTime values through as they are.
 */
function microTime(at: Date): Date {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z') as unknown as Date;
}

export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  /** How long a lease lasts without renewal (default 10 s). */
  leaseDurationS?: number;
  /** How often the holder renews and a candidate retries (default 2 s). */
  retryPeriodMs?: number;
}

export class LeaderElector {
  private timer: NodeJS.Timeout | undefined;
  private leading = false;
  private stopped = false;
  private tick: Promise<void> = Promise.resolve();
  private lastRenewal = 0;

  constructor(
    private readonly kube: Kube,
    private readonly opts: LeaderElectionOptions,
    private readonly log: Logger,
    private readonly onStart: () => Promise<void>,
    private readonly onStop: () => Promise<void>,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    const loop = (): void => {
      if (this.stopped) return;
      this.tick = this.tryAcquireOrRenew().finally(() => {
        if (!this.stopped) this.timer = setTimeout(loop, this.opts.retryPeriodMs ?? 2_000);
      });
    };
    loop();
  }

  /** Stops campaigning; with release, a held lease is handed back so a standby takes over at once. */
  async stop(release: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.tick;
    if (this.leading) {
      this.leading = false;
      await this.onStop();
      if (release) await this.release();
    }
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const { namespace, name, identity } = this.opts;
    const duration = this.opts.leaseDurationS ?? 10;
    const now = new Date();
    try {
      const lease = await orUndefinedWhenNotFound(this.kube.coordination.readNamespacedLease({ namespace, name }));
      const spec = lease?.spec ?? {};
      const renewed = spec.renewTime ? new Date(spec.renewTime).getTime() : 0;
      const heldByOther =
        spec.holderIdentity && spec.holderIdentity !== identity && renewed + (spec.leaseDurationSeconds ?? duration) * 1000 > now.getTime();
      if (heldByOther) {
        if (this.leading) await this.lose('lease taken by another holder');
        return;
      }
      const mine = spec.holderIdentity === identity;
      const body: V1Lease = {
        metadata: { name, namespace, ...(lease?.metadata?.resourceVersion ? { resourceVersion: lease.metadata.resourceVersion } : {}) },
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: duration,
          acquireTime: mine && spec.acquireTime ? spec.acquireTime : microTime(now),
          renewTime: microTime(now),
          leaseTransitions: (spec.leaseTransitions ?? 0) + (mine ? 0 : 1),
        },
      };
      if (lease) await this.kube.coordination.replaceNamespacedLease({ namespace, name, body });
      else await this.kube.coordination.createNamespacedLease({ namespace, body });
      this.lastRenewal = now.getTime();
      if (!this.leading && !this.stopped) {
        this.leading = true;
        this.log.info({ lease: `${namespace}/${name}` }, 'became leader');
        try {
          await this.onStart();
        } catch (err) {
          // Leading without working caches helps nobody: stand down, hand the lease back, campaign again.
          this.log.error({ err: describeError(err) }, 'could not start leading');
          this.leading = false;
          await this.onStop();
          await this.release();
        }
      }
    } catch (err) {
      // 409: another candidate won the race for this renewal.
      if (statusOf(err) !== 409) this.log.warn({ err: describeError(err) }, 'leader election failed');
      // A failed renewal is tolerated until others could consider the lease expired.
      if (this.leading && now.getTime() - this.lastRenewal >= duration * 800) await this.lose('could not renew the lease');
    }
  }

  private async lose(why: string): Promise<void> {
    this.leading = false;
    this.log.warn({ why }, 'lost leadership');
    await this.onStop();
  }

  private async release(): Promise<void> {
    const { namespace, name, identity } = this.opts;
    try {
      const lease = await this.kube.coordination.readNamespacedLease({ namespace, name });
      if (lease.spec?.holderIdentity !== identity) return;
      await this.kube.coordination.replaceNamespacedLease({
        namespace,
        name,
        body: {
          metadata: lease.metadata,
          spec: { holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(new Date(0)), leaseTransitions: lease.spec.leaseTransitions },
        },
      });
    } catch (err) {
      this.log.warn({ err: describeError(err) }, 'lease not released');
    }
  }
}
