// The operator: leader election, and while leading, informers on plugs and
// sockets feeding one work queue, periodic resync, and the apparatus reaper.
import { hostname } from 'node:os';
import { type KubeConfig, type KubernetesListObject, type KubernetesObject, type ListWatch, makeInformer } from '@kubernetes/client-node';
import type { Plug, Side, Socket } from './api/types.js';
import { ApparatusClient, type ApparatusClientOptions } from './apparatus/client.js';
import { ApparatusPods } from './apparatus/pods.js';
import type { ReconcileContext } from './controller/context.js';
import { EventRecorder } from './controller/events.js';
import { PlugReconciler } from './controller/plug-reconciler.js';
import { WorkQueue } from './controller/queue.js';
import { SocketReconciler } from './controller/socket-reconciler.js';
import { Kube, type SideKind, describeError, sidePath } from './kube/client.js';
import { PooledKubeConfig } from './kube/kubeconfig.js';
import { LeaderElector } from './ops/leader.js';
import { type Logger, createLogger } from './ops/log.js';
import { OperatorMetrics } from './ops/metrics.js';
import { type TemplateEngine, templateEngine } from './template/engine.js';

export interface OperatorOptions {
  kubeConfig: KubeConfig;
  /** This replica's name in the lease (default: host name and pid). */
  identity?: string;
  lease?: { namespace: string; name?: string; durationS?: number; retryPeriodMs?: number };
  /** Keys handled at once (default 4). */
  concurrency?: number;
  /** Every object is reconciled again this often (default 5 min). */
  resyncMs?: number;
  /** How often idle apparatus pods are looked for (default 10 s). */
  reapIntervalMs?: number;
  /** First retry delay after a failed reconcile (default 100 ms); doubles up to maxRetryDelayMs. */
  baseRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  apparatus?: ApparatusClientOptions;
  engine?: TemplateEngine;
  logger?: Logger;
  /** Collect Node process metrics (default false; the main program turns it on). */
  processMetrics?: boolean;
}

type Informer = ListWatch<KubernetesObject>;
// Custom objects arrive as the API server's JSON (timestamps are strings),
// which client-node's KubernetesObject types with Dates: one cast, here.
const asPlug = (o: KubernetesObject): Plug => o as unknown as Plug;
const asSocket = (o: KubernetesObject): Socket => o as unknown as Socket;

/**
 * Drops managedFields from an object the informer caches: reconciles read
 * objects afresh, the cache only routes events, and managedFields are most
 * of an object's size. client-node hands handlers the cached object itself.
 */
function trimmed(o: KubernetesObject): KubernetesObject {
  if (o.metadata) delete o.metadata.managedFields;
  return o;
}

const keyOf = (kind: SideKind, o: { metadata?: { namespace?: string; name?: string } }): string =>
  `${kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;

export class Operator {
  readonly metrics: OperatorMetrics;
  readonly log: Logger;
  private readonly kube: Kube;
  private elector: LeaderElector | undefined;
  private queue: WorkQueue | undefined;
  private informers: { plugs: Informer; sockets: Informer } | undefined;
  private timers: NodeJS.Timeout[] = [];
  private synced = false;
  private started = false;

  constructor(private readonly opts: OperatorOptions) {
    this.kube = new Kube(PooledKubeConfig.from(opts.kubeConfig));
    this.log = opts.logger ?? createLogger();
    this.metrics = new OperatorMetrics(opts.processMetrics ?? false);
  }

  get isLeader(): boolean {
    return this.elector?.isLeader ?? false;
  }

  /** Ready: a leader whose caches are synced, or a standby campaigning for the lease. */
  ready(): boolean {
    return this.started && (!this.isLeader || this.synced);
  }

  start(): Promise<void> {
    const engine = this.opts.engine ?? templateEngine();
    const identity = this.opts.identity ?? `${hostname()}-${process.pid}`;
    const ctx: ReconcileContext = {
      kube: this.kube,
      engine,
      apparatus: new ApparatusClient(this.opts.apparatus),
      pods: new ApparatusPods(this.kube),
      events: new EventRecorder(this.kube, identity, this.log),
      log: this.log,
    };
    const lease = this.opts.lease ?? { namespace: 'default' };
    this.elector = new LeaderElector(
      this.kube,
      {
        namespace: lease.namespace,
        name: lease.name ?? 'integration-operator',
        identity,
        leaseDurationS: lease.durationS,
        retryPeriodMs: lease.retryPeriodMs,
      },
      this.log,
      () => this.lead(ctx),
      () => this.standDown(),
    );
    this.elector.start();
    this.started = true;
    return Promise.resolve();
  }

  /** Graceful stop: no new work, in-flight reconciles finish, the lease is released. */
  async stop(): Promise<void> {
    await this.elector?.stop(true);
    this.started = false;
    this.kube.kc.destroy();
  }

  /** Stops as a crash would, for failover tests: the lease is left to expire. */
  async halt(): Promise<void> {
    await this.elector?.stop(false);
    this.started = false;
    this.kube.kc.destroy();
  }

  private async lead(ctx: ReconcileContext): Promise<void> {
    this.metrics.leader.set(1);
    const plugs = new PlugReconciler(ctx);
    const queue = new WorkQueue({
      concurrency: this.opts.concurrency ?? 4,
      baseDelayMs: this.opts.baseRetryDelayMs ?? 100,
      maxDelayMs: this.opts.maxRetryDelayMs ?? 300_000,
      handle: (key) => {
        const [kind, namespace = '', name = ''] = key.split('/');
        return kind === 'Plug' ? plugs.reconcile(namespace, name) : sockets.reconcile(namespace, name);
      },
      onHandled: (key, seconds, error) => {
        const kind = key.split('/')[0] ?? '';
        this.metrics.duration.observe({ kind }, seconds);
        this.metrics.reconciles.inc({ kind, outcome: error === undefined ? 'success' : 'error' });
        this.metrics.queueDepth.set(queue.depth);
        if (error !== undefined) {
          this.metrics.errors.inc({ kind });
          this.log.info({ key, err: describeError(error) }, 'reconcile failed, retrying with backoff');
        }
      },
    });
    const sockets = new SocketReconciler(ctx, (namespace, name) => {
      queue.add(`Plug/${namespace}/${name}`);
    });
    this.queue = queue;

    const kc = this.kube.kc;
    const list = (kind: SideKind) => async () => {
      const listed = (await this.kube.listSides(kind)) as unknown as KubernetesListObject<KubernetesObject>;
      listed.items.forEach(trimmed);
      return listed;
    };
    const plugInformer = makeInformer(kc, sidePath('Plug'), list('Plug')) as Informer;
    const socketInformer = makeInformer(kc, sidePath('Socket'), list('Socket')) as Informer;
    this.informers = { plugs: plugInformer, sockets: socketInformer };
    const plugsOf = (socket: Socket): Plug[] =>
      plugInformer
        .list()
        .map(asPlug)
        .filter(
          (p) => p.spec.socket.name === socket.metadata.name && (p.spec.socket.namespace ?? p.metadata.namespace) === socket.metadata.namespace,
        );

    // What an event is compared with: enough to tell a spec change, a
    // deletion, a missing finalizer or a freed socket slot from our own
    // status writes, and small, since it is kept for every object.
    interface Seen {
      generation: number | undefined;
      deleting: boolean;
      finalized: boolean;
      coupledCount: number;
    }
    const summary = (o: Side): Seen => ({
      generation: o.metadata.generation,
      deleting: o.metadata.deletionTimestamp !== undefined,
      finalized: (o.metadata.finalizers?.length ?? 0) > 0,
      coupledCount: o.kind === 'Socket' ? (o.status?.coupledCount ?? 0) : 0,
    });
    const changed = (a: Seen | undefined, b: Seen): boolean =>
      a === undefined || a.generation !== b.generation || a.deleting !== b.deleting || !b.finalized;
    const seen = new Map<string, Seen>();
    const onPlug = (o: KubernetesObject): void => {
      const plug = asPlug(trimmed(o));
      const key = keyOf('Plug', plug);
      const now = summary(plug);
      if (changed(seen.get(key), now)) queue.add(key);
      seen.set(key, now);
    };
    const onSocket = (o: KubernetesObject): void => {
      const socket = asSocket(trimmed(o));
      const key = keyOf('Socket', socket);
      const previous = seen.get(key);
      const now = summary(socket);
      if (changed(previous, now)) queue.add(key);
      // Its plugs follow a spec change, and a freed slot may admit a waiting plug.
      if (changed(previous, now) || now.coupledCount < (previous?.coupledCount ?? 0))
        for (const plug of plugsOf(socket)) queue.add(keyOf('Plug', plug));
      seen.set(key, now);
    };
    plugInformer.on('add', onPlug);
    plugInformer.on('update', onPlug);
    plugInformer.on('delete', (o) => {
      const plug = asPlug(o);
      seen.delete(keyOf('Plug', plug));
      const ns = plug.spec.socket.namespace ?? plug.metadata.namespace;
      queue.add(`Socket/${ns}/${plug.spec.socket.name}`);
    });
    socketInformer.on('add', onSocket);
    socketInformer.on('update', onSocket);
    socketInformer.on('delete', (o) => {
      const socket = asSocket(o);
      seen.delete(keyOf('Socket', socket));
      for (const plug of plugsOf(socket)) queue.add(keyOf('Plug', plug));
    });
    for (const informer of [plugInformer, socketInformer]) {
      // A watch that fails is started again (client-node's informer stops on errors).
      informer.on('error', (err: unknown) => {
        this.log.warn({ err: describeError(err) }, 'watch failed, restarting');
        const t = setTimeout(() => {
          if (this.informers)
            informer.start().catch((e: unknown) => {
              this.log.warn({ err: describeError(e) }, 'watch restart failed');
            });
        }, 1_000);
        this.timers.push(t);
      });
    }
    queue.start();
    await Promise.all([plugInformer.start(), socketInformer.start()]);
    this.synced = true;
    this.log.info('caches synced');

    const resync = (): void => {
      for (const s of socketInformer.list()) queue.add(keyOf('Socket', asSocket(s)));
      for (const p of plugInformer.list()) queue.add(keyOf('Plug', asPlug(p)));
    };
    this.timers.push(setInterval(resync, this.opts.resyncMs ?? 300_000));
    this.timers.push(setInterval(() => void this.reapIdleApparatus(ctx), this.opts.reapIntervalMs ?? 10_000));
  }

  private async standDown(): Promise<void> {
    this.metrics.leader.set(0);
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    const informers = this.informers;
    this.informers = undefined;
    this.synced = false;
    if (informers) await Promise.all([informers.plugs.stop(), informers.sockets.stop()]);
    await this.queue?.shutDown();
    this.queue = undefined;
  }

  private async reapIdleApparatus(ctx: ReconcileContext): Promise<void> {
    const informers = this.informers;
    if (!informers) return;
    const owners: Side[] = [...informers.plugs.list().map(asPlug), ...informers.sockets.list().map(asSocket)];
    for (const owner of owners) {
      if (!ctx.pods.idle(owner)) continue;
      try {
        await ctx.pods.remove(owner);
        this.log.info({ owner: keyOf(owner.kind, owner) }, 'apparatus idle, removed');
      } catch (err) {
        this.log.warn({ owner: keyOf(owner.kind, owner), err: describeError(err) }, 'apparatus not removed');
      }
    }
  }
}
