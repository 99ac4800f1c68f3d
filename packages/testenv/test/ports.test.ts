import { createServer } from 'node:net';
import { freePorts } from '../src/process.js';

test('freePorts gives distinct ports that are free once it returns', async () => {
  const ports = await freePorts(32);
  expect(new Set(ports).size).toBe(32);
  // Each can be listened on again: none is still held.
  for (const port of ports.slice(0, 4)) {
    const srv = createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => {
      srv.close(() => {
        resolve();
      });
    });
  }
});
