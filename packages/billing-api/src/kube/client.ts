// The server's own calls to kube-apiserver (configuration, TokenReview,
// SubjectAccessReview, RBAC objects) as plain JSON over HTTPS, with the
// credentials of a kubeconfig or the in-cluster service account.
// @kubernetes/client-node supplies the credential handling; requests are
// sent here so impersonation headers and raw status codes stay in reach.
import * as https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeResponse {
  status: number;
  body: unknown;
}

export class KubeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface KubeClient {
  request(method: string, path: string, body?: unknown, headers?: Record<string, string | string[]>): Promise<KubeResponse>;
}

export function loadKubeConfig(kubeconfigPath: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  if (kubeconfigPath) kc.loadFromFile(kubeconfigPath);
  else kc.loadFromCluster();
  return kc;
}

export function kubeClient(kc: KubeConfig, timeoutMs = 10_000): KubeClient {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig: no current cluster');
  const server = cluster.server.replace(/\/$/, '');
  const agent = new https.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    async request(method, path, body, headers = {}) {
      const opts: https.RequestOptions = { method, headers: { accept: 'application/json', ...headers }, agent, timeout: timeoutMs };
      await kc.applyToHTTPSOptions(opts);
      // applyToHTTPSOptions sets TLS material; keep our pooled agent.
      opts.agent = agent;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      if (payload !== undefined)
        opts.headers = {
          ...(opts.headers as Record<string, string>),
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(payload)),
        };
      return new Promise<KubeResponse>((resolve, reject) => {
        const req = https.request(`${server}${path}`, opts, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
            } catch {
              // not JSON: keep the text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`kube-apiserver did not answer ${method} ${path} within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

/** A request that must succeed with one of `ok`; anything else throws KubeError with the server's message. */
export async function expectStatus(
  client: KubeClient,
  ok: number[],
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string | string[]>,
): Promise<unknown> {
  const res = await client.request(method, path, body, headers);
  if (!ok.includes(res.status)) {
    const message = typeof res.body === 'object' && res.body !== null && 'message' in res.body ? String(res.body.message) : `HTTP ${res.status}`;
    throw new KubeError(res.status, `${method} ${path}: ${message}`);
  }
  return res.body;
}
