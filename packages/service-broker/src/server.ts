// The HTTP side: fastify routes for every OSB endpoint, request validation
// with the official OpenAPI document's schemas, the OSB headers, auth,
// structured logs without credentials, metrics and health endpoints.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { JsonObject } from '@appcat/runtime';
import type { AuthCheck } from './auth.js';
import type { BindRequest, Broker, CallInfo, InstanceQuery, ProvisionRequest, Reply, UpdateRequest } from './broker.js';
import { BrokerError, badRequest } from './errors.js';
import { parseOriginatingIdentity } from './identity.js';
import { Metrics } from './metrics.js';
import { OpenAPIDocument, type Method } from './openapi.js';
import type { Store } from './store.js';

/** The oldest OSB version this broker speaks (Akkeris needs at least 2.13). */
export const MIN_MINOR_VERSION = 13;

export interface ServerOptions {
  broker: Broker;
  auth: AuthCheck;
  store: Store;
  /** Where logs go (default stdout) and how much. */
  log?: { level?: string; stream?: NodeJS.WritableStream };
  openapi?: OpenAPIDocument;
}

export interface BrokerServer {
  app: FastifyInstance;
  metrics: Metrics;
  /**
   * Fail readiness, wait for `drained` (the time load balancers take to stop
   * sending new requests), then stop accepting and finish in-flight requests.
   */
  shutdown(drained?: Promise<void>): Promise<void>;
}

const INSTANCE = '/v2/service_instances/{instance_id}';
const INSTANCE_OP = `${INSTANCE}/last_operation`;
const BINDING = `${INSTANCE}/service_bindings/{binding_id}`;
const BINDING_OP = `${BINDING}/last_operation`;

/** OpenAPI `{param}` paths as fastify routes. */
const route = (path: string): string => path.replace(/\{([a-z_]+)\}/g, ':$1');

interface InstanceParams {
  instance_id: string;
}
interface BindingParams extends InstanceParams {
  binding_id: string;
}
interface AsyncQuery {
  accepts_incomplete?: boolean;
}

function send(reply: FastifyReply, result: Reply): FastifyReply {
  if (result.retryAfter !== undefined) void reply.header('Retry-After', String(result.retryAfter));
  return reply.code(result.status).send(result.body);
}

function callInfo(request: FastifyRequest, query: AsyncQuery): CallInfo {
  const header = request.headers['x-broker-api-originating-identity'];
  const identity = parseOriginatingIdentity(Array.isArray(header) ? header[0] : header);
  return { acceptsIncomplete: query.accepts_incomplete === true, ...(identity ? { identity } : {}) };
}

/** The version header: 400 when missing (2.16+), 412 when older than 2.13 or not 2.x. */
function checkVersion(header: string | string[] | undefined): BrokerError | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return badRequest('the X-Broker-API-Version header is required');
  const m = /^(\d+)\.(\d+)$/.exec(value.trim());
  if (!m || Number(m[1]) !== 2 || Number(m[2]) < MIN_MINOR_VERSION) {
    return new BrokerError(
      412,
      'PreconditionFailed',
      `X-Broker-API-Version ${value} is not supported: this broker speaks 2.${MIN_MINOR_VERSION} to 2.17`,
    );
  }
  return undefined;
}

export function createServer(opts: ServerOptions): BrokerServer {
  const openapi = opts.openapi ?? new OpenAPIDocument();
  const metrics = new Metrics();
  let draining = false;
  const app = Fastify({
    logger: {
      level: opts.log?.level ?? 'info',
      ...(opts.log?.stream ? { stream: opts.log.stream } : {}),
      // Credentials travel in these headers and bodies; the default serializers log neither, this makes sure.
      redact: { paths: ['req.headers.authorization', 'headers.authorization', 'body', 'res.body'], censor: '[redacted]' },
    },
    requestIdHeader: 'x-broker-api-request-identity',
    ajv: { customOptions: { coerceTypes: true, allErrors: true, strict: false } },
  });

  // An empty JSON body (DELETE with a Content-Type header) is no body, not an error.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, text, done) => {
    const s = typeof text === 'string' ? text : text.toString('utf8');
    if (s.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(s) as unknown);
    } catch {
      done(badRequest('the body is not valid JSON'), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const identity = request.headers['x-broker-api-request-identity'];
    if (typeof identity === 'string') void reply.header('X-Broker-API-Request-Identity', identity);
    if (!request.url.startsWith('/v2/')) return;
    if (!opts.auth.check(request.headers.authorization)) {
      void reply.header('WWW-Authenticate', 'Basic realm="service-broker", Bearer');
      throw new BrokerError(401, 'Unauthorized', 'missing or wrong credentials');
    }
    const versionError = checkVersion(request.headers['x-broker-api-version']);
    if (versionError) throw versionError;
  });

  app.addHook('onResponse', async (request, reply) => {
    metrics.requests.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unknown', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler((error: FastifyError | BrokerError, request, reply) => {
    if (error instanceof BrokerError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(error.status).send(error.body());
    }
    if (error.validation) {
      return reply.code(400).send(badRequest(`invalid request: ${error.message}`).body());
    }
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      // Fastify's own client errors (wrong media type, body too large): the platform sent something we cannot read.
      return reply.code(400).send(badRequest(error.message).body());
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send(new BrokerError(500, 'InternalError', 'internal error; the broker logged the details').body());
  });

  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: 'NotFound', description: `no endpoint ${request.method} ${request.url.split('?')[0] ?? ''}` }),
  );

  const schema = (path: string, method: Method, withBody: boolean): JsonObject => ({
    querystring: openapi.query(path, method),
    ...(withBody ? { body: openapi.requestBody(path, method) } : {}),
  });
  const { broker } = opts;

  app.get('/v2/catalog', (_req, reply) => send(reply, broker.getCatalog()));

  app.put<{ Params: InstanceParams; Querystring: AsyncQuery; Body: ProvisionRequest }>(
    route(INSTANCE),
    { schema: schema(INSTANCE, 'put', true) },
    async (req, reply) => send(reply, await broker.provision(req.params.instance_id, req.body, callInfo(req, req.query))),
  );
  app.patch<{ Params: InstanceParams; Querystring: AsyncQuery; Body: UpdateRequest }>(
    route(INSTANCE),
    { schema: schema(INSTANCE, 'patch', true) },
    async (req, reply) => send(reply, await broker.update(req.params.instance_id, req.body, callInfo(req, req.query))),
  );
  app.delete<{ Params: InstanceParams; Querystring: AsyncQuery & InstanceQuery }>(
    route(INSTANCE),
    { schema: schema(INSTANCE, 'delete', false) },
    async (req, reply) => send(reply, await broker.deprovision(req.params.instance_id, req.query, callInfo(req, req.query))),
  );
  app.get<{ Params: InstanceParams; Querystring: InstanceQuery }>(route(INSTANCE), { schema: schema(INSTANCE, 'get', false) }, async (req, reply) =>
    send(reply, await broker.getInstance(req.params.instance_id, req.query)),
  );
  app.get<{ Params: InstanceParams; Querystring: InstanceQuery }>(
    route(INSTANCE_OP),
    { schema: schema(INSTANCE_OP, 'get', false) },
    async (req, reply) => send(reply, await broker.lastOperation(req.params.instance_id, req.query)),
  );
  app.put<{ Params: BindingParams; Querystring: AsyncQuery; Body: BindRequest }>(
    route(BINDING),
    { schema: schema(BINDING, 'put', true) },
    async (req, reply) => send(reply, await broker.bind(req.params.instance_id, req.params.binding_id, req.body, callInfo(req, req.query))),
  );
  app.delete<{ Params: BindingParams; Querystring: AsyncQuery & InstanceQuery }>(
    route(BINDING),
    { schema: schema(BINDING, 'delete', false) },
    async (req, reply) => send(reply, await broker.unbind(req.params.instance_id, req.params.binding_id, req.query)),
  );
  app.get<{ Params: BindingParams; Querystring: InstanceQuery }>(route(BINDING), { schema: schema(BINDING, 'get', false) }, async (req, reply) =>
    send(reply, await broker.getBinding(req.params.instance_id, req.params.binding_id, req.query)),
  );
  app.get<{ Params: BindingParams; Querystring: InstanceQuery }>(
    route(BINDING_OP),
    { schema: schema(BINDING_OP, 'get', false) },
    async (req, reply) => send(reply, await broker.bindingLastOperation(req.params.instance_id, req.params.binding_id, req.query)),
  );

  app.get('/healthz', (_req, reply) => reply.send({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    if (draining) return reply.code(503).send({ status: 'shutting down' });
    if (!(await opts.store.reachable())) return reply.code(503).send({ status: 'the Kubernetes API is not reachable' });
    return { status: 'ok' };
  });
  app.get('/metrics', async (_req, reply) => {
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).send(text);
  });

  return {
    app,
    metrics,
    shutdown: async (drained) => {
      draining = true;
      await drained;
      await app.close();
    },
  };
}
