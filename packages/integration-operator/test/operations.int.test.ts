// Operations: two replicas share the work through a Lease (a standby takes
// over within 15 s when the leader dies), and the operator program serves
// health, readiness and metrics and stops gracefully on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoordinationV1Api } from '@kubernetes/client-node';
import { API_VERSION } from '../src/api/schema.js';
import type { Operator } from '../src/operator.js';
import { Cluster, OPERATOR_NS, check, eventually, packageDir, startApparatus } from './harness.js';

const pair = async (c: Cluster, name: string): Promise<void> => {
  await c.apply({ apiVersion: API_VERSION, kind: 'Socket', metadata: { name }, spec: {} }, 'ops');
  await c.apply({ apiVersion: API_VERSION, kind: 'Plug', metadata: { name }, spec: { socket: { name } } }, 'ops');
};

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

describe('operations', () => {
  let cluster: Cluster | undefined;
  const c = (): Cluster => cluster!;

  beforeAll(async () => {
    cluster = await Cluster.start();
    await c().namespace('ops');
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const holder = async (name: string): Promise<string | undefined> =>
    (await c().env.makeClient(CoordinationV1Api).readNamespacedLease({ namespace: OPERATOR_NS, name })).spec?.holderIdentity;

  it('fails over to the standby within 15 s when the leader stops without handing over', async () => {
    const replicas = [await c().startOperator({ identity: 'replica-a' }), await c().startOperator({ identity: 'replica-b' })];
    const leader = await eventually('a leader', () => {
      const l = replicas.find((r) => r.isLeader);
      check(l !== undefined, 'none yet');
      return l!;
    });
    const standby = replicas.find((r) => r !== leader) as Operator;
    expect(standby.isLeader).toBe(false);
    expect(standby.ready()).toBe(true);
    await pair(c(), 'before-failover');
    await c().plugCondition('ops', 'before-failover', 'Coupled', 'True');

    await leader.halt();
    // The lease still names the halted leader: the standby must wait for it to expire (6 s in tests), within 15 s.
    await eventually(
      'standby leads',
      () => {
        check(standby.isLeader, 'still standby');
      },
      15_000,
    );
    await pair(c(), 'after-failover');
    await c().plugCondition('ops', 'after-failover', 'Coupled', 'True');
    expect(await holder('integration-operator')).toBe(standby === replicas[0] ? 'replica-a' : 'replica-b');
    await standby.stop();
    // A graceful stop hands the lease back.
    expect(await holder('integration-operator')).toBe('');
  });

  it('reaps an apparatus pod started by a predecessor: its last use is in the status, not in memory', async () => {
    const apparatus = await startApparatus();
    try {
      const opts = { identity: 'reaper', lease: { namespace: OPERATOR_NS, name: 'reaper', durationS: 6, retryPeriodMs: 500 } };
      const endpointOverride = (): string => apparatus.url;
      const first = await c().startOperator({ ...opts, reapIntervalMs: 60_000, apparatus: { endpointOverride } });
      const spec = { apparatus: { idleTimeout: 2, containers: [{ name: 'a', image: 'apparatus:1' }] } };
      await c().apply({ apiVersion: API_VERSION, kind: 'Socket', metadata: { name: 'with-apparatus' }, spec }, 'ops');
      await c().apply(
        { apiVersion: API_VERSION, kind: 'Plug', metadata: { name: 'with-apparatus' }, spec: { socket: { name: 'with-apparatus' } } },
        'ops',
      );
      await c().plugCondition('ops', 'with-apparatus', 'Coupled', 'True');
      expect(await c().exists('v1', 'Pod', 'ops', 'with-apparatus-socket-apparatus')).toBe(true);
      await first.stop();
      // A new operator (a restart) finds the pod through the socket's status and removes it once idle.
      await c().startOperator({ ...opts, reapIntervalMs: 500, apparatus: { endpointOverride } });
      await c().gone('apparatus pod', () => c().exists('v1', 'Pod', 'ops', 'with-apparatus-socket-apparatus'));
      expect(apparatus.calls.map((call) => call.path)).toEqual(expect.arrayContaining(['/ping', '/created', '/config', '/coupled']));
    } finally {
      await apparatus.close();
    }
  });

  describe('the operator program', () => {
    let child: ChildProcess | undefined;
    let dir: string | undefined;
    let output = '';

    afterAll(() => {
      if (child && child.exitCode === null) child.kill('SIGKILL');
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('serves health, readiness and metrics, and stops gracefully on SIGTERM', async () => {
      dir = mkdtempSync(join(tmpdir(), 'integration-operator-'));
      const kubeconfig = join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, (await c().operatorKubeConfig()).exportConfig(), { mode: 0o600 });
      const port = await freePort();
      child = spawn(
        process.execPath,
        [
          '--no-warnings',
          join(packageDir, 'dist', 'main.js'),
          `--lease-namespace=${OPERATOR_NS}`,
          '--lease-name=program',
          `--health-port=${port}`,
          '--health-host=127.0.0.1',
        ],
        { env: { ...process.env, KUBECONFIG: kubeconfig, POD_NAME: 'program-replica' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      const get = async (path: string): Promise<{ status: number; text: string }> => {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        return { status: res.status, text: await res.text() };
      };
      await eventually('healthz', async () => {
        check((await get('/healthz')).status === 200, 'not serving');
      });
      await eventually('readyz', async () => {
        check((await get('/readyz')).status === 200, 'not ready');
      });
      await eventually('leads', async () => {
        check((await holder('program')) === 'program-replica', 'not leading');
      });
      await pair(c(), 'program');
      await c().plugCondition('ops', 'program', 'Coupled', 'True');
      const metrics = (await get('/metrics')).text;
      expect(metrics).toMatch(/integration_operator_reconciles_total\{kind="Plug",outcome="success"\} [1-9]/);
      expect(metrics).toContain('integration_operator_reconcile_duration_seconds_bucket');
      expect(metrics).toContain('integration_operator_queue_depth');
      expect(metrics).toContain('integration_operator_leader 1');
      // Logs are JSON lines.
      const lines = output.trim().split('\n');
      expect(lines.every((line) => (JSON.parse(line) as { msg?: unknown }).msg !== undefined)).toBe(true);

      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(0);
      expect(await holder('program')).toBe('');
    });
  });
});
