// The Erp on Odoo, mapped as the reference does: each billing entity is a
// company res.partner plus an invoice-contact child partner (type=invoice);
// the entity's id is the contact's. Creates take three calls and are marked
// in flight until complete (a custom char field, invisible to reads while
// set); records a create left marked are found by inflight() and removed by
// discard() (the server's sweep, under the create's lease).
import { randomUUID } from 'node:crypto';
import { type CreateOptions, type EntityData, type EntityRecord, type Erp, ErpInvalid, ErpNotFound, type InFlight } from './erp.js';
import type { Json, OdooTransport } from './transport.js';

export interface OdooErpOptions {
  /** Char field on res.partner holding the in-flight marker (an Odoo module or Studio adds it; default x_control_api_inflight). */
  inflightField?: string;
  /** `lang` for new partners when the entity names none (default en_US). */
  defaultLanguage?: string;
}

type Row = Record<string, Json>;

const COMPANY_FIELDS = ['name', 'phone', 'email', 'street', 'street2', 'city', 'zip', 'country_id', 'lang', 'create_date', 'write_date'];
const CONTACT_FIELDS = ['name', 'email', 'parent_id', 'create_date', 'write_date'];

/** Odoo's "YYYY-MM-DD HH:MM:SS" (UTC) as ms since epoch. */
export function parseOdooDatetime(v: Json | undefined): number {
  return typeof v === 'string' ? Date.parse(`${v.replace(' ', 'T')}Z`) : 0;
}

export function formatOdooDatetime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const str = (v: Json | undefined): string => (typeof v === 'string' ? v : '');
// Several addresses live in one Odoo email field, comma-separated.
const splitEmails = (v: Json | undefined): string[] =>
  str(v)
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
const joinEmails = (emails: string[]): string | false => (emails.length > 0 ? emails.join(', ') : false);
const orFalse = (s: string): string | false => (s === '' ? false : s);
const many2oneId = (v: Json | undefined): number | undefined => (Array.isArray(v) && typeof v[0] === 'number' ? v[0] : undefined);
const many2oneName = (v: Json | undefined): string => (Array.isArray(v) && typeof v[1] === 'string' ? v[1] : '');

function rows(result: Json): Row[] {
  if (!Array.isArray(result)) throw new Error('the ERP answered a search_read with something other than a list');
  return result.filter((r): r is Row => typeof r === 'object' && r !== null && !Array.isArray(r));
}

export class OdooErp implements Erp {
  private readonly marker: string;
  private readonly language: string;
  private readonly countryIds = new Map<string, number>();

  constructor(
    private readonly odoo: OdooTransport,
    private readonly deadlineMs: number,
    opts: OdooErpOptions = {},
  ) {
    this.marker = opts.inflightField ?? 'x_control_api_inflight';
    this.language = opts.defaultLanguage ?? 'en_US';
  }

  private call(model: string, method: string, params: Record<string, Json>, ids?: number[]): Promise<Json> {
    return this.odoo.call({ model, method, params, ...(ids ? { ids } : {}) }, this.deadlineMs);
  }

  private searchRead(domain: Json[], fields: string[], context?: Record<string, Json>): Promise<Row[]> {
    return this.call('res.partner', 'search_read', { domain, fields, order: 'id asc', ...(context ? { context } : {}) }).then(rows);
  }

  private contactDomain(): Json[] {
    return [
      ['type', '=', 'invoice'],
      ['parent_id', '!=', false],
      [this.marker, '=', false],
    ];
  }

  private entity(contact: Row, company: Row): EntityRecord {
    return {
      id: contact['id'] as number,
      name: str(company['name']),
      phone: str(company['phone']),
      emails: splitEmails(company['email']),
      address: {
        line1: str(company['street']),
        line2: str(company['street2']),
        postalCode: str(company['zip']),
        city: str(company['city']),
        country: many2oneName(company['country_id']),
      },
      accountingContact: { name: str(contact['name']), emails: splitEmails(contact['email']) },
      languagePreference: str(company['lang']),
      createdAt: parseOdooDatetime(contact['create_date']),
      writtenAt: Math.max(parseOdooDatetime(contact['write_date']), parseOdooDatetime(company['write_date'])),
    };
  }

  private async companiesOf(contacts: Row[]): Promise<Map<number, Row>> {
    const ids = [...new Set(contacts.map((c) => many2oneId(c['parent_id'])).filter((id): id is number => id !== undefined))];
    if (ids.length === 0) return new Map();
    const companies = await this.searchRead([['id', 'in', ids]], COMPANY_FIELDS);
    return new Map(companies.map((c) => [c['id'] as number, c]));
  }

  async get(id: number): Promise<EntityRecord> {
    const [contact] = await this.searchRead([['id', '=', id], ...this.contactDomain()], CONTACT_FIELDS);
    const company = contact && (await this.companiesOf([contact])).get(many2oneId(contact['parent_id']) ?? 0);
    if (!contact || !company) throw new ErpNotFound(id);
    return this.entity(contact, company);
  }

  async list(ids?: number[]): Promise<EntityRecord[]> {
    if (ids?.length === 0) return [];
    const contacts = await this.searchRead([...this.contactDomain(), ...(ids ? [['id', 'in', ids]] : [])], CONTACT_FIELDS);
    const companies = await this.companiesOf(contacts);
    // A contact whose company is archived or gone is no entity (as in the reference).
    return contacts.flatMap((c) => {
      const company = companies.get(many2oneId(c['parent_id']) ?? 0);
      return company ? [this.entity(c, company)] : [];
    });
  }

  async archivedSince(since: number): Promise<number[]> {
    const contacts = await this.searchRead(
      [
        ['type', '=', 'invoice'],
        ['active', '=', false],
        ['write_date', '>=', formatOdooDatetime(since)],
      ],
      ['id'],
      { active_test: false },
    );
    return contacts.map((c) => c['id'] as number);
  }

  private async countryId(name: string): Promise<number | false> {
    if (name === '') return false;
    const cached = this.countryIds.get(name);
    if (cached !== undefined) return cached;
    const found = rows(await this.call('res.country', 'search_read', { domain: [['name', '=', name]], fields: ['name'], limit: 1 }));
    const id = found[0]?.['id'];
    if (typeof id !== 'number')
      throw new ErpInvalid(
        'spec.address.country',
        `spec.address.country: unknown country "${name}" (use the country's name as the ERP spells it, e.g. "Switzerland")`,
      );
    this.countryIds.set(name, id);
    return id;
  }

  private async companyValues(data: EntityData): Promise<Record<string, Json>> {
    // Every key is always sent: Odoo blanks what a write sets to false, which is what an emptied field means.
    return {
      name: data.name,
      phone: orFalse(data.phone),
      email: joinEmails(data.emails),
      street: orFalse(data.address.line1),
      street2: orFalse(data.address.line2),
      city: orFalse(data.address.city),
      zip: orFalse(data.address.postalCode),
      country_id: await this.countryId(data.address.country),
      lang: data.languagePreference || this.language,
    };
  }

  private contactValues(data: EntityData): Record<string, Json> {
    return { name: data.accountingContact.name, email: joinEmails(data.accountingContact.emails) };
  }

  async create(data: EntityData, opts: CreateOptions = {}): Promise<EntityRecord> {
    const company = await this.companyValues(data);
    const marker = opts.marker ?? randomUUID();
    try {
      const [companyId] = (await this.call('res.partner', 'create', {
        vals_list: [{ ...company, is_company: true, [this.marker]: marker }],
      })) as number[];
      const [contactId] = (await this.call('res.partner', 'create', {
        vals_list: [
          { ...this.contactValues(data), parent_id: companyId ?? 0, type: 'invoice', lang: company['lang'] ?? this.language, [this.marker]: marker },
        ],
      })) as number[];
      await opts.beforeComplete?.(contactId ?? 0);
      // One write clears both markers: the entity appears whole or not at all.
      await this.call('res.partner', 'write', { vals: { [this.marker]: false } }, [companyId ?? 0, contactId ?? 0]);
      return await this.get(contactId ?? 0);
    } catch (err) {
      // Undo now if the ERP lets us (found by the marker, so a record whose
      // create answer was lost goes too); otherwise the records stay marked,
      // invisible to get and list, until a sweep discards them.
      await this.discard(marker).catch(() => undefined);
      throw err;
    }
  }

  async update(id: number, data: EntityData): Promise<EntityRecord> {
    const [contact] = await this.searchRead([['id', '=', id], ...this.contactDomain()], ['parent_id']);
    const companyId = contact && many2oneId(contact['parent_id']);
    if (companyId === undefined) throw new ErpNotFound(id);
    // Two records, two calls: Odoo has no transaction across JSON-2 calls.
    await this.call('res.partner', 'write', { vals: await this.companyValues(data) }, [companyId]);
    await this.call('res.partner', 'write', { vals: this.contactValues(data) }, [id]);
    return this.get(id);
  }

  async archive(id: number): Promise<void> {
    const [contact] = await this.searchRead([['id', '=', id], ...this.contactDomain()], ['parent_id']);
    const companyId = contact && many2oneId(contact['parent_id']);
    if (companyId === undefined) throw new ErpNotFound(id);
    await this.call('res.partner', 'write', { vals: { active: false } }, [id, companyId]);
  }

  async inflight(marker?: string): Promise<InFlight[]> {
    const marked = await this.searchRead(
      [marker === undefined ? [this.marker, '!=', false] : [this.marker, '=', marker]],
      [this.marker, 'type', 'parent_id'],
      { active_test: false },
    );
    const byMarker = new Map<string, InFlight>();
    for (const r of marked) {
      const m = str(r[this.marker]);
      const entry = byMarker.get(m) ?? { marker: m, entityIds: [] };
      // The invoice contact's id is the entity's: the roles made for it bear its name.
      if (r['type'] === 'invoice' && many2oneId(r['parent_id']) !== undefined) entry.entityIds.push(r['id'] as number);
      byMarker.set(m, entry);
    }
    return [...byMarker.values()];
  }

  async discard(marker: string): Promise<number> {
    const ids = (await this.searchRead([[this.marker, '=', marker]], ['id'], { active_test: false })).map((r) => r['id'] as number);
    if (ids.length > 0) await this.call('res.partner', 'unlink', {}, ids);
    return ids.length;
  }

  async ping(): Promise<void> {
    await this.call('res.country', 'search_count', { domain: [['id', '=', 0]] });
  }
}
