#!/usr/bin/env node
// odoo-emulator [--port 8069] [--host 127.0.0.1] [--db odoo] [--login admin]
//               --api-key-file FILE [--custom-field x_name]...
// The API key (also the password) is read from FILE, or generated into it
// (mode 0600) when FILE does not exist, so it never appears in a process
// listing or a log.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startOdooEmulator } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8069' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: 'odoo' },
    login: { type: 'string', default: 'admin' },
    'api-key-file': { type: 'string' },
    'custom-field': { type: 'string', multiple: true, default: ['x_control_api_inflight'] },
  },
});

const keyFile = values['api-key-file'];
if (!keyFile) {
  console.error('odoo-emulator: --api-key-file is required');
  process.exit(2);
}
if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(20).toString('hex') + '\n', { mode: 0o600 });
const apiKey = readFileSync(keyFile, 'utf8').trim();

const emulator = await startOdooEmulator({
  port: Number(values.port),
  host: values.host,
  db: values.db,
  login: values.login,
  apiKey,
  password: apiKey,
  customPartnerFields: values['custom-field'],
});
console.log(JSON.stringify({ msg: 'odoo emulator listening', url: emulator.url, db: values.db, login: values.login, apiKeyFile: keyFile }));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void emulator.close().then(() => process.exit(0));
  });
}
