import { type OdooEmulator, startOdooEmulator } from '@appcat/odoo-emulator';

const API_KEY = 'test-api-key-0123456789';
const PASSWORD = 'test-password';

let emu: OdooEmulator;
beforeAll(async () => {
  emu = await startOdooEmulator({ apiKey: API_KEY, password: PASSWORD, customPartnerFields: ['x_control_api_inflight'] });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.faults = { latencyMs: 0, errorRate: 0, failNext: 0, outage: false, failCalls: [] };
});

async function json2(model: string, method: string, body: unknown, key = API_KEY): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${emu.url}/json/2/${model}/${method}`, {
    method: 'POST',
    headers: { authorization: `bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function jsonrpc(
  service: string,
  method: string,
  args: unknown[],
): Promise<{ status: number; body: { result?: unknown; error?: { code: number; message: string; data: { name: string; message: string } } } }> {
  const res = await fetch(`${emu.url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 7, params: { service, method, args } }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

const executeKw = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
  jsonrpc('object', 'execute_kw', ['odoo', 2, API_KEY, model, method, args, kwargs]);

describe('JSON-2', () => {
  it('refuses a wrong API key with 401 and Odoo error body', async () => {
    const res = await json2('res.partner', 'search_read', { domain: [] }, 'wrong');
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ name: 'odoo.exceptions.AccessDenied', message: 'Invalid apikey' });
  });

  it('creates, reads, writes and searches partners with named parameters', async () => {
    const created = await json2('res.partner', 'create', { vals_list: [{ name: 'Acme AG', is_company: true, country_id: 44, email: 'a@acme.ch' }] });
    expect(created.status).toBe(200);
    const [id] = created.body as number[];
    const child = await json2('res.partner', 'create', { vals_list: [{ name: 'Accounting', parent_id: id, type: 'invoice' }] });
    const [childId] = child.body as number[];

    const read = await json2('res.partner', 'read', { ids: [childId], fields: ['name', 'parent_id', 'display_name', 'phone', 'type'] });
    expect(read.body).toEqual([
      { id: childId, name: 'Accounting', parent_id: [id, 'Acme AG'], display_name: 'Acme AG, Accounting', phone: false, type: 'invoice' },
    ]);

    expect((await json2('res.partner', 'write', { ids: [id], vals: { phone: '+41 44 000 00 00' } })).body).toBe(true);
    const company = await json2('res.partner', 'search_read', { domain: [['id', '=', id]], fields: ['phone', 'country_id', 'child_ids'] });
    expect(company.body).toEqual([{ id, phone: '+41 44 000 00 00', country_id: [44, 'Switzerland'], child_ids: [childId] }]);
  });

  it('answers 404 for an unknown method and 422 for an unknown field or argument', async () => {
    expect((await json2('res.partner', 'frobnicate', {})).status).toBe(404);
    const badField = await json2('res.partner', 'search_read', { domain: [['nope', '=', 1]] });
    expect(badField.status).toBe(422);
    expect(badField.body).toMatchObject({ name: 'builtins.ValueError', message: "Invalid field 'nope' on model 'res.partner'" });
    const badArg = await json2('res.partner', 'search_read', { domain: [], colour: 'red' });
    expect(badArg.status).toBe(422);
    expect(badArg.body).toMatchObject({ name: 'builtins.TypeError' });
    const missing = await json2('res.partner', 'read', { ids: [999999], fields: ['name'] });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ name: 'odoo.exceptions.MissingError' });
  });
});

describe('domains', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    ids = {};
    for (const [name, city, type] of [
      ['Domain Alpha', 'Zürich', 'invoice'],
      ['Domain Beta', 'Bern', 'invoice'],
      ['Domain Gamma', 'Zürich', 'contact'],
    ] as const) {
      const res = await json2('res.partner', 'create', { vals_list: [{ name, city, type }] });
      ids[name] = (res.body as number[])[0]!;
    }
    await json2('res.partner', 'write', { ids: [ids['Domain Gamma']], vals: { active: false } });
  });

  const names = async (domain: unknown[], context?: Record<string, unknown>): Promise<string[]> => {
    const res = await json2('res.partner', 'search_read', { domain, fields: ['name'], order: 'name asc', ...(context ? { context } : {}) });
    return (res.body as Array<{ name: string }>).map((r) => r.name);
  };

  it('evaluates =, in, ilike, implicit and, & and |', async () => {
    expect(
      await names([
        ['name', 'ilike', 'domain'],
        ['city', '=', 'Zürich'],
      ]),
    ).toEqual(['Domain Alpha']);
    expect(await names([['id', 'in', [ids['Domain Alpha'], ids['Domain Beta']]]])).toEqual(['Domain Alpha', 'Domain Beta']);
    expect(await names(['|', ['city', '=', 'Bern'], ['name', '=', 'Domain Alpha']])).toEqual(['Domain Alpha', 'Domain Beta']);
    expect(await names(['&', ['name', 'ilike', 'DOMAIN'], ['city', '=', 'Bern']])).toEqual(['Domain Beta']);
    expect(await names(['!', ['city', '=', 'Bern'], ['name', 'ilike', 'domain']])).toEqual(['Domain Alpha']);
  });

  it('hides archived records unless the domain asks about active', async () => {
    expect(await names([['name', 'ilike', 'domain gamma']])).toEqual([]);
    expect(
      await names([
        ['name', 'ilike', 'domain gamma'],
        ['active', '=', false],
      ]),
    ).toEqual(['Domain Gamma']);
    expect(await names([['name', 'ilike', 'domain gamma']], { active_test: false })).toEqual(['Domain Gamma']);
  });

  it('counts and paginates', async () => {
    expect((await json2('res.partner', 'search_count', { domain: [['name', 'ilike', 'domain']] })).body).toBe(2);
    const page = await json2('res.partner', 'search', { domain: [['name', 'ilike', 'domain']], offset: 1, limit: 1, order: 'name asc' });
    expect(page.body).toEqual([ids['Domain Beta']]);
  });
});

describe('legacy /jsonrpc', () => {
  it('logs in through common.login and common.authenticate', async () => {
    expect((await jsonrpc('common', 'login', ['odoo', 'admin', PASSWORD])).body.result).toBe(2);
    expect((await jsonrpc('common', 'authenticate', ['odoo', 'admin', API_KEY, {}])).body.result).toBe(2);
    expect((await jsonrpc('common', 'authenticate', ['odoo', 'admin', 'wrong', {}])).body.result).toBe(false);
  });

  it('runs execute_kw with positional args and kwargs', async () => {
    const created = await executeKw('res.partner', 'create', [{ name: 'Legacy GmbH', is_company: true }]);
    const id = created.body.result as number;
    expect(typeof id).toBe('number');
    expect((await executeKw('res.partner', 'write', [[id], { city: 'Basel' }])).body.result).toBe(true);
    const read = await executeKw('res.partner', 'search_read', [[['id', '=', id]]], { fields: ['name', 'city'] });
    expect(read.body.result).toEqual([{ id, name: 'Legacy GmbH', city: 'Basel' }]);
    expect((await executeKw('res.partner', 'search_count', [[['id', '=', id]]])).body.result).toBe(1);
    expect((await executeKw('res.partner', 'read', [[id]], { fields: ['name'] })).body.result).toEqual([{ id, name: 'Legacy GmbH' }]);
  });

  it('reports errors with HTTP 200 and the JSON-RPC error envelope', async () => {
    const denied = await jsonrpc('object', 'execute_kw', ['odoo', 2, 'wrong', 'res.partner', 'search', [[]], {}]);
    expect(denied.status).toBe(200);
    expect(denied.body.error).toMatchObject({
      code: 200,
      message: 'Odoo Server Error',
      data: { name: 'odoo.exceptions.AccessDenied', message: 'Access Denied' },
    });
    const bad = await executeKw('res.partner', 'create', [{ name: 'x', type: 'weird' }]);
    expect(bad.status).toBe(200);
    expect(bad.body.error?.data.name).toBe('builtins.ValueError');
  });
});

describe('fault injection', () => {
  it('fails the next calls with a server error, then recovers', async () => {
    const put = await fetch(`${emu.url}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ failNext: 1 }) });
    expect(await put.json()).toMatchObject({ failNext: 1 });
    const failed = await json2('res.country', 'search_read', { domain: [['code', '=', 'CH']], fields: ['name'] });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({ name: 'psycopg2.OperationalError' });
    const ok = await json2('res.country', 'search_read', { domain: [['code', '=', 'CH']], fields: ['name'] });
    expect(ok.body).toEqual([{ id: 44, name: 'Switzerland' }]);
  });

  it('drops connections during an outage', async () => {
    await fetch(`${emu.url}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ outage: true }) });
    await expect(json2('res.country', 'search_count', { domain: [] })).rejects.toThrow();
    await fetch(`${emu.url}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ outage: false }) });
    expect((await json2('res.country', 'search_count', { domain: [] })).status).toBe(200);
  });

  it('fails chosen calls by model and method, after letting some pass, on both protocols', async () => {
    const put = await fetch(`${emu.url}/emulator/faults`, {
      method: 'PUT',
      body: JSON.stringify({ failCalls: [{ model: 'res.country', method: 'search_count', skip: 1, times: 2 }] }),
    });
    expect(put.status).toBe(200);
    const count = () => json2('res.country', 'search_count', { domain: [] });
    expect((await count()).status).toBe(200);
    // Other methods and models are not affected.
    expect((await json2('res.country', 'search_read', { domain: [['code', '=', 'CH']], fields: ['name'] })).status).toBe(200);
    expect((await count()).status).toBe(500);
    const rpc = await executeKw('res.country', 'search_count', [[]]);
    expect(rpc.body.error?.data.name).toBe('psycopg2.OperationalError');
    expect((await count()).status).toBe(200);
    const bad = await fetch(`${emu.url}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ failCalls: [{ method: 'create', skip: -1 }] }) });
    expect(await bad.json()).toEqual({ error: 'faults.failCalls[0].skip: a non-negative integer' });
  });

  it('rejects an unknown fault setting', async () => {
    const res = await fetch(`${emu.url}/emulator/faults`, { method: 'PUT', body: JSON.stringify({ errorRate: 2 }) });
    expect(res.status).toBe(400);
  });
});
