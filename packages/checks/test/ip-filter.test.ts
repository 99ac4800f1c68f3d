// network.ipFilter under generated input: every IPv4 address or CIDR range
// reaches the load balancer as a CIDR range (an address alone as its /32),
// and anything else is refused naming the entry, with the running instance
// kept.
import fc from 'fast-check';
import { loadStageCases, repoRoot, requestForCase, type StageCase } from '@appcat/catalog';
import { runFunction } from '@appcat/function-vshn-postgresql/function';
import { getPath, Severity } from '@appcat/runtime';
import { join } from 'node:path';

const base = loadStageCases(join(repoRoot(), 'packages', 'function-vshn-postgresql', 'test', 'cases')).find(
  (c) => c.file === '19-load-balancer.yaml',
)!;

async function withFilter(ipFilter: string[]) {
  const c: StageCase = { ...base, patch: { composite: { spec: { parameters: { network: { serviceType: 'LoadBalancer', ipFilter } } } } } };
  const rsp = await runFunction(requestForCase(c, 'function-appcat-vshn-postgresql'));
  const cluster = rsp.desired?.resources['cluster']?.resource;
  return {
    fatal: rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message),
    ranges: getPath(cluster, 'spec.forProvider.manifest.spec.postgresServices.primary.loadBalancerSourceRanges'),
    kept: Object.keys(rsp.desired?.resources ?? {}).length,
  };
}

const octet = fc.integer({ min: 0, max: 255 });
const address = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));

test('every IPv4 address or range is accepted as a CIDR range', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(address, fc.option(fc.integer({ min: 0, max: 32 }), { nil: undefined })), { minLength: 1, maxLength: 4 }),
      async (entries) => {
        const filter = entries.map(([a, p]) => (p === undefined ? a : `${a}/${p}`));
        const { fatal, ranges } = await withFilter(filter);
        expect(fatal).toEqual([]);
        expect(ranges).toEqual(entries.map(([a, p]) => `${a}/${p ?? 32}`));
      },
    ),
    { numRuns: 25 },
  );
});

test('anything else is refused naming the entry, and nothing is dropped', async () => {
  const observed = (await withFilter(['0.0.0.0/0'])).kept;
  const bad = fc.oneof(
    fc.string({ maxLength: 20 }).filter((s) => !/^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/.test(s)),
    fc.tuple(address, fc.integer({ min: 33, max: 99 })).map(([a, p]) => `${a}/${p}`),
    fc.tuple(fc.integer({ min: 256, max: 999 }), octet).map(([a, b]) => `${a}.${b}.0.1`),
  );
  await fc.assert(
    fc.asyncProperty(bad, async (entry) => {
      const { fatal, kept } = await withFilter(['203.0.113.0/24', entry]);
      expect(fatal).toEqual([`spec.parameters.network.ipFilter[1]: ${JSON.stringify(entry)} is not an IPv4 address or CIDR range (203.0.113.0/24)`]);
      expect(kept).toBe(observed);
    }),
    { numRuns: 25 },
  );
});
