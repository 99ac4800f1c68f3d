// Odoo search domains: a list in prefix (Polish) notation of leaves
// `[field, operator, value]` and the operators '&', '|', '!'; consecutive
// terms without an operator are and-ed (Odoo's implicit '&').
import { valueError } from './errors.js';
import type { Table } from './models.js';
import type { OdooValue } from './values.js';

type Row = Record<string, OdooValue>;
export type Predicate = (row: Row) => boolean;

const OPERATORS = new Set(['=', '!=', '<>', 'in', 'not in', 'like', 'ilike', 'not like', 'not ilike', '=like', '=ilike', '<', '>', '<=', '>=']);

/** Whether the domain names `field` in a leaf (Odoo then skips its implicit active filter). */
export function mentions(domain: unknown[], field: string): boolean {
  return domain.some((t) => Array.isArray(t) && t[0] === field);
}

export function compile(table: Table, domain: unknown): Predicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
  const stack: Predicate[] = [];
  for (const term of [...(domain as unknown[])].reverse()) {
    if (term === '&' || term === '|') {
      const a = stack.pop();
      const b = stack.pop();
      if (!a || !b) throw valueError(`Invalid domain: operator '${term}' needs two operands`);
      stack.push(term === '&' ? (r) => a(r) && b(r) : (r) => a(r) || b(r));
    } else if (term === '!') {
      const a = stack.pop();
      if (!a) throw valueError("Invalid domain: operator '!' needs one operand");
      stack.push((r) => !a(r));
    } else {
      stack.push(leaf(table, term));
    }
  }
  return (row) => stack.every((p) => p(row));
}

function leaf(table: Table, term: unknown): Predicate {
  if (!Array.isArray(term) || term.length !== 3) throw valueError(`Invalid leaf ${JSON.stringify(term)}`);
  const [field, op, value] = term as [unknown, unknown, OdooValue];
  // Odoo's constant leaves TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if (typeof field === 'number' && op === '=' && value === 1) return () => field === 1;
  if (typeof field !== 'string' || typeof op !== 'string' || !OPERATORS.has(op)) {
    throw valueError(`Invalid leaf ${JSON.stringify(term)}`);
  }
  const path = field.split('.');
  const first = path[0] ?? '';
  const def = table.field(first);
  if (path.length > 1) {
    if (def.type !== 'many2one' || !def.relation) throw valueError(`Invalid field path '${field}' on model '${table.model}'`);
    // Rows reached through a many2one are looked up at evaluation time.
    const rest = path.slice(1).join('.');
    return (row) => {
      const ref = row[first];
      if (typeof ref !== 'number') return compare(null, op, value);
      const target = table.db.table(def.relation as never);
      const other = target.rows.get(ref);
      return other ? leaf(target, [rest, op, value])(other) : false;
    };
  }
  if (def.type === 'many2one' && (typeof value === 'string' || (Array.isArray(value) && value.some((v) => typeof v === 'string')))) {
    // A name instead of an id: Odoo matches the target's display name.
    const target = table.db.table(def.relation as never);
    return (row) => {
      const ref = row[first];
      const other = typeof ref === 'number' ? target.rows.get(ref) : undefined;
      return compare(other ? target.displayName(other) : null, op, value);
    };
  }
  if (def.type === 'one2many') throw valueError(`Searching on one2many field '${field}' is not supported by this emulator`);
  if ((op === 'in' || op === 'not in') && Array.isArray(value) && !value.some(isUnset)) {
    // A set, so `id in [10,000 ids]` stays linear in the table.
    const set = new Set<OdooValue>(value);
    return (row) => set.has(row[first] ?? null) === (op === 'in');
  }
  return (row) => compare(first === 'display_name' ? table.displayName(row) : (row[first] ?? null), op, value);
}

function isUnset(v: OdooValue): boolean {
  return v === null || v === false;
}

function likeRegExp(pattern: string, anchored: boolean, flags: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(anchored ? `^${body}$` : body, flags);
}

function compare(actual: OdooValue, op: string, expected: OdooValue): boolean {
  switch (op) {
    case '=':
      return isUnset(expected) ? isUnset(actual) : actual === expected;
    case '!=':
    case '<>':
      return isUnset(expected) ? !isUnset(actual) : actual !== expected;
    case 'in':
    case 'not in': {
      if (!Array.isArray(expected)) throw valueError(`The value of operator '${op}' must be a list`);
      const hit = expected.some((e) => (isUnset(e) ? isUnset(actual) : e === actual));
      return op === 'in' ? hit : !hit;
    }
    case 'like':
    case 'ilike':
    case 'not like':
    case 'not ilike':
    case '=like':
    case '=ilike': {
      if (typeof expected !== 'string') return false;
      const negate = op.startsWith('not');
      const anchored = op.startsWith('=');
      const insensitive = op.includes('ilike');
      if (typeof actual !== 'string' && typeof actual !== 'number') return negate;
      const re = anchored ? likeRegExp(expected, true, insensitive ? 'i' : '') : likeRegExp(`%${expected}%`, false, insensitive ? 'i' : '');
      const hit = re.test(String(actual));
      return negate ? !hit : hit;
    }
    default: {
      if (isUnset(actual) || (typeof actual !== 'number' && typeof actual !== 'string')) return false;
      if (typeof expected !== typeof actual) return false;
      const a = actual;
      const e = expected as typeof actual;
      return op === '<' ? a < e : op === '>' ? a > e : op === '<=' ? a <= e : a >= e;
    }
  }
}
