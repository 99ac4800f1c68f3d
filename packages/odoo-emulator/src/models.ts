// The two models the emulator serves, with the field types Odoo gives them,
// and an in-memory table per model. Values are stored as Odoo stores them;
// `read` renders them as Odoo's JSON does (unset → false, many2one →
// [id, display name], datetimes as "YYYY-MM-DD HH:MM:SS" in UTC).
import { missingError, validationError, valueError } from './errors.js';
import type { OdooRecord, OdooValue } from './values.js';

export type FieldType = 'char' | 'boolean' | 'integer' | 'selection' | 'many2one' | 'one2many' | 'datetime';

export interface FieldDef {
  type: FieldType;
  string: string;
  /** Target model of a relation. */
  relation?: string;
  /** The many2one on `relation` a one2many is the inverse of. */
  inverse?: string;
  selection?: Array<[string, string]>;
  required?: boolean;
  readonly?: boolean;
  default?: OdooValue;
}

export type ModelName = 'res.partner' | 'res.country';

const PARTNER_TYPES: Array<[string, string]> = [
  ['contact', 'Contact'],
  ['invoice', 'Invoice Address'],
  ['delivery', 'Delivery Address'],
  ['other', 'Other Address'],
];

const COMMON: Record<string, FieldDef> = {
  id: { type: 'integer', string: 'ID', readonly: true },
  display_name: { type: 'char', string: 'Display Name', readonly: true },
  create_date: { type: 'datetime', string: 'Created on', readonly: true },
  write_date: { type: 'datetime', string: 'Last Updated on', readonly: true },
};

export function modelFields(customPartnerFields: string[]): Record<ModelName, Record<string, FieldDef>> {
  const custom = Object.fromEntries(customPartnerFields.map((name) => [name, { type: 'char', string: name } satisfies FieldDef]));
  return {
    'res.partner': {
      ...COMMON,
      name: { type: 'char', string: 'Name' },
      active: { type: 'boolean', string: 'Active', default: true },
      is_company: { type: 'boolean', string: 'Is a Company', default: false },
      parent_id: { type: 'many2one', string: 'Related Company', relation: 'res.partner' },
      child_ids: { type: 'one2many', string: 'Contact', relation: 'res.partner', inverse: 'parent_id', readonly: true },
      type: { type: 'selection', string: 'Address Type', selection: PARTNER_TYPES, default: 'contact' },
      street: { type: 'char', string: 'Street' },
      street2: { type: 'char', string: 'Street2' },
      zip: { type: 'char', string: 'Zip' },
      city: { type: 'char', string: 'City' },
      country_id: { type: 'many2one', string: 'Country', relation: 'res.country' },
      email: { type: 'char', string: 'Email' },
      phone: { type: 'char', string: 'Phone' },
      lang: { type: 'char', string: 'Language', default: 'en_US' },
      ...custom,
    },
    'res.country': {
      ...COMMON,
      name: { type: 'char', string: 'Country Name', required: true },
      code: { type: 'char', string: 'Country Code' },
    },
  };
}

/** Odoo's datetime wire format: UTC, second precision. */
export function odooDatetime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

type Row = Record<string, OdooValue>;

export class Table {
  readonly rows = new Map<number, Row>();
  private nextId = 1;

  constructor(
    readonly model: ModelName,
    readonly fields: Record<string, FieldDef>,
    readonly db: Database,
  ) {}

  field(name: string): FieldDef {
    const def = this.fields[name];
    if (!def) throw valueError(`Invalid field '${name}' on model '${this.model}'`);
    return def;
  }

  get(id: number): Row {
    const row = this.rows.get(id);
    if (!row) throw missingError(`Record does not exist or has been deleted.\n(Record: ${this.model}(${id},), User: 2)`);
    return row;
  }

  /** Inserts with a given id (seed data such as countries keeps Odoo's ids). */
  seed(id: number, vals: OdooRecord, now: number): void {
    this.nextId = Math.max(this.nextId, id);
    this.insert(vals, now);
  }

  insert(vals: OdooRecord, now: number): number {
    const id = this.nextId++;
    const row: Row = { id, create_date: odooDatetime(now), write_date: odooDatetime(now) };
    for (const [name, def] of Object.entries(this.fields)) {
      if (def.default !== undefined) row[name] = def.default;
    }
    this.assign(row, vals);
    for (const [name, def] of Object.entries(this.fields)) {
      if (def.required && (row[name] === undefined || row[name] === false || row[name] === '')) {
        this.nextId--;
        throw valueError(`Missing required value for the field '${def.string}' (${name})`);
      }
    }
    this.rows.set(id, row);
    return id;
  }

  update(id: number, vals: OdooRecord, now: number): void {
    const row = this.get(id);
    const next = { ...row };
    this.assign(next, vals);
    next['write_date'] = odooDatetime(now);
    this.rows.set(id, next);
  }

  private assign(row: Row, vals: OdooRecord): void {
    for (const [name, value] of Object.entries(vals)) {
      const def = this.field(name);
      if (def.readonly) continue; // Odoo ignores writes to computed fields without an inverse
      row[name] = this.coerce(name, def, value);
    }
  }

  private coerce(name: string, def: FieldDef, value: OdooValue): OdooValue {
    if (value === false || value === null) return def.type === 'boolean' ? false : null;
    switch (def.type) {
      case 'char':
        if (typeof value !== 'string') throw valueError(`Wrong value for ${this.model}.${name}: ${JSON.stringify(value)}`);
        return value;
      case 'boolean':
        return Boolean(value);
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw valueError(`Wrong value for ${this.model}.${name}: ${JSON.stringify(value)}`);
        return value;
      case 'selection':
        if (typeof value !== 'string' || !def.selection?.some(([k]) => k === value)) {
          throw valueError(`Wrong value for ${this.model}.${name}: ${JSON.stringify(value)}`);
        }
        return value;
      case 'many2one': {
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw valueError(`Wrong value for ${this.model}.${name}: ${JSON.stringify(value)}`);
        const target = this.db.table(def.relation as ModelName);
        if (!target.rows.has(value)) {
          throw validationError(
            `The operation cannot be completed: another model requires the record being deleted or a missing record is referenced (${def.relation}(${value},))`,
          );
        }
        return value;
      }
      default:
        throw valueError(`Field ${this.model}.${name} cannot be written`);
    }
  }

  displayName(row: Row): string {
    const name = typeof row['name'] === 'string' ? row['name'] : '';
    const parent = row['parent_id'];
    if (this.model === 'res.partner' && typeof parent === 'number') {
      const p = this.rows.get(parent);
      const pname = p && typeof p['name'] === 'string' ? p['name'] : '';
      // Odoo names a contact after its company: "Company, Contact".
      return name ? `${pname}, ${name}` : pname;
    }
    return name;
  }

  /** For a one2many field: parent id → the ids of its active children, built once per read. */
  inverseIndex(name: string): Map<number, number[]> {
    const def = this.field(name);
    const index = new Map<number, number[]>();
    for (const r of this.db.table(def.relation as ModelName).rows.values()) {
      const parent = r[def.inverse ?? ''];
      if (typeof parent === 'number' && r['active'] !== false) index.set(parent, [...(index.get(parent) ?? []), r['id'] as number]);
    }
    return index;
  }

  /** One field of a row as Odoo's JSON renders it; one2many fields read from `inverse` (see inverseIndex). */
  render(row: Row, name: string, inverse?: Map<number, number[]>): OdooValue {
    const def = this.field(name);
    if (name === 'display_name') return this.displayName(row);
    const value = row[name];
    if (def.type === 'one2many') return (inverse ?? this.inverseIndex(name)).get(row['id'] as number) ?? [];
    if (value === undefined || value === null) return false;
    if (def.type === 'many2one' && typeof value === 'number') {
      const target = this.db.table(def.relation as ModelName);
      const ref = target.rows.get(value);
      return ref ? [value, target.displayName(ref)] : false;
    }
    return value;
  }
}

export class Database {
  private readonly tables: Record<ModelName, Table>;

  constructor(
    readonly name: string,
    customPartnerFields: string[] = [],
  ) {
    const fields = modelFields(customPartnerFields);
    this.tables = {
      'res.partner': new Table('res.partner', fields['res.partner'], this),
      'res.country': new Table('res.country', fields['res.country'], this),
    };
  }

  has(model: string): model is ModelName {
    return model === 'res.partner' || model === 'res.country';
  }

  table(model: ModelName): Table {
    return this.tables[model];
  }
}
