// The built entry point as Crossplane runs it: serves RunFunction over gRPC
// and exits cleanly on SIGTERM (make test builds first).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FunctionRunnerClient, RunFunctionRequest } from '@appcat/runtime';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'main.js');

test('serves RunFunction on the port it logs and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [main, '--insecure', '--address', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = once(child, 'exit');
  try {
    // The server logs the port it bound as JSON on its first line.
    const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
    const { port } = JSON.parse(line) as { port: number };
    const client = new FunctionRunnerClient(`127.0.0.1:${port}`);
    try {
      const rsp = await client.runFunction(
        RunFunctionRequest.fromJSON({
          input: { controlNamespace: 'appcat-control', connectionSecretNamespace: 'crossplane-system' },
          observed: { composite: { resource: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'XVSHNKeycloak', metadata: { name: 'sso' }, spec: {} } } },
        }),
      );
      expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(expect.arrayContaining(['instance-namespace', 'postgresql', 'admin-credentials', 'tls-certificate']));
    } finally {
      client.close();
    }
    child.kill('SIGTERM');
    expect((await exited)[0]).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
