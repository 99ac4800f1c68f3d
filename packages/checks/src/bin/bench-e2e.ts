// `make bench`, end to end: each service's full claim through real Crossplane
// (2.x and 1.20), providers played. For each: the time from creating the claim
// until every composite of its tree has composed every resource of its golden, until
// the claim is Ready, and the RunFunction calls Crossplane made for the tree
// until then (counted in the function processes: the runtime logs each call
// with its composite at debug level). A benchmark, not a test.
import { readFileSync } from 'node:fs';
import { repoRoot } from '@appcat/catalog';
import { getString } from '@appcat/runtime';
import { conditionTrue, type CrossplaneLine, type Obj, until } from '@appcat/testenv';
import { composedOf, createClaim, goldenFor, managedKinds, startControlPlane, treeKinds, treeOf, type ControlPlane, type Kind } from '../e2e/index.js';

const SERVICES = ['objectbucket', 'exoscale-postgresql', 'vshn-postgresql', 'keycloak'];
const COMPOSITE_GROUPS = new Set(['appcat.vshn.io', 'vshn.appcat.vshn.io', 'exoscale.appcat.vshn.io']);

interface Row {
  line: string;
  service: string;
  composedMs: number;
  readyMs: number;
  calls: number;
  composites: number;
}

/** RunFunction calls per composite, from the function processes' logs. */
function callsByComposite(plane: ControlPlane): Map<string, number> {
  const counts = new Map<string, number>();
  for (const fn of plane.functions.values()) {
    for (const line of readFileSync(fn.logFile, 'utf8').split('\n')) {
      if (!line.includes('"RunFunction"')) continue;
      try {
        const entry = JSON.parse(line) as { msg?: string; composite?: string };
        if (entry.msg === 'RunFunction' && entry.composite) counts.set(entry.composite, (counts.get(entry.composite) ?? 0) + 1);
      } catch {
        // not a log line of ours
      }
    }
  }
  return counts;
}

/** True once every composite of the claim's tree has composed every resource its golden names. */
async function allComposed(plane: ControlPlane, kinds: Kind[], composites: Obj[], selector: string): Promise<boolean> {
  for (const xr of composites) {
    const composition = getString(xr, 'spec.compositionRef.name');
    if (!composition) return false;
    const have = await composedOf(plane.kube, kinds, xr.metadata.name, selector);
    if (![...goldenFor(repoRoot(), composition, xr.metadata.name).keys()].every((name) => have.has(name))) return false;
  }
  return true;
}

async function benchLine(line: CrossplaneLine): Promise<Row[]> {
  const root = repoRoot();
  const plane = await startControlPlane(root, line);
  const kinds = treeKinds(root, managedKinds(root, COMPOSITE_GROUPS));
  const compositeKinds = new Set(kinds.slice(-4).map((k) => k.kind));
  const rows: Row[] = [];
  try {
    for (const service of SERVICES) {
      const started = Date.now();
      const run = await createClaim(plane.kube, root, `examples/${service}/claims/full.yaml`);
      const get = (): ReturnType<typeof plane.kube.get> =>
        plane.kube.get(run.claim.apiVersion, run.claim.kind, run.claim.metadata.name, run.claim.metadata.namespace);
      const composites = async (): Promise<Obj[]> => {
        const top = await plane.kube.get(getString(await get(), 'spec.resourceRef.apiVersion') ?? '', getString(await get(), 'spec.resourceRef.kind') ?? '', run.xr);
        const nested = [...(await treeOf(plane.kube, kinds, run.claim)).values()].filter((o) => compositeKinds.has(o.kind));
        return top ? [top, ...nested] : nested;
      };
      const selector = `crossplane.io/claim-name=${run.claim.metadata.name},crossplane.io/claim-namespace=${run.claim.metadata.namespace ?? ''}`;
      let composedMs: number | undefined;
      await until(
        `${service} Ready`,
        async () => {
          if (composedMs === undefined && (await allComposed(plane, kinds, await composites(), selector))) composedMs = Date.now() - started;
          const claim = await get();
          return claim && conditionTrue(claim, 'Ready') ? true : undefined;
        },
        300_000,
        100,
      );
      const readyMs = Date.now() - started;
      const names = new Set((await composites()).map((x) => getString(x, 'metadata.name') ?? ''));
      const counts = callsByComposite(plane);
      const calls = [...names].reduce((n, name) => n + (counts.get(name) ?? 0), 0);
      rows.push({ line: plane.crossplane.version, service, composedMs: composedMs ?? NaN, readyMs, calls, composites: names.size });
      await plane.kube.delete(run.claim);
      await until(`${service} deleted`, async () => ((await get()) ? undefined : true), 120_000);
    }
  } finally {
    await plane.stop();
  }
  return rows;
}

const rows = [...(await benchLine('2')), ...(await benchLine('1.20'))];
const header = ['Crossplane', 'service (full claim)', 'composites', 'claim → all composed (ms)', 'claim → Ready (ms)', 'RunFunction calls until Ready'];
const table = rows.map((r) => [r.line, r.service, String(r.composites), String(r.composedMs), String(r.readyMs), String(r.calls)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
const fmt = (cells: string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
process.stdout.write(`${fmt(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${table.map(fmt).join('\n')}\n`);
