// Minimal HTTP(S) client for the few raw calls the test environment makes
// itself (health checks, discovery, CRDs as plain JSON), so the objects sent
// are exactly the YAML read, without client-node's model (de)serialisation.
import * as http from 'node:http';
import * as https from 'node:https';

export interface HttpResult {
  status: number;
  body: string;
}

/** An authenticated call to the API server (admin), path relative to the server URL. */
export type ApiCall = (method: string, path: string, body?: unknown, contentType?: string) => Promise<HttpResult>;

export interface HttpOptions {
  method?: string;
  body?: unknown;
  /** Content type of the body (default application/json; patches name theirs). */
  contentType?: string;
  /** PEM trust anchor and client certificate for mutual TLS. */
  ca?: string;
  cert?: string;
  key?: string;
  timeoutMs?: number;
}

export function request(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
  const u = new URL(url);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
  if (payload !== undefined) {
    headers['content-type'] = opts.contentType ?? 'application/json';
    headers['content-length'] = Buffer.byteLength(payload);
  }
  const base: https.RequestOptions = { method: opts.method ?? 'GET', headers, timeout: opts.timeoutMs ?? 5000 };
  return new Promise((resolve, reject) => {
    const onResponse = (res: http.IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    };
    const req =
      u.protocol === 'https:'
        ? https.request(u, { ...base, ca: opts.ca, cert: opts.cert, key: opts.key }, onResponse)
        : http.request(u, base, onResponse);
    req.on('timeout', () => req.destroy(new Error(`timeout after ${base.timeout}ms: ${base.method} ${url}`)));
    req.on('error', reject);
    req.end(payload);
  });
}
