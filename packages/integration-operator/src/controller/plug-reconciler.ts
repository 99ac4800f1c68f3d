// The plug's side of an integration, where coupling happens: created, then
// coupled to its socket (both sides' apparatus and resources, plug first),
// results and result resources, updated when either side's spec or a
// ConfigMap or Secret it names changes,
// decoupled when the socket goes, the plug is deleted or no longer admitted.
import { FINALIZER } from '../api/schema.js';
import type { AppliedResource, ObjectRef, Plug, PlugStatus, Socket } from '../api/types.js';
import { ApparatusError } from '../apparatus/client.js';
import { InterfaceViolation, applyInterface } from '../integration/interface.js';
import { type Configured, SourceError, resolveConfig, resolveData, resolveResult, sourcesDigest } from '../integration/resolve.js';
import { ResourceError, removeApplied } from '../integration/resources.js';
import { VarError } from '../integration/vars.js';
import { describeError, statusOf } from '../kube/client.js';
import { TemplateError } from '../template/engine.js';
import { InvalidPattern, namespaceRefusal } from './admission.js';
import { setCondition } from './conditions.js';
import type { ReconcileContext, ReconcileResult } from './context.js';
import { ApparatusSession, ApparatusStarting, configuredData, runEvent, sourcesOf, unconfigured } from './lifecycle.js';

const APPARATUS_STARTING_RETRY_MS = 5_000;

/** Condition reason for a failure; the message is the error's. */
function reasonOf(err: unknown): string {
  if (err instanceof InterfaceViolation) return 'InterfaceViolation';
  if (err instanceof SourceError) return 'SourceUnavailable';
  if (err instanceof VarError) return 'VarUnavailable';
  if (err instanceof TemplateError) return 'TemplateFailed';
  if (err instanceof ResourceError) return err.reason;
  if (err instanceof ApparatusStarting) return 'ApparatusStarting';
  if (err instanceof ApparatusError) return 'ApparatusFailed';
  if (err instanceof InvalidPattern) return 'SocketInvalid';
  return 'Error';
}

const refOf = (o: Plug | Socket): ObjectRef => ({
  name: o.metadata.name,
  namespace: o.metadata.namespace,
  ...(o.metadata.uid ? { uid: o.metadata.uid } : {}),
});
const nameOf = (o: { metadata: { namespace: string; name: string } }): string => `${o.metadata.namespace}/${o.metadata.name}`;

export class PlugReconciler {
  constructor(private readonly ctx: ReconcileContext) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileResult> {
    let plug = await this.ctx.kube.getSide('Plug', namespace, name);
    if (!plug) return {};
    const session = new ApparatusSession(this.ctx);
    if (plug.metadata.deletionTimestamp) {
      await this.finalize(plug, session);
      return {};
    }
    if (!(plug.metadata.finalizers ?? []).includes(FINALIZER)) {
      plug = await this.ctx.kube.patchSide('Plug', namespace, name, {
        metadata: { finalizers: [...(plug.metadata.finalizers ?? []), FINALIZER], resourceVersion: plug.metadata.resourceVersion },
      });
    }
    const status: PlugStatus = structuredClone(plug.status ?? {});
    const before = JSON.stringify(status);
    try {
      return await this.couple(plug, status, session);
    } catch (err) {
      const reason = reasonOf(err);
      const message = err instanceof Error && reason !== 'Error' ? err.message : describeError(err);
      status.conditions = setCondition(status.conditions, 'Ready', false, reason, message, plug.metadata.generation);
      if (!status.coupledSocket) status.conditions = setCondition(status.conditions, 'Coupled', false, reason, message, plug.metadata.generation);
      if (JSON.stringify(status) !== before) {
        await this.ctx.events.record(plug, 'Warning', reason, message);
        await this.saveStatus(plug, status);
      }
      if (err instanceof ApparatusStarting) return { requeueAfterMs: APPARATUS_STARTING_RETRY_MS };
      throw err;
    }
  }

  private async couple(plug: Plug, status: PlugStatus, session: ApparatusSession): Promise<ReconcileResult> {
    const gen = plug.metadata.generation;
    const socketNs = plug.spec.socket.namespace ?? plug.metadata.namespace;
    const socketName = plug.spec.socket.name;
    const before = JSON.stringify(status);
    const save = async (): Promise<void> => {
      if (JSON.stringify(status) !== before) await this.saveStatus(plug, status);
    };

    if (!status.created) {
      await runEvent(this.ctx, session, plug, 'created', unconfigured(plug, undefined));
      status.created = true;
      await this.ctx.events.record(plug, 'Normal', 'Created', 'plug created');
      await this.saveStatus(plug, status);
    }

    const socket = await this.ctx.kube.getSide('Socket', socketNs, socketName);
    const coupledTo = status.coupledSocket;
    if (
      coupledTo &&
      (!socket ||
        socket.metadata.uid !== coupledTo.uid ||
        socket.metadata.deletionTimestamp ||
        coupledTo.name !== socketName ||
        coupledTo.namespace !== socketNs)
    ) {
      const same = socket && socket.metadata.uid === coupledTo.uid ? socket : undefined;
      await this.decouple(plug, status, same, session);
    }
    if (!socket || socket.metadata.deletionTimestamp) {
      const [reason, message] = socket
        ? ['SocketDeleted', `socket ${socketNs}/${socketName} is being deleted; the plug stays and couples again when the socket exists`]
        : ['SocketNotFound', `socket ${socketNs}/${socketName} does not exist; the plug couples when it does`];
      status.conditions = setCondition(status.conditions, 'Coupled', false, reason, message, gen);
      status.conditions = setCondition(status.conditions, 'Ready', false, reason, message, gen);
      await save();
      return {};
    }

    const refusal = namespaceRefusal(socket, plug.metadata.namespace);
    if (refusal) {
      if (status.coupledSocket) await this.decouple(plug, status, socket, session);
      status.conditions = setCondition(status.conditions, 'Coupled', false, 'NamespaceNotAllowed', refusal, gen);
      status.conditions = setCondition(status.conditions, 'Ready', false, 'NamespaceNotAllowed', refusal, gen);
      await save();
      return {};
    }

    // A ConfigMap or Secret either side names changed since the last event
    // was done: an update, as for a spec change. Only resourceVersions are
    // compared, so nothing is resolved (or asked of the apparatus) for it.
    const digest = await sourcesDigest([plug, socket], sourcesOf(this.ctx, session));
    const sourcesChanged = status.resultsReady === true && (status.sourcesDigest ?? digest) !== digest;
    const specChanged = gen !== status.observedGeneration || socket.metadata.generation !== status.socketGeneration;
    const due = !status.coupledSocket || specChanged || sourcesChanged || !status.resultsReady;
    if (!due) {
      // Nothing to run: configs are resolved (and the apparatus asked) only for an event.
      status.sourcesDigest = digest;
      status.conditions = setCondition(status.conditions, 'Ready', true, 'Ready', `integration with socket ${nameOf(socket)} is ready`, gen);
      await save();
      return {};
    }
    const configured = await this.configure(plug, socket, session);
    const data = configuredData(configured);
    if (!status.coupledSocket) {
      if (!(await this.claimSlot(socket, plug))) {
        const message = `socket ${nameOf(socket)} has reached its limit of ${socket.spec.limit ?? 0} plugs`;
        status.conditions = setCondition(status.conditions, 'Coupled', false, 'SocketFull', message, gen);
        status.conditions = setCondition(status.conditions, 'Ready', false, 'SocketFull', message, gen);
        await save();
        return {};
      }
      const applied = [
        ...(await runEvent(this.ctx, session, plug, 'coupled', data)),
        ...(await runEvent(this.ctx, session, socket, 'coupled', data)),
      ];
      Object.assign(status, {
        coupledSocket: refOf(socket),
        observedGeneration: gen,
        socketGeneration: socket.metadata.generation,
        lastEvent: 'coupled',
        resultsReady: false,
        resources: mergeApplied(status.resources, applied),
      });
      status.conditions = setCondition(status.conditions, 'Coupled', true, 'Coupled', `coupled to socket ${nameOf(socket)}`, gen);
      await this.saveStatus(plug, status);
      await this.ctx.events.record(plug, 'Normal', 'Coupled', `coupled to socket ${nameOf(socket)}`);
      await this.ctx.events.record(socket, 'Normal', 'Coupled', `plug ${nameOf(plug)} coupled`);
    } else if (specChanged || sourcesChanged) {
      const applied = [
        ...(await runEvent(this.ctx, session, plug, 'updated', data)),
        ...(await runEvent(this.ctx, session, socket, 'updated', data)),
      ];
      Object.assign(status, {
        observedGeneration: gen,
        socketGeneration: socket.metadata.generation,
        lastEvent: 'updated',
        resultsReady: false,
        resources: mergeApplied(status.resources, applied),
      });
      await this.saveStatus(plug, status);
      await this.ctx.events.record(plug, 'Normal', 'Updated', `integration with socket ${nameOf(socket)} updated`);
      await this.ctx.events.record(socket, 'Normal', 'Updated', `integration with plug ${nameOf(plug)} updated`);
    }

    if (!status.resultsReady) {
      const event = status.lastEvent ?? 'coupled';
      const sources = sourcesOf(this.ctx, session);
      const iface = socket.spec.interface?.result;
      const plugResult = applyInterface('plug result', await resolveResult(plug, configured, sources, this.ctx.engine), iface?.plug);
      const socketResult = applyInterface('socket result', await resolveResult(socket, configured, sources, this.ctx.engine), iface?.socket);
      const withResults = { ...data, plugResult, socketResult };
      const applied = [
        ...(await runEvent(this.ctx, session, socket, event, withResults, true)),
        ...(await runEvent(this.ctx, session, plug, event, withResults, true)),
      ];
      status.resources = mergeApplied(status.resources, applied);
      status.resultsReady = true;
      status.sourcesDigest = digest;
    }
    status.conditions = setCondition(status.conditions, 'Ready', true, 'Ready', `integration with socket ${nameOf(socket)} is ready`, gen);
    await save();
    return {};
  }

  /** Both sides' config, each validated against the socket's interface. */
  private async configure(plug: Plug, socket: Socket, session: ApparatusSession): Promise<Configured> {
    const sources = sourcesOf(this.ctx, session);
    const parties = { plug, socket, plugData: await resolveData(plug, sources), socketData: await resolveData(socket, sources) };
    const iface = socket.spec.interface?.config;
    const plugConfig = applyInterface('plug config', await resolveConfig(plug, parties, sources, this.ctx.engine), iface?.plug);
    const socketConfig = applyInterface('socket config', await resolveConfig(socket, parties, sources, this.ctx.engine), iface?.socket);
    return { ...parties, plugConfig, socketConfig };
  }

  /**
   * Runs decoupled on both sides and removes what the coupling created. A
   * config that cannot be resolved any more (a deleted Secret, a failing
   * apparatus) never blocks this: the events then see empty configs.
   */
  private async decouple(plug: Plug, status: PlugStatus, socket: Socket | undefined, session: ApparatusSession): Promise<void> {
    let data = unconfigured(plug, socket);
    if (socket) {
      try {
        data = configuredData(await this.configure(plug, socket, session));
      } catch (err) {
        this.ctx.log.warn({ plug: nameOf(plug), err: describeError(err) }, 'decoupling with empty configs');
      }
    }
    await runEvent(this.ctx, session, plug, 'decoupled', data);
    if (socket) await runEvent(this.ctx, session, socket, 'decoupled', data);
    await removeApplied(this.ctx.kube, status.resources ?? []);
    const from = status.coupledSocket;
    if (socket) await this.releaseSlot(socket, plug);
    Object.assign(status, {
      coupledSocket: null,
      observedGeneration: null,
      socketGeneration: null,
      lastEvent: null,
      resultsReady: false,
      sourcesDigest: null,
      resources: [],
    });
    const message = `decoupled from socket ${from?.namespace ?? ''}/${from?.name ?? ''}`;
    status.conditions = setCondition(status.conditions, 'Coupled', false, 'Decoupled', message, plug.metadata.generation);
    await this.saveStatus(plug, status);
    await this.ctx.events.record(plug, 'Normal', 'Decoupled', message);
    if (socket) await this.ctx.events.record(socket, 'Normal', 'Decoupled', `plug ${nameOf(plug)} decoupled`);
  }

  private async finalize(plug: Plug, session: ApparatusSession): Promise<void> {
    if (!(plug.metadata.finalizers ?? []).includes(FINALIZER)) return;
    const status: PlugStatus = structuredClone(plug.status ?? {});
    if (status.coupledSocket) {
      const ref = status.coupledSocket;
      const socket = await this.ctx.kube.getSide('Socket', ref.namespace, ref.name);
      await this.decouple(plug, status, socket?.metadata.uid === ref.uid ? socket : undefined, session);
    }
    await runEvent(this.ctx, session, plug, 'deleted', unconfigured(plug, undefined));
    await this.ctx.pods.remove(plug, false);
    await this.ctx.events.record(plug, 'Normal', 'Deleted', 'plug deleted');
    await this.ctx.kube.patchSide('Plug', plug.metadata.namespace, plug.metadata.name, {
      metadata: { finalizers: (plug.metadata.finalizers ?? []).filter((f) => f !== FINALIZER), resourceVersion: plug.metadata.resourceVersion },
    });
  }

  /** Adds the plug to the socket's coupled plugs unless that would pass its limit (optimistic concurrency). */
  private async claimSlot(socket: Socket, plug: Plug): Promise<boolean> {
    return this.updateCoupledPlugs(socket, (plugs, limit) => {
      if (plugs.some((p) => p.uid === plug.metadata.uid)) return plugs;
      if (limit !== undefined && plugs.length >= limit) return undefined;
      return [...plugs, refOf(plug)];
    });
  }

  private async releaseSlot(socket: Socket, plug: Plug): Promise<void> {
    await this.updateCoupledPlugs(socket, (plugs) => plugs.filter((p) => p.uid !== plug.metadata.uid));
  }

  private async updateCoupledPlugs(
    socket: Socket,
    change: (plugs: ObjectRef[], limit: number | undefined) => ObjectRef[] | undefined,
  ): Promise<boolean> {
    let current: Socket | undefined = socket;
    for (let attempt = 0; attempt < 10 && current; attempt++) {
      const plugs = current.status?.coupledPlugs ?? [];
      const next = change(plugs, current.spec.limit);
      if (!next) return false;
      if (JSON.stringify(next) === JSON.stringify(plugs)) return true;
      try {
        await this.ctx.kube.patchSideStatus('Socket', current.metadata.namespace, current.metadata.name, {
          metadata: { resourceVersion: current.metadata.resourceVersion },
          status: { coupledPlugs: next, coupledCount: next.length },
        });
        return true;
      } catch (err) {
        if (statusOf(err) === 404) return false;
        if (statusOf(err) !== 409) throw err;
      }
      current = await this.ctx.kube.getSide('Socket', socket.metadata.namespace, socket.metadata.name);
    }
    if (!current) return false;
    throw new Error(`socket ${nameOf(socket)} kept changing while its coupled plugs were updated`);
  }

  private async saveStatus(plug: Plug, status: PlugStatus): Promise<void> {
    // The apparatus' last use is written as it happens (ApparatusPods.ensure); never overwrite it with the copy read earlier.
    const { apparatus: _apparatus, ...rest } = status;
    await this.ctx.kube.patchSideStatus('Plug', plug.metadata.namespace, plug.metadata.name, { status: rest });
  }
}

/** Applied resources recorded once each. */
function mergeApplied(known: AppliedResource[] | undefined, added: AppliedResource[]): AppliedResource[] {
  const key = (r: AppliedResource): string => `${r.side}|${r.apiVersion}|${r.kind}|${r.namespace}|${r.name}`;
  const out = new Map((known ?? []).map((r) => [key(r), r]));
  for (const r of added) out.set(key(r), r);
  return [...out.values()];
}
