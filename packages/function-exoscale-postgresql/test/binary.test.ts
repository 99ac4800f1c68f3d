// Connection details pass through byte for byte: a certificate or key is not
// text, and decoding it as UTF-8 would change it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStageCases, requestForCase } from '@appcat/catalog';
import { runFunction } from '../src/function.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

test('ca.crt that is not UTF-8 reaches the composite unchanged', async () => {
  const ready = loadStageCases(dir).find((c) => c.file.startsWith('03-'))!;
  const req = requestForCase(ready, 'function-appcat-exoscale-postgresql');
  const der = Buffer.from([0x30, 0x82, 0x01, 0xff, 0xfe, 0x80, 0x00, 0xc3]);
  req.observed!.resources['postgresql']!.connectionDetails['ca.crt'] = der;
  const rsp = await runFunction(req);
  expect(Buffer.from(rsp.desired!.composite!.connectionDetails['ca.crt']!)).toEqual(der);
});
