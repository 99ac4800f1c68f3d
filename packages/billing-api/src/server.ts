// The HTTPS server: routing, authentication, content negotiation, and the
// endpoints around the resource (discovery, OpenAPI, health, metrics).
// Every error is answered as a Kubernetes Status.
import { once } from 'node:events';
import type * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import type { Logger } from 'pino';
import {
  aggregatedDiscoveryContentType,
  aggregatedDiscoveryVersion,
  apiGroup,
  apiGroupDiscoveryList,
  apiGroupList,
  apiResourceList,
} from './api/discovery.js';
import { GROUP, PLURAL, VERSION } from './api/entity.js';
import { toApiError } from './api/errors.js';
import { OPENAPI_V3_GV_PATH, openapiV2, openapiV3GroupVersion, openapiV3Index } from './api/openapi.js';
import { type BillingEntityResource, type Reply, readJson } from './api/resource.js';
import { ApiError, notAcceptable, notFoundPath, unauthorized } from './api/status.js';
import type { Authenticator } from './auth/authenticator.js';
import type { Authorizer } from './auth/authorizer.js';
import type { Authenticated } from './auth/user.js';
import type { Metrics } from './metrics.js';
import { type ServingCert, secureContextOptions } from './tls.js';

export interface ServerOptions {
  host: string;
  port: number;
  serving: ServingCert;
  clientCAs: string[];
  resource: BillingEntityResource;
  authenticator: Authenticator;
  authorizer: Authorizer;
  metrics: Metrics;
  /** Why the server is not ready (undefined: ready). */
  notReady: () => string | undefined;
  log: Logger;
}

export interface BillingApiServer {
  port: number;
  url: string;
  /** Replaces the serving certificate and/or the accepted client CAs without a restart. */
  reconfigure(serving: ServingCert, clientCAs: string[]): void;
  /** Stops: watches end at once, other requests may finish within `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

const BASE = `/apis/${GROUP}/${VERSION}`;
const RESOURCE = new RegExp(`^/apis/${GROUP.replace(/\./g, '\\.')}/${VERSION}/${PLURAL}(?:/([^/]+))?$`);

/**
 * The client's certificate chain as it came over TLS, leaf first: the
 * intermediates it sent (linked by issuerCertificate; the last links to
 * itself). Nothing here is trusted yet: the authenticator checks every link.
 * Read from getPeerCertificate(true) alone: calling getPeerX509Certificate()
 * first leaves the detailed certificate without its issuers (Node 20).
 */
function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let at: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  while (at?.raw && chain.length < 5) {
    chain.push(new X509Certificate(at.raw));
    const next: DetailedPeerCertificate | undefined = at.issuerCertificate;
    at = next === at ? undefined : next;
  }
  return chain;
}

function acceptsJson(accept: string): boolean {
  if (accept === '') return true;
  return accept.split(',').some((p) => {
    const t = p.split(';')[0]?.trim().toLowerCase() ?? '';
    return t === 'application/json' || t === '*/*' || t === 'application/*';
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-cache, private',
    ...headers,
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function verbOf(method: string, name: string | undefined, q: URLSearchParams): string {
  switch (method) {
    case 'GET':
      return name ? 'get' : q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

export async function startServer(o: ServerOptions): Promise<BillingApiServer> {
  const stopping = new AbortController();

  const handleResource = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    auth: Authenticated,
    name: string | undefined,
    q: URLSearchParams,
    verb: string,
  ): Promise<Reply | undefined> => {
    const accept = req.headers.accept ?? '';
    const r = o.resource;
    await r.requireDirect(auth, verb, name);
    switch (verb) {
      case 'get':
        return r.get(auth.user, name ?? '', accept, q);
      case 'list':
        return r.list(auth.user, accept, q);
      case 'watch':
        await r.watch(auth.user, accept, q, req, res, stopping.signal);
        return undefined;
      case 'create':
        if (name) throw new ApiError(405, 'MethodNotAllowed', 'POST to a named billing entity is not allowed; POST to the collection');
        return r.create(auth, await readJson(req), q);
      case 'update':
        return r.replace(auth.user, name ?? '', await readJson(req), q);
      case 'patch':
        return r.patch(auth.user, name ?? '', req.headers['content-type'] ?? '', await readJson(req), q);
      case 'delete':
        return r.delete(auth.user, name ?? '', q);
      case 'deletecollection':
        return r.deleteCollection();
      default:
        throw new ApiError(405, 'MethodNotAllowed', `${req.method ?? ''} is not supported`);
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<{ verb: string; user?: string }> => {
    const url = new URL(req.url ?? '/', 'https://billing-api');
    const path = url.pathname.replace(/\/$/, '') || '/';
    const accept = req.headers.accept ?? '';
    const method = req.method ?? 'GET';

    // Probes and discovery need no identity: kubelet and the aggregator call them.
    if (path === '/livez' || (path === '/healthz' && !stopping.signal.aborted)) {
      sendText(res, 200, 'ok');
      return { verb: 'health' };
    }
    if (path === '/healthz' || path === '/readyz') {
      // While shutting down, not ready: the Service stops sending new requests here.
      const why = stopping.signal.aborted ? 'shutting down' : o.notReady();
      sendText(res, why ? 503 : 200, why ? `[-]${why}\nreadyz check failed` : 'ok');
      return { verb: 'health' };
    }
    if (method === 'GET' && (path === '/apis' || path === `/apis/${GROUP}` || path === BASE)) {
      const aggregated = path === '/apis' ? aggregatedDiscoveryVersion(accept) : undefined;
      if (aggregated) {
        sendJson(res, 200, apiGroupDiscoveryList(aggregated), { 'content-type': aggregatedDiscoveryContentType(aggregated) });
      } else {
        if (!acceptsJson(accept)) throw notAcceptable('only application/json is served');
        sendJson(res, 200, path === '/apis' ? apiGroupList() : path === BASE ? apiResourceList() : apiGroup());
      }
      return { verb: 'discovery' };
    }
    if (method === 'GET' && (path === '/openapi/v2' || path === '/openapi/v3' || path === OPENAPI_V3_GV_PATH)) {
      sendJson(res, 200, path === '/openapi/v2' ? openapiV2() : path === '/openapi/v3' ? openapiV3Index() : openapiV3GroupVersion());
      return { verb: 'openapi' };
    }

    const auth = await o.authenticator.authenticate(peerChain(req.socket as TLSSocket), req.headersDistinct, req.headers);
    if (!auth) throw unauthorized();

    if (path === '/metrics') {
      const allowed = await o.authorizer.allowedPath(auth.user, 'get', '/metrics');
      if (!allowed) throw new ApiError(403, 'Forbidden', `User "${auth.user.name}" cannot get path "/metrics"`);
      const text = await o.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': o.metrics.registry.contentType });
      res.end(text);
      return { verb: 'metrics', user: auth.user.name };
    }

    const m = RESOURCE.exec(path);
    if (!m) throw notFoundPath(path);
    if (!acceptsJson(accept)) throw notAcceptable('only application/json is served');
    const name = m[1] ? decodeURIComponent(m[1]) : undefined;
    const verb = verbOf(method, name, url.searchParams);
    const reply = await handleResource(req, res, auth, name, url.searchParams, verb);
    if (reply) sendJson(res, reply.status, reply.body, reply.headers);
    return { verb, user: auth.user.name };
  };

  const server = https.createServer(
    // Client certificates are asked for, not required: direct callers may use tokens.
    { ...secureContextOptions(o.serving, o.clientCAs), requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    (req, res) => {
      const started = process.hrtime.bigint();
      let verb = 'unknown';
      let user: string | undefined;
      handle(req, res)
        .then((r) => {
          verb = r.verb;
          user = r.user;
        })
        .catch((err: unknown) => {
          const apiErr = toApiError(err);
          if (apiErr.code === 500) o.log.error({ err, path: req.url }, 'request failed');
          if (!res.headersSent) sendJson(res, apiErr.code, apiErr.status(), apiErr.headers);
          else res.end();
        })
        .finally(() => {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          o.metrics.requests.inc({ verb, code: String(res.statusCode) });
          if (verb !== 'watch' && verb !== 'health') o.metrics.requestSeconds.observe({ verb }, seconds);
          if (verb !== 'health')
            o.log.info(
              { method: req.method, path: (req.url ?? '').split('?')[0], verb, user, code: res.statusCode, ms: Math.round(seconds * 1000) },
              'request',
            );
        });
    },
  );
  server.listen(o.port, o.host);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `https://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    reconfigure(serving, clientCAs) {
      server.setSecureContext(secureContextOptions(serving, clientCAs));
    },
    async close(graceMs = 0) {
      // Watches end now; other requests in flight get up to graceMs to finish.
      stopping.abort();
      const closed = new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeIdleConnections();
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([closed, grace]);
      server.closeAllConnections();
      await closed;
    },
  };
}
