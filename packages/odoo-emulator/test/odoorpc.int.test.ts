// Drives the emulator with OdooRPC (Debian's python3-odoorpc), a client
// written against real Odoo servers: if it can log in, search_read, create
// and write, the emulator speaks the legacy protocol as Odoo does.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { type OdooEmulator, startOdooEmulator } from '@appcat/odoo-emulator';

// Debian's package installs into Debian's Python, which need not be the first python3 on the PATH.
const PYTHON = process.env['ODOORPC_PYTHON'] ?? '/usr/bin/python3';
const importable = spawnSync(PYTHON, ['-c', 'import odoorpc'], { encoding: 'utf8' }).status === 0;
if (!importable && process.env['CI']) {
  throw new Error('python3-odoorpc is not importable in CI: make test installs it (apt-get install -y python3-odoorpc)');
}
const describeIf = importable ? describe : describe.skip;
if (!importable)
  console.warn('odoorpc test skipped: python3-odoorpc is not installed (apt-get install python3-odoorpc); CI fails instead of skipping');

const SCRIPT = `
import json, os, odoorpc
url = os.environ['ODOO_PORT']
odoo = odoorpc.ODOO('127.0.0.1', port=int(url))
odoo.login('odoo', 'admin', os.environ['ODOO_PASSWORD'])
out = {'version': odoo.version, 'uid': odoo.env.uid}
pid = odoo.execute_kw('res.partner', 'create', [{'name': 'OdooRPC AG', 'is_company': True, 'country_id': 44}])
odoo.execute_kw('res.partner', 'write', [[pid], {'city': 'Luzern'}])
out['rows'] = odoo.execute_kw('res.partner', 'search_read', [[['id', '=', pid]]], {'fields': ['name', 'city', 'country_id']})
Partner = odoo.env['res.partner']
out['count'] = Partner.search_count([['name', 'ilike', 'odoorpc']])
try:
    odoo.execute_kw('res.partner', 'create', [{'name': 'x', 'type': 'weird'}])
except odoorpc.error.RPCError as e:
    out['error'] = e.info['data']['name']
odoo.logout()
print(json.dumps(out))
`;

describeIf('python3-odoorpc against the emulator', () => {
  let emu: OdooEmulator;
  beforeAll(async () => {
    emu = await startOdooEmulator({ password: 'rpc-password', serverVersion: '18.0' });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('logs in, creates, writes and search_reads', async () => {
    // Asynchronously: the emulator answers from this process's event loop.
    const run = await promisify(execFile)(PYTHON, ['-c', SCRIPT], {
      encoding: 'utf8',
      env: { ...process.env, ODOO_PORT: String(emu.port), ODOO_PASSWORD: 'rpc-password' },
      timeout: 30_000,
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { version: string; uid: number; rows: Array<Record<string, unknown>>; count: number; error: string };
    expect(out.version).toBe('18.0');
    expect(out.uid).toBe(2);
    expect(out.rows).toEqual([{ id: expect.any(Number) as number, name: 'OdooRPC AG', city: 'Luzern', country_id: [44, 'Switzerland'] }]);
    expect(out.count).toBe(1);
    expect(out.error).toBe('builtins.ValueError');
  });
});
