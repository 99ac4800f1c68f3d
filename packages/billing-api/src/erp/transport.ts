// Odoo's two wire protocols behind one call shape: JSON-2 (Odoo 19+,
// POST /json/2/<model>/<method>, bearer API key, named parameters) and the
// legacy /jsonrpc execute_kw (Odoo ≤ 18, uid from common.authenticate).
// Every call carries a deadline; failures become ErpTimeout, ErpUnavailable
// or OdooFault (Odoo answered with an error).
import { ErpTimeout, ErpUnavailable } from './erp.js';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface OdooCall {
  model: string;
  method: string;
  /** Record ids, for record methods (read, write, unlink). */
  ids?: number[];
  /** The method's parameters by name (JSON-2 style). */
  params: Record<string, Json>;
}

export interface OdooTransport {
  call(call: OdooCall, deadlineMs: number): Promise<Json>;
}

/** Odoo answered with an exception. */
export class OdooFault extends Error {
  constructor(
    /** Python class, e.g. odoo.exceptions.ValidationError. */
    readonly odooName: string,
    message: string,
    /** HTTP status (JSON-2) or 200 (JSON-RPC). */
    readonly status: number,
  ) {
    super(message);
  }
}

export interface OdooConnection {
  url: string;
  db: string;
  login: string;
  /** API key (JSON-2) or password/API key (JSON-RPC). Never logged. */
  apiKey: string;
}

// Positional parameter order of execute_kw per method (record methods take ids first).
const POSITIONAL: Record<string, string[]> = {
  search: ['domain'],
  search_read: ['domain'],
  search_count: ['domain'],
  create: ['vals_list'],
  read: [],
  write: ['vals'],
  unlink: [],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function post(url: string, body: unknown, headers: Record<string, string>, deadlineMs: number): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(deadlineMs),
    });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new ErpTimeout(`the ERP did not answer within ${deadlineMs} ms`);
    throw new ErpUnavailable(`the ERP is unavailable: ${(e.cause as Error | undefined)?.message ?? e.message}`);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new ErpTimeout(`the ERP did not answer within ${deadlineMs} ms`);
    throw new ErpUnavailable(`the ERP is unavailable: ${e.message}`);
  }
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new ErpUnavailable(`the ERP answered HTTP ${res.status} without JSON`);
  }
}

function faultOf(data: unknown, status: number): OdooFault {
  const d = isObject(data) ? data : {};
  const name = typeof d['name'] === 'string' ? d['name'] : 'unknown';
  const message = typeof d['message'] === 'string' ? d['message'] : 'unknown Odoo error';
  return new OdooFault(name, message, status);
}

export class Json2Transport implements OdooTransport {
  constructor(private readonly conn: OdooConnection) {}

  async call(call: OdooCall, deadlineMs: number): Promise<Json> {
    const url = `${this.conn.url.replace(/\/$/, '')}/json/2/${call.model}/${call.method}`;
    const body = call.ids ? { ids: call.ids, ...call.params } : call.params;
    const res = await post(url, body, { authorization: `bearer ${this.conn.apiKey}`, 'x-odoo-database': this.conn.db }, deadlineMs);
    if (res.status === 200) return res.body as Json;
    const fault = faultOf(res.body, res.status);
    if (res.status >= 500) throw new ErpUnavailable(`the ERP failed: ${fault.odooName}: ${fault.message}`);
    throw fault;
  }
}

export class JsonRpcTransport implements OdooTransport {
  private uid: Promise<number> | undefined;
  private nextId = 1;

  constructor(private readonly conn: OdooConnection) {}

  private async rpc(service: string, method: string, args: Json[], deadlineMs: number): Promise<Json> {
    const url = `${this.conn.url.replace(/\/$/, '')}/jsonrpc`;
    const res = await post(url, { jsonrpc: '2.0', method: 'call', id: this.nextId++, params: { service, method, args } }, {}, deadlineMs);
    if (res.status !== 200 || !isObject(res.body)) throw new ErpUnavailable(`the ERP answered HTTP ${res.status}`);
    const error = res.body['error'];
    if (isObject(error)) {
      const fault = faultOf(error['data'], 200);
      if (/^psycopg2\.|^builtins\.Exception$/.test(fault.odooName)) throw new ErpUnavailable(`the ERP failed: ${fault.odooName}: ${fault.message}`);
      throw fault;
    }
    return res.body['result'] as Json;
  }

  private login(deadlineMs: number): Promise<number> {
    this.uid ??= this.rpc('common', 'authenticate', [this.conn.db, this.conn.login, this.conn.apiKey, {}], deadlineMs).then(
      (uid) => {
        if (typeof uid !== 'number') throw new OdooFault('odoo.exceptions.AccessDenied', 'the ERP refused the login', 200);
        return uid;
      },
      (err: unknown) => {
        throw err;
      },
    );
    // A failed login is not cached: the next call tries again.
    this.uid.catch(() => (this.uid = undefined));
    return this.uid;
  }

  async call(call: OdooCall, deadlineMs: number): Promise<Json> {
    const started = Date.now();
    const uid = await this.login(deadlineMs);
    const positionalNames = POSITIONAL[call.method] ?? [];
    const args: Json[] = call.ids ? [call.ids] : [];
    const kwargs: Record<string, Json> = {};
    for (const [k, v] of Object.entries(call.params)) {
      if (positionalNames.includes(k)) args.push(v);
      else kwargs[k] = v;
    }
    const remaining = Math.max(1, deadlineMs - (Date.now() - started));
    return this.rpc('object', 'execute_kw', [this.conn.db, uid, this.conn.apiKey, call.model, call.method, args, kwargs], remaining);
  }
}
