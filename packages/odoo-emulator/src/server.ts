// The HTTP face of the emulator: Odoo's wire protocols on one port.
//   POST /json/2/<model>/<method>     JSON-2 (Odoo 19+): bearer API key, named parameters
//   POST /jsonrpc                     legacy JSON-RPC: services common (login, authenticate, version), object (execute_kw, execute), db (list)
//   POST /web/session/authenticate    web-client login (session cookie), as OdooRPC uses
//   POST /web/dataset/call_kw[/...]   web-client ORM calls on that session
//   POST /web/webclient/version_info, /web/session/destroy
//   GET|PUT /emulator/faults          fault injection (not Odoo: the emulator's own control)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_COUNTRIES } from './countries.js';
import { OdooError, accessDenied, errorData, internalError, notFound } from './errors.js';
import { type Faults, noFaults, shouldFail, updateFaults } from './faults.js';
import { Database } from './models.js';
import { type Call, Orm, callFromExecuteKw, callFromJson2 } from './orm.js';
import { type OdooValue, isRecord } from './values.js';

export interface EmulatorOptions {
  /** Database name (default "odoo"). */
  db?: string;
  login?: string;
  password?: string;
  /** The API key JSON-2 callers send as `Authorization: bearer <key>`; also accepted as a password, as Odoo does. */
  apiKey?: string;
  /** Extra char fields on res.partner, as an Odoo module or Studio adds them (names start with x_). */
  customPartnerFields?: string[];
  /** Reported by version_info (default 19.0). */
  serverVersion?: string;
  host?: string;
  port?: number;
}

export interface OdooEmulator {
  url: string;
  port: number;
  db: Database;
  faults: Faults;
  /** Calls answered (any protocol), for tests that count ERP round trips. */
  calls: number;
  close(): Promise<void>;
}

const UID = 2; // Odoo's admin user

function secureEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new OdooError('werkzeug.exceptions.BadRequest', 'Invalid JSON data', 400);
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export async function startOdooEmulator(opts: EmulatorOptions = {}): Promise<OdooEmulator> {
  const dbName = opts.db ?? 'odoo';
  const login = opts.login ?? 'admin';
  const password = opts.password ?? randomBytes(12).toString('hex');
  const apiKey = opts.apiKey ?? randomBytes(20).toString('hex');
  const serverVersion = opts.serverVersion ?? '19.0';
  const db = new Database(dbName, opts.customPartnerFields ?? []);
  const now = Date.now();
  for (const c of DEFAULT_COUNTRIES) db.table('res.country').seed(c.id, { name: c.name, code: c.code }, now);
  const orm = new Orm(db);
  const sessions = new Set<string>();
  const state = { faults: noFaults(), calls: 0 };

  const validSecret = (secret: unknown): boolean => typeof secret === 'string' && (secureEqual(secret, apiKey) || secureEqual(secret, password));
  const checkDb = (name: unknown): void => {
    if (name !== dbName) throw new OdooError('psycopg2.OperationalError', `FATAL:  database "${String(name)}" does not exist`, 500);
  };
  const versionInfo = (): Record<string, OdooValue> => {
    const [major, minor] = serverVersion.split('.').map(Number);
    return {
      server_version: serverVersion,
      server_version_info: [major ?? 0, minor ?? 0, 0, 'final', 0, ''],
      server_serie: serverVersion,
      protocol_version: 1,
    };
  };
  const userContext = { lang: 'en_US', tz: 'Europe/Zurich', uid: UID };

  const rpcResult = (id: unknown, result: OdooValue): Record<string, unknown> => ({ jsonrpc: '2.0', id: id ?? null, result });
  const rpcError = (id: unknown, err: OdooError, code = 200): Record<string, unknown> => ({
    jsonrpc: '2.0',
    id: id ?? null,
    error: { code, message: code === 100 ? 'Odoo Session Expired' : 'Odoo Server Error', data: errorData(err) },
  });

  const jsonrpcService = (service: unknown, method: unknown, args: unknown[]): OdooValue => {
    if (service === 'common') {
      if (method === 'version') return versionInfo();
      if (method === 'login' || method === 'authenticate') {
        checkDb(args[0]);
        return args[1] === login && validSecret(args[2]) ? UID : false;
      }
    } else if (service === 'db') {
      if (method === 'list') return [dbName];
      if (method === 'server_version') return serverVersion;
    } else if (service === 'object' && method === 'execute_kw') {
      const [dbArg, uid, secret, model, ormMethod, callArgs, kwargs] = args;
      checkDb(dbArg);
      if (uid !== UID || !validSecret(secret)) throw accessDenied();
      return orm.execute(callFromExecuteKw(String(model), String(ormMethod), callArgs ?? [], kwargs ?? {}));
    } else if (service === 'object' && method === 'execute') {
      // execute(db, uid, password, model, method, *args): positional arguments only.
      const [dbArg, uid, secret, model, ormMethod, ...callArgs] = args;
      checkDb(dbArg);
      if (uid !== UID || !validSecret(secret)) throw accessDenied();
      return orm.execute(callFromExecuteKw(String(model), String(ormMethod), callArgs, {}));
    }
    throw notFound(`Service '${String(service)}' has no method '${String(method)}'`);
  };

  const sessionOf = (req: http.IncomingMessage): string | undefined => {
    const cookie = req.headers.cookie ?? '';
    const sid = /(?:^|;\s*)session_id=([^;]+)/.exec(cookie)?.[1];
    return sid && sessions.has(sid) ? sid : undefined;
  };

  // The model and method of a JSON-RPC call, for fault rules: execute_kw's
  // args are [db, uid, password, model, method, ...]; the web client's
  // call_kw names them.
  const modelCall = (params: Record<string, unknown>): { model: string; method: string } | undefined => {
    const args = params['args'];
    if (params['service'] === 'object' && Array.isArray(args) && typeof args[3] === 'string' && typeof args[4] === 'string')
      return { model: args[3], method: args[4] };
    if (typeof params['model'] === 'string' && typeof params['method'] === 'string') return { model: params['model'], method: params['method'] };
    return undefined;
  };

  // A JSON-RPC 2.0 envelope around a web-client or /jsonrpc route.
  const jsonRoute = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    handle: (params: Record<string, unknown>) => OdooValue,
  ): Promise<void> => {
    const body = await readBody(req);
    const id = isRecord(body) ? body['id'] : null;
    try {
      const params = isRecord(body) && isRecord(body['params']) ? body['params'] : {};
      if (shouldFail(state.faults, modelCall(params)))
        throw new OdooError('psycopg2.OperationalError', 'server closed the connection unexpectedly (injected fault)', 500);
      send(res, 200, rpcResult(id, handle(params)));
    } catch (err) {
      const odooErr = err instanceof OdooError ? err : internalError((err as Error).message);
      send(res, 200, rpcError(id, odooErr, odooErr.odooName === 'odoo.http.SessionExpiredException' ? 100 : 200));
    }
  };

  const webCall = (req: http.IncomingMessage, params: Record<string, unknown>): OdooValue => {
    if (!sessionOf(req)) throw new OdooError('odoo.http.SessionExpiredException', 'Session expired', 401);
    return orm.execute(callFromExecuteKw(String(params['model']), String(params['method']), params['args'] ?? [], params['kwargs'] ?? {}));
  };

  const json2 = async (req: http.IncomingMessage, res: http.ServerResponse, model: string, method: string): Promise<void> => {
    try {
      const auth = req.headers.authorization ?? '';
      const key = /^bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
      if (!key || !secureEqual(key, apiKey)) throw accessDenied('Invalid apikey');
      const database = req.headers['x-odoo-database'];
      if (database !== undefined) checkDb(database);
      const body = await readBody(req);
      if (!isRecord(body)) throw new OdooError('werkzeug.exceptions.BadRequest', 'The request body must be a JSON object', 400);
      if (shouldFail(state.faults, { model, method }))
        throw new OdooError('psycopg2.OperationalError', 'server closed the connection unexpectedly (injected fault)', 500);
      const call: Call = callFromJson2(model, method, body);
      send(res, 200, orm.execute(call));
    } catch (err) {
      const odooErr = err instanceof OdooError ? err : internalError((err as Error).message);
      send(res, odooErr.httpStatus, errorData(odooErr));
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://emulator');
      const path = url.pathname;
      if (path === '/emulator/faults') {
        if (req.method === 'PUT') {
          try {
            state.faults = updateFaults(state.faults, await readBody(req));
          } catch (err) {
            send(res, 400, { error: (err as Error).message });
            return;
          }
        }
        send(res, 200, state.faults);
        return;
      }
      if (state.faults.outage) {
        req.socket.destroy();
        return;
      }
      if (state.faults.latencyMs > 0) await new Promise((r) => setTimeout(r, state.faults.latencyMs));
      state.calls++;
      if (req.method !== 'POST') {
        send(res, 405, errorData(new OdooError('werkzeug.exceptions.MethodNotAllowed', 'The method is not allowed for the requested URL.', 405)));
        return;
      }
      const json2Match = /^\/json\/2\/([a-z0-9_.]+)\/([a-z0-9_]+)$/i.exec(path);
      if (json2Match) {
        await json2(req, res, json2Match[1] ?? '', json2Match[2] ?? '');
      } else if (path === '/jsonrpc') {
        await jsonRoute(req, res, (p) => jsonrpcService(p['service'], p['method'], Array.isArray(p['args']) ? (p['args'] as unknown[]) : []));
      } else if (path === '/web/webclient/version_info') {
        await jsonRoute(req, res, () => versionInfo());
      } else if (path === '/web/session/authenticate') {
        await jsonRoute(req, res, (p) => {
          checkDb(p['db']);
          if (p['login'] !== login || !validSecret(p['password'])) throw accessDenied();
          const sid = randomBytes(20).toString('hex');
          sessions.add(sid);
          res.setHeader('set-cookie', `session_id=${sid}; HttpOnly; Path=/; SameSite=Lax`);
          return { uid: UID, db: dbName, username: login, is_admin: true, user_context: userContext, ...versionInfo() };
        });
      } else if (path === '/web/session/destroy') {
        await jsonRoute(req, res, () => {
          const sid = sessionOf(req);
          if (sid) sessions.delete(sid);
          return null;
        });
      } else if (path === '/web/dataset/call_kw' || path.startsWith('/web/dataset/call_kw/')) {
        await jsonRoute(req, res, (p) => webCall(req, p));
      } else {
        send(res, 404, errorData(notFound('The requested URL was not found on the server.')));
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, errorData(internalError((err as Error).message)));
    });
  });

  server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    db,
    get faults() {
      return state.faults;
    },
    set faults(f: Faults) {
      state.faults = f;
    },
    get calls() {
      return state.calls;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };
}
