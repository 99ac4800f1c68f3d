#!/usr/bin/env node
// The billing section of `make bench` (a benchmark, not a test): get and list
// latency through kube-apiserver's aggregator, directly against the billing
// server, and as direct ERP calls (the adapter's overhead); and a list of
// 10,000 entities for a user holding 10 entity roles, with the
// SubjectAccessReviews it costs; update latency, which includes the Lease
// that makes writes exclusive across replicas.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Json2Transport } from './erp/transport.js';
import { OdooErp } from './erp/odoo.js';
import { type KubeClient, expectStatus, kubeClient } from './kube/client.js';
import { startLocalStack } from './local.js';
import { roleName } from './auth/rbac.js';

const ENTITIES = Number(process.env['BENCH_ENTITIES'] ?? 10_000);
const ROLES = 10;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 30);
const LIST_RUNS = Number(process.env['BENCH_LIST_RUNS'] ?? 10);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function measure(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(); // warm-up: connections, caches
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const stack = await startLocalStack({ config: { erpTimeoutMs: 30_000, leaseDurationMs: 120_000 } });
try {
  const { env, erp: emulator, api } = stack;
  const apiKey = readFileSync(join(stack.dir, 'odoo.key'), 'utf8');
  const odoo = new Json2Transport({ url: emulator.url, db: 'odoo', login: 'admin', apiKey });

  // Seed the ERP in two calls, as a data import would.
  const companies = (await odoo.call(
    {
      model: 'res.partner',
      method: 'create',
      params: {
        vals_list: Array.from({ length: ENTITIES }, (_, i) => ({
          name: `Company ${i}`,
          is_company: true,
          email: `c${i}@example.ch`,
          country_id: 44,
          x_control_api_inflight: false,
        })),
      },
    },
    60_000,
  )) as number[];
  const contacts = (await odoo.call(
    {
      model: 'res.partner',
      method: 'create',
      params: {
        vals_list: companies.map((id, i) => ({
          name: `Finance ${i}`,
          parent_id: id,
          type: 'invoice',
          email: `f${i}@example.ch`,
          x_control_api_inflight: false,
        })),
      },
    },
    60_000,
  )) as number[];

  const admin = kubeClient(env.adminClient());
  const user = 'bench-user';
  for (const id of contacts.slice(0, ROLES)) {
    const be = `be-${id}`;
    const name = roleName(be, 'viewer');
    await expectStatus(admin, [201], 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
      metadata: { name },
      rules: [{ apiGroups: ['billing.appuio.io', 'rbac.appuio.io'], resources: ['billingentities'], verbs: ['get'], resourceNames: [be] }],
    });
    await expectStatus(admin, [201], 'POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    });
  }
  const benchUser = kubeClient(await env.userKubeConfig(user));
  const directAdmin = kubeClient(
    (() => {
      const kc = env.adminClient();
      const cluster = kc.getCurrentCluster();
      if (!cluster) throw new Error('no cluster');
      // The same admin credentials, pointed at the billing server itself.
      kc.clusters = [{ ...cluster, server: api.server.url, caData: Buffer.from(api.serving.ca).toString('base64'), caFile: undefined }];
      return kc;
    })(),
  );

  const one = `be-${contacts[Math.floor(ENTITIES / 2)] ?? 0}`;
  const path = '/apis/billing.appuio.io/v1/billingentities';
  const get = (c: KubeClient) => () => expectStatus(c, [200], 'GET', `${path}/${one}`);
  const list = (c: KubeClient) => () => expectStatus(c, [200], 'GET', path);
  const erpClient = new OdooErp(odoo, 30_000);
  const id = Number(one.slice(3));

  const rows: Array<[string, { p50: number; p95: number }, string]> = [];
  rows.push(['get: direct ERP calls (contact + company)', await measure(RUNS, () => erpClient.get(id)), '']);
  rows.push(['get: billing server, direct', await measure(RUNS, get(directAdmin)), '']);
  rows.push(['get: through the aggregator', await measure(RUNS, get(admin)), '']);
  // Updates: the ERP's two writes and reads, and the same through the aggregator,
  // which also takes and releases the entity's Lease in kube-apiserver.
  let n = 0;
  const base = await erpClient.get(id);
  rows.push([
    'update: direct ERP calls (read, 2 writes, read)',
    await measure(RUNS, () => erpClient.update(id, { ...base, phone: `+41 ${n++}` })),
    '',
  ]);
  const current = (await expectStatus(admin, [200], 'GET', `${path}/${one}`)) as { metadata: Record<string, unknown>; spec: Record<string, unknown> };
  const unconditional = { ...current, metadata: { ...current.metadata, resourceVersion: undefined } };
  rows.push([
    'update: through the aggregator',
    await measure(RUNS, () =>
      expectStatus(admin, [200], 'PUT', `${path}/${one}`, { ...unconditional, spec: { ...current.spec, phone: `+41 ${n++}` } }),
    ),
    'incl. the entity Lease (create + delete)',
  ]);
  rows.push([`list ${ENTITIES}: direct ERP calls`, await measure(LIST_RUNS, () => erpClient.list()), '']);
  rows.push([`list ${ENTITIES}: admin through the aggregator`, await measure(LIST_RUNS, list(admin)), '']);

  // The user's first list pays the reviews; later ones within the cache time reuse them.
  const before = api.authorizer.reviews;
  const coldStart = process.hrtime.bigint();
  const visible = (await list(benchUser)()) as { items: unknown[] };
  const cold = Number(process.hrtime.bigint() - coldStart) / 1e6;
  const coldReviews = api.authorizer.reviews - before;
  const warmBefore = api.authorizer.reviews;
  const warm = await measure(LIST_RUNS, list(benchUser));
  const warmReviews = (api.authorizer.reviews - warmBefore) / (LIST_RUNS + 1);
  rows.push([
    `list ${ENTITIES}: user with ${ROLES} entity roles, first`,
    { p50: cold, p95: cold },
    `${coldReviews} SAR, sees ${visible.items.length}`,
  ]);
  rows.push([`list ${ENTITIES}: user with ${ROLES} entity roles, cached`, warm, `${warmReviews.toFixed(1)} SAR per list`]);

  console.log(`\nbilling API (${ENTITIES} entities in the Odoo emulator, ${RUNS} gets or updates / ${LIST_RUNS} lists per row)\n`);
  console.log('| what | p50 ms | p95 ms | notes |');
  console.log('|---|---:|---:|---|');
  for (const [what, t, notes] of rows) console.log(`| ${what} | ${t.p50.toFixed(1)} | ${t.p95.toFixed(1)} | ${notes} |`);
} finally {
  await stack.stop();
}
