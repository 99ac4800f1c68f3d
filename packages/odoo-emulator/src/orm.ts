// The ORM methods the emulator serves, bound the way Odoo binds them: each
// method has Python parameter names, so execute_kw's positional `args` plus
// `kwargs` and JSON-2's named body parameters reach the same call. Record
// methods (read, write, unlink) take the ids first (execute_kw: args[0];
// JSON-2: the `ids` body key).
import { compile, mentions } from './domain.js';
import { notFound, typeError, valueError } from './errors.js';
import type { Database, Table } from './models.js';
import { type OdooRecord, type OdooValue, isRecord } from './values.js';

interface Signature {
  /** A record method: called on `ids`. */
  onRecords: boolean;
  params: string[];
}

const SIGNATURES: Record<string, Signature> = {
  search: { onRecords: false, params: ['domain', 'offset', 'limit', 'order'] },
  search_read: { onRecords: false, params: ['domain', 'fields', 'offset', 'limit', 'order'] },
  search_count: { onRecords: false, params: ['domain', 'limit'] },
  create: { onRecords: false, params: ['vals_list'] },
  fields_get: { onRecords: false, params: ['allfields', 'attributes'] },
  read: { onRecords: true, params: ['fields', 'load'] },
  write: { onRecords: true, params: ['vals'] },
  unlink: { onRecords: true, params: [] },
};

export interface Call {
  model: string;
  method: string;
  ids: number[];
  params: Record<string, unknown>;
  context: Record<string, unknown>;
}

/** execute_kw(model, method, args, kwargs) as a Call. */
export function callFromExecuteKw(model: string, method: string, args: unknown, kwargs: unknown): Call {
  const sig = signature(model, method);
  const positional = Array.isArray(args) ? [...(args as unknown[])] : [];
  const named = isRecord(kwargs) ? { ...kwargs } : {};
  let ids: number[] = [];
  if (sig.onRecords) {
    const first = positional.shift();
    ids = toIds(typeof first === 'number' ? [first] : first);
  }
  if (positional.length > sig.params.length) {
    throw typeError(`${method}() takes ${sig.params.length + 1} positional arguments but ${positional.length + 1} were given`);
  }
  const params: Record<string, unknown> = {};
  positional.forEach((v, i) => (params[sig.params[i] ?? ''] = v));
  const context = isRecord(named['context']) ? named['context'] : {};
  delete named['context'];
  for (const [k, v] of Object.entries(named)) {
    if (k in params) throw typeError(`${method}() got multiple values for argument '${k}'`);
    params[k] = v;
  }
  return { model, method, ids, params, context };
}

/** A JSON-2 body (`ids`, `context`, the method's parameters by name) as a Call. */
export function callFromJson2(model: string, method: string, body: Record<string, unknown>): Call {
  const sig = signature(model, method);
  const { ids, context, ...params } = body;
  if (!sig.onRecords && ids !== undefined) throw typeError(`${model}.${method}() is a model method and takes no ids`);
  return { model, method, ids: sig.onRecords ? toIds(ids ?? []) : [], params, context: isRecord(context) ? context : {} };
}

function signature(model: string, method: string): Signature {
  const sig = SIGNATURES[method];
  if (!sig) throw notFound(`The method '${method}' does not exist on the model '${model}'`);
  return sig;
}

function toIds(v: unknown): number[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number' && Number.isInteger(x))) throw valueError(`Invalid ids: ${JSON.stringify(v)}`);
  return v as number[];
}

function checkParams(call: Call): void {
  const allowed = SIGNATURES[call.method]?.params ?? [];
  for (const k of Object.keys(call.params)) {
    if (!allowed.includes(k)) throw typeError(`${call.model}.${call.method}() got an unexpected keyword argument '${k}'`);
  }
}

const int = (v: unknown, what: string): number | undefined => {
  if (v === undefined || v === null || v === false) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw valueError(`Invalid ${what}: ${JSON.stringify(v)}`);
  return v;
};

export class Orm {
  constructor(
    private readonly db: Database,
    private readonly clock: () => number = Date.now,
  ) {}

  execute(call: Call): OdooValue {
    if (!this.db.has(call.model)) throw notFound(`Model '${call.model}' does not exist`);
    checkParams(call);
    const table = this.db.table(call.model);
    const p = call.params;
    switch (call.method) {
      case 'search':
        return this.search(table, p['domain'] ?? [], call.context, int(p['offset'], 'offset'), int(p['limit'], 'limit'), p['order']);
      case 'search_count':
        return Math.min(this.search(table, p['domain'] ?? [], call.context).length, int(p['limit'], 'limit') ?? Infinity);
      case 'search_read': {
        const ids = this.search(table, p['domain'] ?? [], call.context, int(p['offset'], 'offset'), int(p['limit'], 'limit'), p['order']);
        return this.read(table, ids, p['fields']);
      }
      case 'read':
        return this.read(table, call.ids, p['fields']);
      case 'create':
        return this.create(table, p['vals_list']);
      case 'write':
        return this.write(table, call.ids, p['vals']);
      case 'unlink':
        for (const id of call.ids) table.get(id);
        for (const id of call.ids) table.rows.delete(id);
        return true;
      case 'fields_get':
        return Object.fromEntries(
          Object.entries(table.fields).map(([name, def]) => [
            name,
            {
              type: def.type,
              string: def.string,
              readonly: def.readonly ?? false,
              required: def.required ?? false,
              ...(def.relation ? { relation: def.relation } : {}),
              ...(def.selection ? { selection: def.selection } : {}),
            },
          ]),
        );
      default:
        throw notFound(`The method '${call.method}' does not exist on the model '${call.model}'`);
    }
  }

  private search(table: Table, domain: unknown, context: Record<string, unknown>, offset = 0, limit?: number, order?: unknown): number[] {
    const terms = Array.isArray(domain) ? (domain as unknown[]) : [];
    const predicate = compile(table, domain);
    // Odoo hides archived records unless the domain asks about `active` or the context says active_test=False.
    const activeTest = 'active' in table.fields && context['active_test'] !== false && !mentions(terms, 'active');
    const rows = [...table.rows.values()].filter((r) => (!activeTest || r['active'] !== false) && predicate(r));
    const [field, direction] = typeof order === 'string' && order.trim() ? order.trim().split(/\s+/) : ['id', 'asc'];
    const key = field ?? 'id';
    table.field(key);
    const sign = direction?.toLowerCase() === 'desc' ? -1 : 1;
    rows.sort((a, b) => {
      const x = a[key] ?? '';
      const y = b[key] ?? '';
      return (x < y ? -1 : x > y ? 1 : 0) * sign || ((a['id'] as number) - (b['id'] as number)) * sign;
    });
    return rows.slice(offset, limit === undefined ? undefined : offset + limit).map((r) => r['id'] as number);
  }

  private read(table: Table, ids: number[], fields: unknown): OdooRecord[] {
    const wanted =
      Array.isArray(fields) && fields.length > 0
        ? ['id', ...(fields as unknown[]).filter((f): f is string => typeof f === 'string' && f !== 'id')]
        : Object.keys(table.fields);
    const inverses = new Map(wanted.filter((f) => table.field(f).type === 'one2many').map((f) => [f, table.inverseIndex(f)]));
    return ids.map((id) => {
      const row = table.get(id);
      return Object.fromEntries(wanted.map((f) => [f, table.render(row, f, inverses.get(f))]));
    });
  }

  private create(table: Table, valsList: unknown): number | number[] {
    const single = isRecord(valsList);
    const list = single ? [valsList] : valsList;
    if (!Array.isArray(list) || !list.every(isRecord)) throw valueError('create() expects a dict or a list of dicts');
    const now = this.clock();
    // One transaction per call, as in Odoo: a failing record creates none.
    const created: number[] = [];
    try {
      for (const vals of list) created.push(table.insert(vals as OdooRecord, now));
    } catch (err) {
      for (const id of created) table.rows.delete(id);
      throw err;
    }
    return single ? (created[0] as number) : created;
  }

  private write(table: Table, ids: number[], vals: unknown): boolean {
    if (!isRecord(vals)) throw valueError('write() expects a dict of values');
    for (const id of ids) table.get(id);
    const now = this.clock();
    const before = ids.map((id) => [id, table.get(id)] as const);
    try {
      for (const id of ids) table.update(id, vals as OdooRecord, now);
    } catch (err) {
      for (const [id, row] of before) table.rows.set(id, row);
      throw err;
    }
    return true;
  }
}
