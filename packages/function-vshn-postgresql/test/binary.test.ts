// Connection details pass through byte for byte: a certificate is not text,
// and decoding it as UTF-8 would change it.
import { exampleAt, repoRoot, requestForExample } from '@appcat/catalog';
import { runFunction } from '../src/function.js';

test('ca.crt that is not UTF-8 reaches the composite unchanged', async () => {
  const req = requestForExample(exampleAt(repoRoot(), 'examples/vshn-postgresql/full/4-cluster-ready'), 'function-appcat-vshn-postgresql');
  const der = Buffer.from([0x30, 0x82, 0x01, 0xff, 0xfe, 0x80, 0x00, 0xc3]);
  req.observed!.resources['tls-certificate']!.connectionDetails['ca.crt'] = der;
  const rsp = await runFunction(req);
  expect(Buffer.from(rsp.desired!.composite!.connectionDetails['ca.crt']!)).toEqual(der);
});
