// Mutual exclusion across replicas on the one linearizable store the server
// has: kube-apiserver. A lock is a coordination.k8s.io Lease in the server's
// namespace, taken by creating it (only one create of a name succeeds) or by
// replacing an expired one with its resourceVersion as precondition (only
// one replace of a version succeeds), and deleted on release with uid and
// resourceVersion as preconditions (never someone else's).
//
// Expiry is judged on this replica's clock alone: a lease counts as expired
// once the same resourceVersion has been seen for longer than its duration,
// so clock skew between replicas cannot hand one lease to two holders. The
// holder, in turn, stops writing before its duration has passed since it
// asked for the lease (assertHeld), so a crashed or stalled holder blocks
// others for at most one duration and never writes after losing the lease.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { ApiError } from '../api/status.js';
import { type KubeClient, KubeError } from './client.js';

export interface LeaseOptions {
  namespace: string;
  /** How long a lease is valid after it was taken; the holder's writes must end before. */
  durationMs: number;
  /** How long hold() waits for a lease another holder has. */
  waitMs: number;
  /** Identity written as holderIdentity (default: host name and a random suffix, one per process). */
  holder?: string;
  now?: () => number;
}

interface LeaseObject {
  metadata?: { name?: string; uid?: string; resourceVersion?: string };
  spec?: { holderIdentity?: string; leaseDurationSeconds?: number };
}

/** A lease this process holds. */
export interface HeldLease {
  readonly name: string;
  /**
   * Throws unless the lease stays valid for another `forMs` (the deadline of
   * the writes about to start): a holder that got slow stops instead of
   * writing when another may already hold the lease.
   */
  assertHeld(forMs: number): void;
}

/** Another holder kept the lease for longer than the wait. */
export class LeaseBusy extends ApiError {
  constructor(what: string) {
    super(409, 'Conflict', `${what} is being changed by another request; try again`, undefined, { 'retry-after': '1' });
  }
}

const COORDINATION = '/apis/coordination.k8s.io/v1';

/** Kubernetes MicroTime: RFC 3339 with exactly six fractional digits. */
const microTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export class LeaseLocks {
  readonly holder: string;
  private readonly now: () => number;
  /** resourceVersion of each lease held by others and when this replica first saw it. */
  private readonly observed = new Map<string, { resourceVersion: string; since: number }>();

  constructor(
    private readonly kube: KubeClient,
    private readonly o: LeaseOptions,
  ) {
    this.holder = o.holder ?? `${hostname()}-${randomBytes(4).toString('hex')}`;
    this.now = o.now ?? Date.now;
  }

  private path(name?: string): string {
    return `${COORDINATION}/namespaces/${encodeURIComponent(this.o.namespace)}/leases${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  private body(name: string, at: number, resourceVersion?: string): Record<string, unknown> {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name,
        namespace: this.o.namespace,
        labels: { 'app.kubernetes.io/managed-by': 'billing-api' },
        ...(resourceVersion ? { resourceVersion } : {}),
      },
      spec: {
        holderIdentity: this.holder,
        leaseDurationSeconds: Math.max(1, Math.ceil(this.o.durationMs / 1000)),
        acquireTime: microTime(at),
        renewTime: microTime(at),
      },
    };
  }

  private held(name: string, requestedAt: number, lease: LeaseObject): HeldLease & { uid: string; resourceVersion: string } {
    // Valid from when it was asked for, not when the answer came: others may count from the write.
    const until = requestedAt + this.o.durationMs;
    return {
      name,
      uid: lease.metadata?.uid ?? '',
      resourceVersion: lease.metadata?.resourceVersion ?? '',
      assertHeld: (forMs) => {
        if (this.now() + forMs > until)
          throw new ApiError(
            503,
            'ServiceUnavailable',
            `the lock on ${name} expired before the write; try again`,
            { retryAfterSeconds: 1 },
            { 'retry-after': '1' },
          );
      },
    };
  }

  /** Takes the lease if it is free or expired; undefined if another holder has it. */
  private async tryAcquire(name: string): Promise<(HeldLease & { uid: string; resourceVersion: string }) | undefined> {
    const at = this.now();
    const created = await this.kube.request('POST', this.path(), this.body(name, at));
    if (created.status === 201) return this.held(name, at, created.body as LeaseObject);
    if (created.status !== 409) throw statusError('POST', this.path(), created);
    const got = await this.kube.request('GET', this.path(name));
    if (got.status === 404) {
      this.observed.delete(name);
      return undefined; // released in between: the next attempt creates it
    }
    if (got.status !== 200) throw statusError('GET', this.path(name), got);
    const lease = got.body as LeaseObject;
    const resourceVersion = lease.metadata?.resourceVersion ?? '';
    const seen = this.observed.get(name);
    if (seen?.resourceVersion !== resourceVersion) {
      if (this.observed.size > 10_000) this.observed.clear();
      this.observed.set(name, { resourceVersion, since: this.now() });
      return undefined;
    }
    const durationMs = (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
    if (this.now() - seen.since <= durationMs) return undefined;
    // Expired (its holder crashed or stalled): replace it, if nobody else did since.
    const takeAt = this.now();
    const taken = await this.kube.request('PUT', this.path(name), this.body(name, takeAt, resourceVersion));
    if (taken.status === 409) return undefined;
    if (taken.status !== 200) throw statusError('PUT', this.path(name), taken);
    this.observed.delete(name);
    return this.held(name, takeAt, taken.body as LeaseObject);
  }

  private async release(lease: { name: string; uid: string; resourceVersion: string }): Promise<void> {
    // Preconditions: a lease that expired and was taken over is the new holder's.
    const res = await this.kube.request('DELETE', this.path(lease.name), {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      preconditions: { uid: lease.uid, resourceVersion: lease.resourceVersion },
    });
    if (res.status !== 200 && res.status !== 202 && res.status !== 404 && res.status !== 409) throw statusError('DELETE', this.path(lease.name), res);
  }

  private async run<T>(lease: HeldLease & { uid: string; resourceVersion: string }, fn: (held: HeldLease) => Promise<T>): Promise<T> {
    try {
      return await fn(lease);
    } finally {
      // A failed release costs others one lease duration, nothing more.
      await this.release(lease).catch(() => undefined);
    }
  }

  /** Runs `fn` holding lease `name`, waiting up to waitMs for another holder; LeaseBusy (409) after that. */
  async hold<T>(name: string, what: string, fn: (held: HeldLease) => Promise<T>): Promise<T> {
    const deadline = this.now() + this.o.waitMs;
    for (let attempt = 0; ; attempt++) {
      const lease = await this.tryAcquire(name);
      if (lease) return this.run(lease, fn);
      if (this.now() >= deadline) throw new LeaseBusy(what);
      // Short, jittered: a write holds the lease for a few ERP calls.
      await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 400) * (0.5 + Math.random()));
    }
  }

  /** Runs `fn` holding lease `name` if it can be had now; undefined (and `fn` not run) if not. */
  async tryHold<T>(name: string, fn: (held: HeldLease) => Promise<T>): Promise<{ value: T } | undefined> {
    const lease = await this.tryAcquire(name);
    return lease ? { value: await this.run(lease, fn) } : undefined;
  }
}

function statusError(method: string, path: string, res: { status: number; body: unknown }): KubeError {
  const body = res.body;
  const message = typeof body === 'object' && body !== null && 'message' in body ? String(body.message) : `HTTP ${res.status}`;
  return new KubeError(res.status, `${method} ${path}: ${message}`);
}
