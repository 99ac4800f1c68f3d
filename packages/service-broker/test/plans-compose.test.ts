// Every plan, with no parameters at all (Akkeris sends none), through the
// service's real composition function: the first reconcile composes the
// service without a FATAL result, so the claim becomes a healthy service
// rather than a refusal. The composition's own step input is used. And a
// binding's entry in VSHNPostgreSQL's list of users, as the broker writes it,
// composes the binding's role and its Secret under the name the broker reads.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getString, isObject, readYamlDocuments, RunFunctionRequest, Severity, type JsonObject, type RunFunction } from '@appcat/runtime';
import { runFunction as exoscalePostgreSQL } from '@appcat/function-exoscale-postgresql/function';
import { runFunction as keycloak } from '@appcat/function-keycloak/function';
import { runFunction as objectBucket } from '@appcat/function-objectbucket/function';
import { runFunction as vshnPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import { requestForCase, type StageCase } from '@appcat/catalog';
import { addEntry, bindingCredentialsSecretName, bindingUser } from '../src/access.js';
import { claimParameters } from '../src/parameters.js';
import type { Claim } from '../src/store.js';
import { must, repoRoot, services } from './helpers.js';

/** Every function of the catalog, by its Function package name. */
const FUNCTIONS: Record<string, RunFunction> = {
  'function-appcat-objectbucket': objectBucket,
  'function-appcat-vshn-postgresql': vshnPostgreSQL,
  'function-appcat-exoscale-postgresql': exoscalePostgreSQL,
  'function-appcat-keycloak': keycloak,
};

interface Pipeline {
  functionName: string;
  input: JsonObject;
}

/** The composition step of each composite kind (the first composition of that kind). */
function pipelines(): Map<string, Pipeline> {
  const byKind = new Map<string, Pipeline>();
  const dir = join(repoRoot, 'compositions');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of readYamlDocuments(join(dir, file)).filter((d) => d['kind'] === 'Composition')) {
      const kind = getString(doc, 'spec.compositeTypeRef.kind');
      const pipeline = isObject(doc['spec']) && Array.isArray(doc['spec']['pipeline']) ? doc['spec']['pipeline'].filter(isObject) : [];
      const step = pipeline[0];
      const functionName = step ? getString(step, 'functionRef.name') : undefined;
      if (kind !== undefined && functionName !== undefined && step && !byKind.has(kind)) {
        byKind.set(kind, { functionName, input: isObject(step['input']) ? step['input'] : {} });
      }
    }
  }
  return byKind;
}

const cases = services().flatMap((s) => s.plans.map((p) => ({ service: s, plan: p, label: `${s.name}/${p.name}` })));

test.each(cases.map((c) => [c.label, c] as const))('%s composes without a refusal', async (_label, { service, plan }) => {
  const compositeKind = `X${service.claim.kind}`;
  const pipeline = pipelines().get(compositeKind);
  expect(pipeline).toBeDefined();
  if (!pipeline) return;
  const runFunction = FUNCTIONS[pipeline.functionName];
  expect(runFunction).toBeDefined();
  if (!runFunction) return;
  const xr = {
    apiVersion: `${service.claim.group}/${service.claim.version}`,
    kind: compositeKind,
    metadata: {
      name: 'osb-plan-check-x7k2p',
      uid: '5d7a8c1e-2f3b-4c5d-8e9f-0a1b2c3d4e5f',
      labels: { 'crossplane.io/claim-name': 'osb-plan-check', 'crossplane.io/claim-namespace': 'osb-team' },
    },
    spec: { parameters: claimParameters(plan, {}) },
  };
  const rsp = await runFunction(
    RunFunctionRequest.fromJSON({ meta: { tag: 'plan-check' }, observed: { composite: { resource: xr }, resources: {} }, input: pipeline.input }),
  );
  const fatal = rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message);
  expect(fatal).toEqual([]);
  expect(Object.keys(rsp.desired?.resources ?? {}).length).toBeGreaterThan(0);
  const serviceReady = rsp.conditions.find((c) => c.type === 'ServiceReady');
  expect(serviceReady?.reason).toBe('Provisioning');
});

test("a binding's entry, as the broker writes it, composes the binding's role and its Secret where the broker reads it", async () => {
  const stage: StageCase = { file: 'binding', path: '', reason: '', stage: 'examples/vshn-postgresql/full/4-cluster-ready' };
  const observed = requestForCase(stage, 'function-appcat-vshn-postgresql').observed?.composite?.resource ?? {};
  const labels = isObject(observed['metadata']) && isObject(observed['metadata']['labels']) ? observed['metadata']['labels'] : {};
  const label = (key: string): string => {
    const v = labels[key];
    if (typeof v !== 'string') throw new Error(`the composite has no label ${key}`);
    return v;
  };
  const namespace = label('crossplane.io/claim-namespace');
  const name = label('crossplane.io/claim-name');
  const spec = isObject(observed['spec']) ? observed['spec'] : {};
  const claim: Claim = {
    apiVersion: 'vshn.appcat.vshn.io/v1',
    kind: 'VSHNPostgreSQL',
    metadata: { name, namespace },
    spec: { parameters: isObject(spec['parameters']) ? spec['parameters'] : {} },
  };
  const instanceId = randomUUID();
  const bindingId = randomUUID();
  const user = bindingUser(bindingId);
  const ref = { name: bindingCredentialsSecretName(instanceId, bindingId), namespace };
  const bound = must(addEntry(claim, 'service.access', { user, writeConnectionSecretToRef: ref }), 'the claim with the binding');
  const rsp = await vshnPostgreSQL(
    requestForCase({ ...stage, patch: { composite: { spec: { parameters: bound.spec.parameters ?? {} } } } }, 'function-appcat-vshn-postgresql'),
  );
  expect(rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message)).toEqual([]);
  const desired = rsp.desired?.resources ?? {};
  const role = must(desired[`access-role-${user}`]?.resource, "the binding's role");
  expect(getString(role, 'kind')).toBe('Role');
  expect((role['metadata'] as JsonObject)['annotations']).toMatchObject({ 'crossplane.io/external-name': user });
  const secret = must(desired[`access-secret-${user}`]?.resource, "the binding's Secret");
  const manifest = ((secret['spec'] as JsonObject)['forProvider'] as JsonObject)['manifest'] as JsonObject;
  expect(manifest['metadata']).toMatchObject(ref);
  expect(manifest['stringData']).toMatchObject({ POSTGRESQL_USER: user, POSTGRESQL_DB: user });
});
