// `make bench-integration`: the operator program (its own process, as its
// service account) against a real API server: time from creating 200
// plug/socket pairs to every plug Coupled=True, reconciles per second, and
// the operator's memory with 1,000 pairs. A benchmark, not a test.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, CustomObjectsApi, KubernetesObjectApi, type KubernetesObject, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { startTestEnv } from '@appcat/testenv';
import { parseAllDocuments } from 'yaml';
import { API_VERSION, GROUP, VERSION } from '../api/schema.js';
import type { Plug } from '../api/types.js';

const FIRST = Number(process.env['BENCH_PAIRS'] ?? 200);
const TOTAL = Number(process.env['BENCH_TOTAL_PAIRS'] ?? 1000);
const PARALLEL_CREATES = 20;
const packageDir = join(fileURLToPath(import.meta.url), '..', '..', '..');

/**
 * The literal environment of the operator's Deployment (NODE_OPTIONS and the
 * rest): the process is measured with the flags it is deployed with.
 */
function deployedEnv(): Record<string, string> {
  for (const doc of parseAllDocuments(readFileSync(join(packageDir, 'deploy', 'operator.yaml'), 'utf8'))) {
    const o = doc.toJS() as { kind?: string; spec?: { template?: { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } } } };
    if (o.kind !== 'Deployment') continue;
    const env = o.spec?.template?.spec?.containers?.[0]?.env ?? [];
    return Object.fromEntries(env.flatMap((e) => (e.value === undefined ? [] : [[e.name, e.value]])));
  }
  throw new Error('deploy/operator.yaml has no Deployment');
}
const DEPLOYED_ENV = deployedEnv();
const NODE_FLAGS = (process.env['BENCH_NODE_FLAGS'] ?? DEPLOYED_ENV['NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
// What the image runs: the production bundle (BENCH_TARGET=dist runs the compiled modules instead).
const PROGRAM = join(packageDir, 'dist', ...(process.env['BENCH_TARGET'] === 'dist' ? ['main.js'] : ['bundle', 'main.mjs']));

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (typeof address !== 'object' || address === null) throw new Error('no free port');
  return address.port;
}

function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

async function inBatches(count: number, from: number, make: (i: number) => Promise<unknown>): Promise<void> {
  for (let i = from; i < from + count; i += PARALLEL_CREATES) {
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CREATES, from + count - i) }, (_, k) => make(i + k)));
  }
}

async function main(): Promise<void> {
  const env = await startTestEnv();
  let operator: ChildProcess | undefined;
  try {
    await env.installCRDs(join(packageDir, 'deploy', 'crds'));
    const objects = KubernetesObjectApi.makeApiClient(env.adminClient());
    const manifests = parseAllDocuments(readFileSync(join(packageDir, 'deploy', 'operator.yaml'), 'utf8')).map((d) => d.toJS() as KubernetesObject);
    for (const doc of manifests) if (doc.kind !== 'Deployment') await objects.create(doc);
    const core = env.makeClient(CoreV1Api);
    const custom = env.makeClient(CustomObjectsApi);
    for (const name of ['bench-sockets', 'bench-apps']) await core.createNamespace({ body: { metadata: { name } } });
    const rbac = env.makeClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'bench-apps',
      body: { metadata: { name: 'bench' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'create', 'patch', 'delete'] }] },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'bench-apps',
      body: {
        metadata: { name: 'bench' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'bench' },
        subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'bench-apps' }],
      },
    });

    const kubeconfig = join(env.dir, 'operator.kubeconfig');
    writeFileSync(kubeconfig, (await env.userKubeConfig('system:serviceaccount:integration-system:integration-operator')).exportConfig(), { mode: 0o600 });
    const port = await freePort();
    // NODE_OPTIONS goes on the command line instead, where BENCH_NODE_FLAGS can replace it.
    const { NODE_OPTIONS: _, ...otherEnv } = DEPLOYED_ENV;
    operator = spawn(
      process.execPath,
      ['--no-warnings', ...NODE_FLAGS, PROGRAM, '--lease-namespace=integration-system', `--health-port=${port}`, '--health-host=127.0.0.1', '--log-level=warn'],
      { env: { ...process.env, ...otherEnv, KUBECONFIG: kubeconfig }, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const pid = operator.pid ?? 0;
    const metric = async (): Promise<number> => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return [...text.matchAll(/^integration_operator_reconciles_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    };
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok && (await fetch(`http://127.0.0.1:${port}/metrics`)).ok) {
          const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
          if (text.includes('integration_operator_leader 1')) break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const idle = memoryMiB(pid);

    const createPair = async (i: number): Promise<void> => {
      const name = `pair-${i}`;
      await custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: 'bench-sockets',
        plural: 'sockets',
        body: { apiVersion: API_VERSION, kind: 'Socket', metadata: { name }, spec: { interface: { config: { plug: { id: { required: true } } } } } },
      });
      await custom.createNamespacedCustomObject({
        group: GROUP,
        version: VERSION,
        namespace: 'bench-apps',
        plural: 'plugs',
        body: {
          apiVersion: API_VERSION,
          kind: 'Plug',
          metadata: { name },
          spec: {
            socket: { name, namespace: 'bench-sockets' },
            config: { id: String(i) },
            resources: [{ template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config` }, data: { id: '{% .plugConfig.id %}' } } }],
          },
        },
      });
    };
    const coupledCount = async (): Promise<number> => {
      const list = (await custom.listNamespacedCustomObject({ group: GROUP, version: VERSION, namespace: 'bench-apps', plural: 'plugs' })) as { items: Plug[] };
      return list.items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Coupled' && c.status === 'True')).length;
    };
    const waitCoupled = async (n: number): Promise<void> => {
      while ((await coupledCount()) < n) await new Promise((r) => setTimeout(r, 250));
    };

    const reconcilesBefore = await metric();
    const t0 = Date.now();
    await inBatches(FIRST, 0, createPair);
    const created = Date.now();
    await waitCoupled(FIRST);
    const seconds = (Date.now() - t0) / 1000;
    const reconciles = (await metric()) - reconcilesBefore;
    const afterFirst = memoryMiB(pid);

    await inBatches(TOTAL - FIRST, FIRST, createPair);
    await waitCoupled(TOTAL);
    const afterTotal = memoryMiB(pid);
    const heap = /^nodejs_heap_size_used_bytes (\d+)/m.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1];

    console.log(
      `\nintegration operator (${relative(packageDir, PROGRAM)}, node ${process.version} ${NODE_FLAGS.join(' ')}${Object.entries(otherEnv).map(([k, v]) => ` ${k}=${v}`).join('')}, ${FIRST} then ${TOTAL} plug/socket pairs, one templated ConfigMap per plug)\n`);
    console.log('| measure | value | target |');
    console.log('|---|---|---|');
    console.log(`| ${FIRST} pairs created → all Coupled=True | ${seconds.toFixed(1)} s (creating took ${((created - t0) / 1000).toFixed(1)} s) | < 60 s |`);
    console.log(`| reconciles per second (${reconciles} reconciles) | ${(reconciles / seconds).toFixed(1)} | |`);
    console.log(`| operator RSS idle (leader, caches synced) | ${idle.rss.toFixed(0)} MiB | |`);
    console.log(`| operator RSS at ${FIRST} pairs | ${afterFirst.rss.toFixed(0)} MiB | |`);
    console.log(`| operator RSS at ${TOTAL} pairs (peak) | ${afterTotal.rss.toFixed(0)} MiB (${afterTotal.peak.toFixed(0)} MiB) | < 150 MiB |`);
    console.log(`| JavaScript heap in use at ${TOTAL} pairs | ${(Number(heap) / 1048576).toFixed(0)} MiB | |`);
  } finally {
    if (operator && operator.exitCode === null) {
      operator.kill('SIGTERM');
      await once(operator, 'exit');
    }
    await env.stop();
  }
}

await main();
