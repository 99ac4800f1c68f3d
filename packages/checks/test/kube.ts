// Raw calls to the test API server as any user: the objects sent are exactly
// the YAML we read, and query parameters such as dryRun and fieldValidation
// are ours to set.
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { isObject, type KubeObject } from '@appcat/runtime';

export interface Reply {
  status: number;
  body: unknown;
}

export async function call(kc: KubeConfig, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<Reply> {
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(path, kc.getCurrentCluster()!.server);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { ...opts, method, headers: { accept: 'application/json', ...(payload ? { 'content-type': contentType } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON (plain-text errors)
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

interface Resource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** Finds the REST path of an object's kind through discovery (cached per group-version). */
export class Paths {
  private readonly cache = new Map<string, Resource[]>();

  constructor(private readonly kc: KubeConfig) {}

  async collection(obj: KubeObject): Promise<string> {
    const base = obj.apiVersion.includes('/') ? `/apis/${obj.apiVersion}` : `/api/${obj.apiVersion}`;
    let resources = this.cache.get(base);
    if (!resources) {
      const reply = await call(this.kc, 'GET', base);
      if (reply.status !== 200 || !isObject(reply.body)) throw new Error(`discovery of ${base}: HTTP ${reply.status}`);
      resources = (reply.body['resources'] as unknown as Resource[]).filter((r) => !r.name.includes('/'));
      this.cache.set(base, resources);
    }
    const resource = resources.find((r) => r.kind === obj.kind);
    if (!resource) throw new Error(`${obj.apiVersion} ${obj.kind} is not served`);
    const ns = obj.metadata?.namespace;
    if (resource.namespaced && !ns) throw new Error(`${obj.kind} ${obj.metadata?.name ?? ''} is namespaced but has no namespace`);
    return resource.namespaced ? `${base}/namespaces/${ns}/${resource.name}` : `${base}/${resource.name}`;
  }
}

/** The API server's message for a failed call. */
export function messageOf(reply: Reply): string {
  return isObject(reply.body) && typeof reply.body['message'] === 'string' ? reply.body['message'] : JSON.stringify(reply.body);
}
