// Seed 002 end to end, in-process: the Keycloak function composes a nested
// XVSHNPostgreSQL and, in the same response, the ConfigMap that disables its
// billing; the VSHNPostgreSQL function, given that XR and that ConfigMap as
// observed, leaves its instance namespace unbilled. Keycloak's own namespace
// is billed, and a standalone PostgreSQL is billed too.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getObject, getString, isObject, readYamlDocuments, RunFunctionRequest, type RunFunctionResponse, type JsonObject, type KubeObject } from '@appcat/runtime';
import { loadTableCases } from '@appcat/runtime/testing';
import { runFunction as runPostgreSQL } from '../../function-vshn-postgresql/src/function.js';
import { runFunction as runKeycloak } from '../src/function.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const cases = loadTableCases(join(here, 'cases'));
const BILLING = 'appuio.io/billing-name';

/** The input the vshn-postgresql composition gives its function. */
function postgresqlInput(): JsonObject {
  const [composition] = readYamlDocuments(join(root, 'compositions', 'vshn-postgresql.yaml'));
  const pipeline = getObject(composition, 'spec')?.['pipeline'];
  const step = Array.isArray(pipeline) ? pipeline.find(isObject) : undefined;
  return getObject(step, 'input') ?? {};
}

/** The billing label of the instance namespace a response desires. */
function billingLabel(rsp: RunFunctionResponse): string | undefined {
  const labels = getObject(rsp.desired?.resources?.['instance-namespace']?.resource, 'spec.forProvider.manifest.metadata.labels');
  const value = labels?.[BILLING];
  return typeof value === 'string' ? value : undefined;
}

/** A VSHNPostgreSQL request for `xr`, its billing ConfigMap observed as `configMap`. */
function postgresqlRequest(xr: KubeObject, configMap: JsonObject): RunFunctionRequest {
  const billingConfig = {
    apiVersion: 'kubernetes.crossplane.io/v1alpha2',
    kind: 'Object',
    metadata: { name: `${xr.metadata?.name}-billing-config` },
    spec: { forProvider: { manifest: configMap }, managementPolicies: ['Observe', 'Create'], providerConfigRef: { name: 'kubernetes' } },
    status: { atProvider: { manifest: configMap } },
  };
  return RunFunctionRequest.fromJSON({
    observed: { composite: { resource: { ...xr, metadata: { ...xr.metadata, uid: '9d4e7b21-6c3a-4f85-b0d2-1e8a5c7f3b96' } } }, resources: { 'billing-config': { resource: billingConfig } } },
    input: postgresqlInput(),
  });
}

describe('billing of the nested PostgreSQL (seed 002)', () => {
  const first = cases.find((c) => c.file.startsWith('01-'))!;
  const running = cases.find((c) => c.file.startsWith('02-'))!;

  test('Keycloak disables the billing of the PostgreSQL it composes, in the same response, and is billed itself', async () => {
    const kc = await runKeycloak(first.request);
    const resources = kc.desired?.resources ?? {};
    const xr = resources['postgresql']?.resource as KubeObject;
    expect(xr.kind).toBe('XVSHNPostgreSQL');
    const pgNamespace = `vshn-postgresql-${xr.metadata?.name}`;
    const configMap = getObject(resources[`billing-disabled-${pgNamespace}`]?.resource, 'spec.forProvider.manifest')!;
    expect(configMap).toMatchObject({ kind: 'ConfigMap', metadata: { name: pgNamespace, namespace: 'appcat-control' }, data: { billingDisabled: 'true' } });

    // The child, as the provider reports the ConfigMap the parent wrote.
    const pg = await runPostgreSQL(postgresqlRequest(xr, configMap));
    expect(getString(pg.desired?.resources?.['instance-namespace']?.resource, 'spec.forProvider.manifest.metadata.name')).toBe(pgNamespace);
    expect(billingLabel(pg)).toBe('');

    // The parent, once its own (empty) billing ConfigMap is observed.
    expect(billingLabel(await runKeycloak(running.request))).toBe('appcat-keycloak');
  });

  test('a standalone PostgreSQL, whose ConfigMap has no billingDisabled, is billed', async () => {
    const xr = (await runKeycloak(first.request)).desired?.resources?.['postgresql']?.resource as KubeObject;
    const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `vshn-postgresql-${xr.metadata?.name}`, namespace: 'appcat-control' } };
    expect(billingLabel(await runPostgreSQL(postgresqlRequest(xr, configMap)))).toBe('appcat-postgresql');
  });

  test('the billing-chain example renders exactly the XR the Keycloak example emits', () => {
    const golden = readYamlDocuments(join(root, 'examples', 'keycloak', 'empty', '1-first-reconcile', 'expected.yaml')).find((d) => d['kind'] === 'XVSHNPostgreSQL');
    const [example] = readYamlDocuments(join(root, 'examples', 'keycloak', 'billing-chain', 'nested-postgresql', 'xr.yaml'));
    const { uid, ...metadata } = (example?.['metadata'] ?? {}) as JsonObject;
    expect(uid).toEqual(expect.any(String));
    expect({ ...example, metadata }).toEqual(golden);
  });
});
