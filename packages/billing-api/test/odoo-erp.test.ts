// The Odoo Erp against the emulator, over both wire protocols.
import { type OdooEmulator, startOdooEmulator } from '@appcat/odoo-emulator';
import {
  ErpInvalid,
  ErpNotFound,
  ErpTimeout,
  ErpUnavailable,
  type EntityData,
  Json2Transport,
  JsonRpcTransport,
  OdooErp,
  ResilientTransport,
} from '@appcat/billing-api';

const KEY = 'erp-test-key-0123456789';
const ENTITY: EntityData = {
  name: 'Acme AG',
  phone: '+41 44 123 45 67',
  emails: ['info@acme.ch', 'billing@acme.ch'],
  address: { line1: 'Bahnhofstrasse 1', line2: '', postalCode: '8001', city: 'Zürich', country: 'Switzerland' },
  accountingContact: { name: 'Finance', emails: ['finance@acme.ch'] },
  languagePreference: 'de_CH',
};

let emu: OdooEmulator;
beforeAll(async () => {
  emu = await startOdooEmulator({ apiKey: KEY, password: KEY, customPartnerFields: ['x_control_api_inflight'] });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.faults = { latencyMs: 0, errorRate: 0, failNext: 0, outage: false, failCalls: [] };
});

const conn = () => ({ url: emu.url, db: 'odoo', login: 'admin', apiKey: KEY });
const resilient = (inner: Json2Transport | JsonRpcTransport, deadlineMs = 2000) =>
  new ResilientTransport(inner, { deadlineMs, attempts: 3, backoffMs: 1, failureThreshold: 3, openMs: 60_000 });

describe.each([
  ['JSON-2', () => new Json2Transport(conn())],
  ['JSON-RPC', () => new JsonRpcTransport(conn())],
])('OdooErp over %s', (_protocol, transport) => {
  const erp = () => new OdooErp(resilient(transport()), 2000);

  it('creates a company and an invoice contact, and reads them back as one entity', async () => {
    const e = erp();
    const created = await e.create(ENTITY);
    expect(created).toMatchObject({ ...ENTITY, id: expect.any(Number) as number });
    expect(await e.get(created.id)).toEqual(created);
    const contact = emu.db.table('res.partner').get(created.id);
    expect(contact).toMatchObject({ type: 'invoice', x_control_api_inflight: null, email: 'finance@acme.ch' });
    const company = emu.db.table('res.partner').get(contact['parent_id'] as number);
    expect(company).toMatchObject({
      is_company: true,
      email: 'info@acme.ch, billing@acme.ch',
      country_id: 44,
      street: 'Bahnhofstrasse 1',
      street2: null,
    });
    expect((await e.list()).map((r) => r.id)).toContain(created.id);
  });

  it('updates both records and archives the entity', async () => {
    const e = erp();
    const { id } = await e.create(ENTITY);
    const updated = await e.update(id, { ...ENTITY, phone: '', accountingContact: { name: 'Buchhaltung', emails: [] } });
    expect(updated).toMatchObject({ phone: '', accountingContact: { name: 'Buchhaltung', emails: [] } });
    await e.archive(id);
    await expect(e.get(id)).rejects.toBeInstanceOf(ErpNotFound);
    expect((await e.list()).map((r) => r.id)).not.toContain(id);
    expect(await e.archivedSince(Date.now() - 60_000)).toContain(id);
  });

  it('refuses an unknown country before writing anything', async () => {
    const before = emu.db.table('res.partner').rows.size;
    const err = (await erp()
      .create({ ...ENTITY, address: { ...ENTITY.address, country: 'Atlantis' } })
      .catch((e: unknown) => e)) as ErpInvalid;
    expect(err).toBeInstanceOf(ErpInvalid);
    expect(err.field).toBe('spec.address.country');
    expect(emu.db.table('res.partner').rows.size).toBe(before);
  });
});

describe('half-finished creates', () => {
  it('removes the company when the contact cannot be created', async () => {
    const before = emu.db.table('res.partner').rows.size;
    // The country lookup (a read) passes; the company create passes; the contact create fails.
    let calls = 0;
    const flaky = {
      call: async (...args: Parameters<Json2Transport['call']>) => {
        if (args[0].method === 'create' && ++calls === 2) throw new ErpUnavailable('injected');
        return new Json2Transport(conn()).call(...args);
      },
    };
    await expect(new OdooErp(flaky, 2000).create(ENTITY)).rejects.toBeInstanceOf(ErpUnavailable);
    expect(emu.db.table('res.partner').rows.size).toBe(before);
  });

  it('hides records still in flight, lists them by marker and discards them', async () => {
    const erp = new OdooErp(resilient(new Json2Transport(conn())), 2000);
    const table = emu.db.table('res.partner');
    const company = table.insert({ name: 'Stuck AG', is_company: true, x_control_api_inflight: 'abc' }, Date.now());
    const contact = table.insert({ name: 'Stuck', parent_id: company, type: 'invoice', x_control_api_inflight: 'abc' }, Date.now());
    const lone = table.insert({ name: 'Half AG', is_company: true, x_control_api_inflight: 'def' }, Date.now());
    await expect(erp.get(contact)).rejects.toBeInstanceOf(ErpNotFound);
    expect(await erp.inflight()).toEqual(
      expect.arrayContaining([
        { marker: 'abc', entityIds: [contact] },
        { marker: 'def', entityIds: [] },
      ]),
    );
    expect(await erp.inflight('abc')).toEqual([{ marker: 'abc', entityIds: [contact] }]);
    expect(await erp.discard('abc')).toBe(2);
    expect(table.rows.has(company) || table.rows.has(contact)).toBe(false);
    expect(table.rows.has(lone)).toBe(true);
    expect(await erp.discard('def')).toBe(1);
    expect(await erp.inflight()).toEqual([]);
  });

  it('keeps a new entity invisible until beforeComplete has run, and removes it when that throws', async () => {
    const e = new OdooErp(resilient(new Json2Transport(conn())), 2000);
    const seen: number[] = [];
    const created = await e.create(ENTITY, {
      beforeComplete: async (id) => {
        seen.push(id);
        await expect(e.get(id)).rejects.toBeInstanceOf(ErpNotFound);
      },
    });
    expect(seen).toEqual([created.id]);
    const before = emu.db.table('res.partner').rows.size;
    await expect(
      e.create(ENTITY, {
        beforeComplete: () => Promise.reject(new Error('no roles')),
      }),
    ).rejects.toThrow('no roles');
    expect(emu.db.table('res.partner').rows.size).toBe(before);
  });

  it('leaves the records marked when it cannot remove them, for a later sweep', async () => {
    const e = new OdooErp(resilient(new Json2Transport(conn())), 2000);
    await e.create(ENTITY); // caches the country id
    // The contact create fails, and so does the undo: the company stays, marked.
    emu.faults = {
      ...emu.faults,
      failCalls: [
        { model: 'res.partner', method: 'create', skip: 1, times: 1 },
        { model: 'res.partner', method: 'unlink', skip: 0, times: 1 },
      ],
    };
    await expect(e.create(ENTITY)).rejects.toBeInstanceOf(ErpUnavailable);
    const [left] = await e.inflight();
    expect(left).toEqual({ marker: expect.any(String) as string, entityIds: [] });
    expect(await e.discard(left?.marker ?? '')).toBe(1);
  });
});

describe('resilience', () => {
  it('retries idempotent reads through transient ERP errors', async () => {
    const erp = new OdooErp(resilient(new Json2Transport(conn())), 2000);
    await erp.create(ENTITY);
    emu.faults = { ...emu.faults, failNext: 2 };
    expect((await erp.list()).length).toBeGreaterThan(0);
  });

  it('does not retry a create', async () => {
    const erp = new OdooErp(resilient(new Json2Transport(conn())), 2000);
    await erp.create(ENTITY); // caches the country id, so the next create starts with the company create
    const calls = emu.calls;
    emu.faults = { ...emu.faults, failNext: 1 };
    await expect(erp.create(ENTITY)).rejects.toBeInstanceOf(ErpUnavailable);
    // One failed create, not repeated, and the search for anything it left to undo.
    expect(emu.calls - calls).toBe(2);
  });

  it('opens the breaker after repeated failures, so callers fail fast without reaching the ERP', async () => {
    const transport = resilient(new Json2Transport(conn()));
    const erp = new OdooErp(transport, 2000);
    emu.faults = { ...emu.faults, outage: true };
    await expect(erp.ping()).rejects.toBeInstanceOf(ErpUnavailable);
    expect(transport.breaker.state).toBe('open');
    emu.faults = { ...emu.faults, outage: false };
    const calls = emu.calls;
    const err = (await erp.ping().catch((e: unknown) => e)) as ErpUnavailable;
    expect(err.message).toMatch(/circuit breaker open/);
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(emu.calls).toBe(calls);
  });

  it('turns a missed deadline into ErpTimeout', async () => {
    const erp = new OdooErp(resilient(new Json2Transport(conn()), 50), 50);
    emu.faults = { ...emu.faults, latencyMs: 1000 };
    await expect(erp.ping()).rejects.toBeInstanceOf(ErpTimeout);
  });
});
