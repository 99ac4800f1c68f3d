// `make bench`: the broker's latency and throughput against a real
// kube-apiserver (packages/testenv) on this machine. Not a test: it prints
// a table. Akkeris polls last_operation of every in-flight instance every
// 30 s, so requests/s x 30 is how many in-flight instances one replica keeps up with.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { claimCRD } from '@appcat/checks';
import { readYamlDocuments } from '@appcat/runtime';
import { startTestEnv, type TestEnv } from '@appcat/testenv';
import { startBroker, type RunningBroker } from '../app.js';
import { configFromEnv } from '../config.js';
import { KubeClient } from '../kube.js';
import { loadServices } from '../plans.js';

const CONCURRENCY = 50;
const AKKERIS_POLL_SECONDS = 30;
const INSTANCES = 1000;

interface Row {
  what: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  rps?: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function row(what: string, samples: number[], rps?: number): Row {
  const s = [...samples].sort((a, b) => a - b);
  return { what, n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), ...(rps !== undefined ? { rps } : {}) };
}

async function timed(fn: () => Promise<Response>, expect: number): Promise<number> {
  const start = process.hrtime.bigint();
  const res = await fn();
  await res.arrayBuffer();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (res.status !== expect) throw new Error(`expected ${expect}, got ${res.status}`);
  return ms;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'service-broker-bench-'));
  let env: TestEnv | undefined;
  let broker: RunningBroker | undefined;
  let kube: KubeClient | undefined;
  try {
    env = await startTestEnv();
    const defaults = configFromEnv({ BROKER_CREDENTIALS_FILE: join(dir, 'credentials.yaml') });
    const services = loadServices(defaults.plansDir, defaults.xrdsDir);
    const crdFile = join(dir, 'crds.yaml');
    const crds = readYamlDocuments(join(defaults.xrdsDir, 'vshn-postgresql.yaml'))
      .concat(readYamlDocuments(join(defaults.xrdsDir, 'objectbucket.yaml')), readYamlDocuments(join(defaults.xrdsDir, 'exoscale-postgresql.yaml')), readYamlDocuments(join(defaults.xrdsDir, 'keycloak.yaml')))
      .map((x) => claimCRD(x))
      .filter((c) => c !== undefined);
    writeFileSync(crdFile, crds.map((c) => `---\n${stringify(c)}`).join(''));
    await env.installCRDs(crdFile);
    const password = randomBytes(18).toString('base64url');
    writeFileSync(defaults.credentialsFile, stringify({ basic: [{ username: 'bench', password }] }));
    kube = await KubeClient.create(env.adminClient());
    for (const s of services) {
      for (let i = 0; (await kube.request('GET', `/apis/${s.claim.group}/${s.claim.version}/${s.claim.plural}`)).status !== 200 && i < 100; i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const silent = new Writable({
      write: (_c, _e, done) => {
        done();
      },
    });
    broker = await startBroker({ ...defaults, host: '127.0.0.1', port: 0, retryAfterSeconds: 30, logLevel: 'warn' }, kube, { stream: silent });
    const url = broker.url;
    const headers = { authorization: `Basic ${Buffer.from(`bench:${password}`).toString('base64')}`, 'x-broker-api-version': '2.17', 'content-type': 'application/json' };
    const pg = services.find((s) => s.name === 'vshn-postgresql');
    const plan = pg?.plans[0];
    if (!pg || !plan) throw new Error('no vshn-postgresql plan');

    const rows: Row[] = [];
    const catalog: number[] = [];
    for (let i = 0; i < 300; i++) catalog.push(await timed(() => fetch(`${url}/v2/catalog`, { headers }), 200));
    rows.push(row('GET /v2/catalog', catalog.slice(50)));

    const ids: string[] = [];
    const provision: number[] = [];
    const org = randomUUID();
    const body = JSON.stringify({ service_id: pg.id, plan_id: plan.id, organization_guid: org, space_guid: org });
    const put = (id: string): Promise<Response> => fetch(`${url}/v2/service_instances/${id}?accepts_incomplete=true`, { method: 'PUT', headers, body });
    for (let i = 0; i < 100; i++) {
      const id = randomUUID();
      ids.push(id);
      provision.push(await timed(() => put(id), 202));
    }
    rows.push(row('PUT instance (provision, sequential)', provision));
    // More instances, so lists by label scan a realistic number of claims.
    const more: number[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_v, worker) => {
        for (let i = worker; i < INSTANCES - 100; i += CONCURRENCY) {
          const id = randomUUID();
          ids.push(id);
          more.push(await timed(() => put(id), 202));
        }
      }),
    );
    rows.push(row(`PUT instance (provision, concurrency ${CONCURRENCY})`, more));

    const lastOp = (id: string): Promise<Response> => fetch(`${url}/v2/service_instances/${id}/last_operation?service_id=${pg.id}&operation=provision-1`, { headers });
    const sequential: number[] = [];
    for (let i = 0; i < 400; i++) sequential.push(await timed(() => lastOp(ids[i % ids.length] ?? ''), 200));
    rows.push(row('GET last_operation (sequential)', sequential.slice(50)));

    const concurrent: number[] = [];
    const total = 4000;
    let next = 0;
    const start = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          const i = next++;
          concurrent.push(await timed(() => lastOp(ids[i % ids.length] ?? ''), 200));
        }
      }),
    );
    const rps = total / ((Date.now() - start) / 1000);
    rows.push(row(`GET last_operation (concurrency ${CONCURRENCY})`, concurrent, rps));

    const ms = (n: number): string => n.toFixed(1).padStart(8);
    const lines = [
      `| ${'request'.padEnd(42)} | ${'n'.padStart(5)} | ${'p50 ms'.padStart(8)} | ${'p95 ms'.padStart(8)} | ${'p99 ms'.padStart(8)} | ${'req/s'.padStart(7)} |`,
      `|${'-'.repeat(44)}|${'-'.repeat(7)}|${'-'.repeat(10)}|${'-'.repeat(10)}|${'-'.repeat(10)}|${'-'.repeat(9)}|`,
      ...rows.map((r) => `| ${r.what.padEnd(42)} | ${String(r.n).padStart(5)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${(r.rps !== undefined ? r.rps.toFixed(0) : '').padStart(7)} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
    process.stdout.write(
      `${ids.length} instances stored; last_operation passes service_id (the spec's SHOULD), so each poll is one list by label of one claim kind.\n` +
        `One replica answers ${rps.toFixed(0)} last_operation requests/s at concurrency ${CONCURRENCY}. Akkeris polls every in-flight instance every ${AKKERIS_POLL_SECONDS} s:\n` +
        `one replica keeps up with about ${Math.floor(rps * AKKERIS_POLL_SECONDS)} in-flight instances (measured with ${ids.length} stored; a list by label scans every claim of the kind, so this falls as instances grow).\n`,
    );
  } finally {
    await broker?.shutdown();
    kube?.close();
    await env?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
