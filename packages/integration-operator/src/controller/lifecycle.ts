// One lifecycle event on one side: the apparatus first, then the resources
// whose `when` holds the event. Also the sources config resolution reads.
import type { AppliedResource, LifecycleEvent, Plug, Side, Socket, StringMap, Var } from '../api/types.js';
import { ApparatusError } from '../apparatus/client.js';
import { managesPod } from '../apparatus/pods.js';
import { type Configured, SourceError, type Sources } from '../integration/resolve.js';
import { runResources, serviceAccountOf } from '../integration/resources.js';
import { resolveVars } from '../integration/vars.js';
import { orUndefinedWhenNotFound } from '../kube/client.js';
import type { ReconcileContext } from './context.js';

/** The apparatus is starting: try again shortly instead of backing off. */
export class ApparatusStarting extends Error {
  override readonly name = 'ApparatusStarting';
}

/**
 * Apparatus calls of one reconcile: once per owner, the pod is ensured (and
 * its use recorded) and the apparatus pinged, so a starting pod is told
 * apart from a failing call.
 */
export class ApparatusSession {
  private readonly ready = new Set<string>();

  constructor(private readonly ctx: ReconcileContext) {}

  async call(owner: Side, path: string, body: Record<string, unknown>): Promise<unknown> {
    if (!owner.spec.apparatus) return undefined;
    const key = `${owner.kind}/${owner.metadata.namespace}/${owner.metadata.name}`;
    let justCreated = false;
    try {
      if (!this.ready.has(key)) {
        if (managesPod(owner)) justCreated = await this.ctx.pods.ensure(owner);
        await this.ctx.apparatus.ping(owner);
        this.ready.add(key);
      }
      return await this.ctx.apparatus.post(owner, path, body);
    } catch (err) {
      if (err instanceof ApparatusError && err.unreachable && managesPod(owner)) {
        throw new ApparatusStarting(
          `${justCreated ? 'started' : 'waiting for'} apparatus ${owner.kind} ${owner.metadata.namespace}/${owner.metadata.name}: ${err.message}`,
        );
      }
      throw err;
    }
  }
}

export function sourcesOf(ctx: ReconcileContext, session: ApparatusSession): Sources {
  return {
    configMap: async (namespace, name) => {
      const cm = await orUndefinedWhenNotFound(ctx.kube.core.readNamespacedConfigMap({ namespace, name }));
      if (!cm) throw new SourceError(`ConfigMap ${namespace}/${name} not found`);
      return cm.data ?? {};
    },
    secret: async (namespace, name) => {
      const secret = await orUndefinedWhenNotFound(ctx.kube.core.readNamespacedSecret({ namespace, name }));
      if (!secret) throw new SourceError(`Secret ${namespace}/${name} not found`);
      const out: StringMap = { ...secret.stringData };
      for (const [k, v] of Object.entries(secret.data ?? {})) out[k] = Buffer.from(v, 'base64').toString('utf8');
      return out;
    },
    vars: (owner: Side, vars: Var[] | undefined) => {
      const client = ctx.kube.as(owner.metadata.namespace, serviceAccountOf(owner));
      return resolveVars(vars, owner.metadata.namespace, (key) => client.read(key));
    },
    version: async (kind, namespace, name) => {
      const read =
        kind === 'ConfigMap' ? ctx.kube.core.readNamespacedConfigMap({ namespace, name }) : ctx.kube.core.readNamespacedSecret({ namespace, name });
      return (await orUndefinedWhenNotFound(read))?.metadata?.resourceVersion;
    },
    apparatusConfig: async (owner, body) => {
      const answer = await session.call(owner, '/config', body);
      if (answer === undefined) return undefined;
      if (typeof answer !== 'object' || answer === null || Array.isArray(answer))
        throw new ApparatusError('apparatus /config must answer a JSON object', false);
      return Object.fromEntries(Object.entries(answer).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    },
  };
}

export interface EventData {
  plug: Plug | undefined;
  socket: Socket | undefined;
  plugConfig: StringMap;
  socketConfig: StringMap;
  plugResult?: StringMap;
  socketResult?: StringMap;
}

export const unconfigured = (plug: Plug | undefined, socket: Socket | undefined): EventData => ({ plug, socket, plugConfig: {}, socketConfig: {} });
export const configuredData = (c: Configured): EventData => ({
  plug: c.plug,
  socket: c.socket,
  plugConfig: c.plugConfig,
  socketConfig: c.socketConfig,
});

/** Runs `event` on one side; returns what decoupling must remove again. */
export async function runEvent(
  ctx: ReconcileContext,
  session: ApparatusSession,
  owner: Side,
  event: LifecycleEvent,
  data: EventData,
  result = false,
): Promise<AppliedResource[]> {
  const side = owner.kind === 'Plug' ? 'plug' : 'socket';
  if (!result)
    await session.call(owner, `/${event}`, {
      version: '1',
      plug: data.plug,
      socket: data.socket,
      plugConfig: data.plugConfig,
      socketConfig: data.socketConfig,
    });
  const ownResult = side === 'plug' ? data.plugResult : data.socketResult;
  return runResources({
    kube: ctx.kube,
    engine: ctx.engine,
    owner,
    side,
    event,
    entries: result ? owner.spec.resultResources : owner.spec.resources,
    data: { ...data, ...(result ? { result: ownResult ?? {} } : {}) },
  });
}
