// The SGCluster readiness query, evaluated as provider-kubernetes evaluates
// it (bin/cel-readiness: the provider's cel-go, the observed object as the
// dynamic variable `object`). The examples play provider-kubernetes, so the
// Ready condition each records for the cluster's Object must be the query's
// verdict on the SGCluster it records; and the claim's explanation of what
// a cluster lacks (notServing) must agree with the query on any status.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { findExamples, repoRoot } from '@appcat/catalog';
import { CLUSTER_SERVES, notServing } from '@appcat/function-vshn-postgresql/readiness';
import { getCondition, getObject, readYamlDocuments, type JsonObject, type KubeObject } from '@appcat/runtime';
import { defaultBinDir } from '@appcat/testenv';

const evaluator = join(defaultBinDir(), 'cel-readiness');

type Verdict = { ready: boolean } | { error: string };

/** The query's verdict on each object, in one run of the evaluator. */
function evaluate(query: string, objects: readonly JsonObject[]): Verdict[] {
  if (!existsSync(evaluator)) throw new Error(`${evaluator} not found; build it with tools/build.sh cel-readiness`);
  const run = spawnSync(evaluator, [], { input: JSON.stringify({ query, objects }), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cel-readiness: ${run.stderr}`);
  return JSON.parse(run.stdout) as Verdict[];
}

const readyOf = (v: Verdict | undefined): boolean | string => (v === undefined ? 'no verdict' : 'ready' in v ? v.ready : v.error);

interface Recorded {
  example: string;
  manifest: JsonObject;
  ready: boolean;
}

/** Every example's observed cluster Object: the SGCluster it observes and the Ready it reports. */
function recordedClusters(): Recorded[] {
  const found: Recorded[] = [];
  for (const c of findExamples(repoRoot(), 'examples/vshn-postgresql')) {
    for (const doc of c.observed ? readYamlDocuments(c.observed) : []) {
      if (getObject(doc, 'metadata.annotations')?.['crossplane.io/composition-resource-name'] !== 'cluster') continue;
      const manifest = getObject(doc, 'status.atProvider.manifest');
      if (manifest) found.push({ example: c.id, manifest, ready: getCondition(doc, 'Ready')?.status === 'True' });
    }
  }
  return found;
}

test('the query compiles to a bool and reads a status with a primary as ready, one without or a failed one as not', () => {
  const status = (s: JsonObject): JsonObject => ({ apiVersion: 'stackgres.io/v1', kind: 'SGCluster', status: s });
  const primary = { name: 'pg-0', primary: true, pendingRestart: false };
  const verdicts = evaluate(CLUSTER_SERVES, [
    status({ instances: 1, podStatuses: [primary] }),
    status({ instances: 1, podStatuses: [primary], conditions: [{ type: 'PendingRestart', status: 'True' }] }),
    { apiVersion: 'stackgres.io/v1', kind: 'SGCluster' },
    status({ instances: 1, podStatuses: [{ name: 'pg-0' }] }),
    status({ instances: 0, podStatuses: [primary] }),
    status({ instances: 1, podStatuses: [primary], conditions: [{ type: 'Failed', status: 'True', reason: 'ClusterConfigFailed' }] }),
  ]);
  expect(verdicts.map(readyOf)).toEqual([true, true, false, false, false, false]);
});

test('every example reports the cluster Ready exactly when the query finds it ready', () => {
  const recorded = recordedClusters();
  expect(recorded.map((r) => r.example)).toEqual(expect.arrayContaining(['examples/vshn-postgresql/empty/4-cluster-created']));
  const verdicts = evaluate(
    CLUSTER_SERVES,
    recorded.map((r) => r.manifest),
  );
  expect(recorded.map((r, i) => ({ example: r.example, ready: readyOf(verdicts[i]) }))).toEqual(
    recorded.map((r) => ({ example: r.example, ready: r.ready })),
  );
});

/** SGCluster statuses as StackGres writes them, and with the fields it has not written yet. */
const condition = fc.record({
  type: fc.constantFrom('Failed', 'PendingRestart', 'PendingUpgrade', 'Bootstrapped'),
  status: fc.constantFrom('True', 'False', 'Unknown'),
});
const podStatus = fc.record(
  { name: fc.constantFrom('pg-0', 'pg-1', 'pg-2'), primary: fc.boolean(), pendingRestart: fc.boolean() },
  { requiredKeys: ['name'] },
);
const clusterStatus = fc.record(
  {
    instances: fc.integer({ min: 0, max: 3 }),
    podStatuses: fc.array(podStatus, { maxLength: 3 }),
    conditions: fc.array(condition, { maxLength: 4 }),
  },
  { requiredKeys: [] },
);

test('the claim names something the cluster lacks exactly when the query finds it not ready', () => {
  const samples = fc.sample(fc.option(clusterStatus, { nil: undefined }), { numRuns: 300, seed: 9005 });
  const objects = samples.map((status): JsonObject => ({ apiVersion: 'stackgres.io/v1', kind: 'SGCluster', ...(status ? { status } : {}) }));
  const verdicts = evaluate(CLUSTER_SERVES, objects);
  const disagreements = objects.filter((o, i) => readyOf(verdicts[i]) !== (notServing(o as unknown as KubeObject) === undefined));
  expect(disagreements).toEqual([]);
});
