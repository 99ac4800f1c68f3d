// The socket's own lifecycle: created, its list of coupled plugs kept true,
// and deletion, which decouples every plug (the plugs stay) before the
// socket's deleted event runs and its finalizer goes.
import { FINALIZER } from '../api/schema.js';
import type { ObjectRef, Socket, SocketStatus } from '../api/types.js';
import { describeError } from '../kube/client.js';
import { InvalidPattern, checkPatterns } from './admission.js';
import { setCondition } from './conditions.js';
import type { ReconcileContext, ReconcileResult } from './context.js';
import { ApparatusSession, runEvent, unconfigured } from './lifecycle.js';

/** How often a deleting socket checks whether its plugs have decoupled. */
const DECOUPLE_POLL_MS = 1_000;

export class SocketReconciler {
  constructor(
    private readonly ctx: ReconcileContext,
    /** Enqueues a plug's reconcile (the plug decouples itself). */
    private readonly enqueuePlug: (namespace: string, name: string) => void,
  ) {}

  async reconcile(namespace: string, name: string): Promise<ReconcileResult> {
    let socket = await this.ctx.kube.getSide('Socket', namespace, name);
    if (!socket) return {};
    const session = new ApparatusSession(this.ctx);
    const coupled = await this.livePlugs(socket);
    if (socket.metadata.deletionTimestamp) return this.finalize(socket, coupled, session);
    if (!(socket.metadata.finalizers ?? []).includes(FINALIZER)) {
      socket = await this.ctx.kube.patchSide('Socket', namespace, name, {
        metadata: { finalizers: [...(socket.metadata.finalizers ?? []), FINALIZER], resourceVersion: socket.metadata.resourceVersion },
      });
    }
    const status: SocketStatus = { conditions: socket.status?.conditions ?? [], created: socket.status?.created ?? false };
    const before = JSON.stringify(status);
    if (!status.created) {
      await runEvent(this.ctx, session, socket, 'created', unconfigured(undefined, socket));
      status.created = true;
      await this.ctx.events.record(socket, 'Normal', 'Created', 'socket created');
    }
    const gen = socket.metadata.generation;
    try {
      checkPatterns(socket);
      const count = coupled.length;
      status.conditions = setCondition(status.conditions, 'Ready', true, 'Ready', `${count} plug${count === 1 ? '' : 's'} coupled`, gen);
    } catch (err) {
      if (!(err instanceof InvalidPattern)) throw err;
      status.conditions = setCondition(status.conditions, 'Ready', false, 'InvalidNamespacePattern', err.message, gen);
    }
    if (JSON.stringify(status) !== before) await this.ctx.kube.patchSideStatus('Socket', namespace, name, { status });
    return {};
  }

  private async finalize(socket: Socket, coupled: ObjectRef[], session: ApparatusSession): Promise<ReconcileResult> {
    if (!(socket.metadata.finalizers ?? []).includes(FINALIZER)) return {};
    if (coupled.length > 0) {
      for (const plug of coupled) this.enqueuePlug(plug.namespace, plug.name);
      const message = `decoupling ${coupled.length} plug(s) before the socket is deleted`;
      const conditions = setCondition(socket.status?.conditions, 'Ready', false, 'Decoupling', message, socket.metadata.generation);
      await this.ctx.kube.patchSideStatus('Socket', socket.metadata.namespace, socket.metadata.name, { status: { conditions } });
      return { requeueAfterMs: DECOUPLE_POLL_MS };
    }
    await runEvent(this.ctx, session, socket, 'deleted', unconfigured(undefined, socket));
    await this.ctx.pods.remove(socket, false);
    await this.ctx.events.record(socket, 'Normal', 'Deleted', 'socket deleted');
    // Read again: pruning the coupled plugs changed the resourceVersion.
    const fresh = await this.ctx.kube.getSide('Socket', socket.metadata.namespace, socket.metadata.name);
    if (!fresh) return {};
    await this.ctx.kube.patchSide('Socket', socket.metadata.namespace, socket.metadata.name, {
      metadata: { finalizers: (fresh.metadata.finalizers ?? []).filter((f) => f !== FINALIZER), resourceVersion: fresh.metadata.resourceVersion },
    });
    return {};
  }

  /** The coupled plugs that still exist as the same object; the list in status is pruned to them. */
  private async livePlugs(socket: Socket): Promise<ObjectRef[]> {
    const listed = socket.status?.coupledPlugs ?? [];
    const live: ObjectRef[] = [];
    for (const ref of listed) {
      const plug = await this.ctx.kube.getSide('Plug', ref.namespace, ref.name);
      if (plug && plug.metadata.uid === ref.uid) live.push(ref);
    }
    if (live.length !== listed.length) {
      try {
        await this.ctx.kube.patchSideStatus('Socket', socket.metadata.namespace, socket.metadata.name, {
          metadata: { resourceVersion: socket.metadata.resourceVersion },
          status: { coupledPlugs: live, coupledCount: live.length },
        });
      } catch (err) {
        // A plug changed the list meanwhile: the next reconcile prunes again.
        this.ctx.log.debug({ socket: socket.metadata.name, err: describeError(err) }, 'coupled plugs not pruned');
      }
    }
    return live;
  }
}
