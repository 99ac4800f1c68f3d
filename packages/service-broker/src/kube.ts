// A small JSON client for the Kubernetes API: the broker sends and reads
// objects exactly as the API defines them (no typed models that could drop
// fields) and sets query parameters such as labelSelector itself.
import * as https from 'node:https';
import * as http from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeReply {
  status: number;
  body: unknown;
}

export type PatchType = 'application/merge-patch+json' | 'application/json';

export class KubeClient {
  private readonly server: URL;
  private readonly agent: https.Agent | http.Agent;

  private constructor(
    private readonly kc: KubeConfig,
    baseOptions: https.RequestOptions,
  ) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('kubeconfig has no current cluster');
    this.server = new URL(cluster.server);
    const agentOptions = { keepAlive: true, maxSockets: 64 };
    this.agent = this.server.protocol === 'https:' ? new https.Agent({ ...agentOptions, ...pickTLS(baseOptions) }) : new http.Agent(agentOptions);
  }

  static async create(kc: KubeConfig): Promise<KubeClient> {
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    return new KubeClient(kc, opts);
  }

  /** In a pod: the service account; elsewhere: KUBECONFIG or ~/.kube/config. */
  static async fromDefault(): Promise<KubeClient> {
    const kc = new KubeConfig();
    kc.loadFromDefault();
    return KubeClient.create(kc);
  }

  /** One API call; 429 (storage initialising, priority and fairness) is retried a few times. */
  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<KubeReply> {
    for (let attempt = 1; ; attempt++) {
      const reply = await this.once(method, path, body, contentType);
      if (reply.status !== 429 || attempt === 4) return reply;
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
  }

  private async once(method: string, path: string, body: unknown, contentType: string): Promise<KubeReply> {
    // Tokens may rotate (projected service account tokens): headers are applied per request.
    const opts: https.RequestOptions = {};
    await this.kc.applyToHTTPSOptions(opts);
    const url = new URL(path, this.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            ...(opts.headers as Record<string, string> | undefined),
            accept: 'application/json',
            // Node sends DELETE bodies without framing unless told their length.
            ...(payload !== undefined ? { 'content-type': contentType, 'content-length': String(Buffer.byteLength(payload)) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // plain-text errors stay text
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url.pathname}: no answer from the API server in 30 s`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function pickTLS(o: https.RequestOptions): https.AgentOptions {
  const out: https.AgentOptions = {};
  if (o.ca !== undefined) out.ca = o.ca;
  if (o.cert !== undefined) out.cert = o.cert;
  if (o.key !== undefined) out.key = o.key;
  if (o.rejectUnauthorized !== undefined) out.rejectUnauthorized = o.rejectUnauthorized;
  return out;
}

/** The API server's message of a failed reply. */
export function messageOf(reply: KubeReply): string {
  const b = reply.body;
  if (typeof b === 'object' && b !== null && typeof (b as { message?: unknown }).message === 'string') return (b as { message: string }).message;
  return typeof b === 'string' ? b : JSON.stringify(b);
}
