// The function's process as Crossplane runs it: flags, the first served
// call, exits. Runs the built entry point (make test builds first).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FunctionRunnerClient, RunFunctionRequest } from '@appcat/runtime';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

function start(args: string[]) {
  const child = spawn(process.execPath, [main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitFor(predicate: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const running: ReturnType<typeof start>[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

test('serves on :PORT (every interface) and exits 0 promptly on SIGTERM', async () => {
  const port = await freePort();
  const p = start(['--insecure', '--address', `:${port}`]);
  running.push(p);
  await waitFor(() => p.output().includes('function server listening'));
  const client = new FunctionRunnerClient(`127.0.0.1:${port}`);
  try {
    const rsp = await client.runFunction(
      RunFunctionRequest.fromJSON({
        meta: { tag: 't' },
        input: { provider: 'minio', defaultRegion: 'us-east-1', connectionSecretNamespace: 'crossplane-system' },
        observed: { composite: { resource: { apiVersion: 'appcat.vshn.io/v1', kind: 'XObjectBucket', metadata: { name: 'b' }, spec: {} } } },
      }),
    );
    expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(['bucket', 'policy', 'user']);
  } finally {
    client.close();
  }
  p.child.kill('SIGTERM');
  expect(await p.exited).toBe(0);
  expect(p.output()).toContain('"signal":"SIGTERM"');
});

test('an address it cannot bind exits non-zero and says why', async () => {
  const p = start(['--insecure', '--address', '203.0.113.7:1']);
  running.push(p);
  expect(await p.exited).toBe(1);
  expect(p.output()).toContain('cannot listen on 203.0.113.7:1');
});

test('without --insecure it needs the TLS files and says which is missing', async () => {
  const p = start(['--address', '127.0.0.1:0', '--tls-server-certs-dir', '/nonexistent']);
  running.push(p);
  expect(await p.exited).toBe(1);
  expect(p.output()).toContain('/nonexistent/ca.crt');
});

test('an unknown flag exits 2 with usage', async () => {
  const p = start(['--listen', ':9443']);
  running.push(p);
  expect(await p.exited).toBe(2);
  expect(p.output()).toContain('Usage: function');
});
