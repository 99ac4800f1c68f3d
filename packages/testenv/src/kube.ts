// A small untyped client over TestEnv.call for the tests that drive
// Crossplane: REST paths found by discovery, objects as plain JSON.
import type { ApiCall, HttpResult } from './http.js';

export type Obj = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
};

interface Resource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export class KubeError extends Error {
  constructor(
    what: string,
    readonly status: number,
    body: string,
  ) {
    super(`${what}: HTTP ${status}: ${body.slice(0, 1000)}`);
  }
}

function parse(what: string, res: HttpResult, ok: number[]): unknown {
  if (!ok.includes(res.status)) throw new KubeError(what, res.status, res.body);
  return JSON.parse(res.body) as unknown;
}

export class Kube {
  private readonly discovery = new Map<string, Resource[]>();

  constructor(readonly call: ApiCall) {}

  /** The collection path of a kind, in `namespace` when it is namespaced. Discovery is re-read once when the kind is unknown. */
  async path(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    let found: Resource | undefined;
    for (let fresh = false; ; fresh = true) {
      let resources = fresh ? undefined : this.discovery.get(base);
      if (!resources) {
        const list = parse(`discovery of ${base}`, await this.call('GET', base), [200]) as { resources: Resource[] };
        resources = list.resources.filter((r) => !r.name.includes('/'));
        this.discovery.set(base, resources);
      }
      found = resources.find((r) => r.kind === kind);
      if (found || fresh) break;
    }
    if (!found) throw new Error(`${apiVersion} serves no kind ${kind}`);
    return found.namespaced && namespace ? `${base}/namespaces/${namespace}/${found.name}` : `${base}/${found.name}`;
  }

  async get(apiVersion: string, kind: string, name: string, namespace?: string): Promise<Obj | undefined> {
    const res = await this.call('GET', `${await this.path(apiVersion, kind, namespace)}/${name}`);
    if (res.status === 404) return undefined;
    return parse(`get ${kind} ${name}`, res, [200]) as Obj;
  }

  async list(apiVersion: string, kind: string, opts: { namespace?: string; labelSelector?: string } = {}): Promise<Obj[]> {
    const query = opts.labelSelector ? `?labelSelector=${encodeURIComponent(opts.labelSelector)}` : '';
    const res = await this.call('GET', `${await this.path(apiVersion, kind, opts.namespace)}${query}`);
    const list = parse(`list ${kind}`, res, [200]) as { items: Obj[] };
    return list.items.map((o) => ({ ...o, apiVersion, kind }));
  }

  async create(obj: Obj): Promise<Obj> {
    const res = await this.call('POST', await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace), obj);
    return parse(`create ${obj.kind} ${obj.metadata.name}`, res, [201]) as Obj;
  }

  /** Creates the object, or leaves the existing one as it is. */
  async ensure(obj: Obj): Promise<void> {
    const res = await this.call('POST', await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace), obj);
    if (res.status !== 201 && res.status !== 409) throw new KubeError(`create ${obj.kind} ${obj.metadata.name}`, res.status, res.body);
  }

  /** A JSON merge patch of the object, or of its `status` subresource. */
  async patch(obj: Pick<Obj, 'apiVersion' | 'kind' | 'metadata'>, patch: unknown, subresource?: 'status'): Promise<Obj> {
    const path = `${await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace)}/${obj.metadata.name}${subresource ? `/${subresource}` : ''}`;
    const res = await this.call('PATCH', path, patch, 'application/merge-patch+json');
    return parse(`patch ${obj.kind} ${obj.metadata.name}${subresource ? ' status' : ''}`, res, [200]) as Obj;
  }

  /** Server-side apply of the whole object as `fieldManager` (conflicts forced, as a controller does). */
  async apply(obj: Obj, fieldManager: string): Promise<Obj> {
    const path = `${await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace)}/${obj.metadata.name}?fieldManager=${fieldManager}&force=true`;
    const res = await this.call('PATCH', path, obj, 'application/apply-patch+yaml');
    return parse(`apply ${obj.kind} ${obj.metadata.name}`, res, [200, 201]) as Obj;
  }

  async delete(obj: Pick<Obj, 'apiVersion' | 'kind' | 'metadata'>): Promise<void> {
    const res = await this.call('DELETE', `${await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace)}/${obj.metadata.name}`);
    if (res.status !== 200 && res.status !== 202 && res.status !== 404)
      throw new KubeError(`delete ${obj.kind} ${obj.metadata.name}`, res.status, res.body);
  }
}

/** Polls `probe` until it returns a value other than undefined; the last error or `what` explains a time-out. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      last = ` (last error: ${(err as Error).message})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
