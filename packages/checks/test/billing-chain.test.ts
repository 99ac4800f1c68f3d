// Billing across nested services, in-process: the Keycloak function composes a nested
// XVSHNPostgreSQL and, in the same response, the ConfigMap that disables its
// billing; the VSHNPostgreSQL function, given that XR and that ConfigMap as
// observed, leaves its instance namespace unbilled. Keycloak's own namespace
// is billed, and a standalone PostgreSQL is billed too.
import { join } from 'node:path';
import { vshnPostgreSQL } from '@appcat/appcat';
import { exampleAt, repoRoot, requestForExample, stepInput } from '@appcat/catalog';
import { runFunction as runKeycloak } from '@appcat/function-keycloak/function';
import { runFunction as runPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import {
  getObject,
  getString,
  readYamlDocuments,
  RunFunctionRequest,
  type JsonObject,
  type KubeObject,
  type RunFunctionResponse,
} from '@appcat/runtime';

const root = repoRoot();
const keycloakStage = (stage: string): RunFunctionRequest =>
  requestForExample(exampleAt(root, `examples/keycloak/empty/${stage}`), 'function-appcat-keycloak');
const BILLING = 'appuio.io/billing-name';

/** The input the vshn-postgresql composition gives its function. */
const postgresqlInput = (): JsonObject =>
  stepInput(exampleAt(root, 'examples/vshn-postgresql/empty/1-first-reconcile'), 'function-appcat-vshn-postgresql');

/** The billing label of the instance namespace a response desires. */
function billingLabel(rsp: RunFunctionResponse): string | undefined {
  const labels = getObject(rsp.desired?.resources['instance-namespace']?.resource, 'spec.forProvider.manifest.metadata.labels');
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
    observed: {
      composite: { resource: { ...xr, metadata: { ...xr.metadata, uid: '9d4e7b21-6c3a-4f85-b0d2-1e8a5c7f3b96' } } },
      resources: { 'billing-config': { resource: billingConfig } },
    },
    input: postgresqlInput(),
  });
}

describe('billing of the nested PostgreSQL', () => {
  const first = { request: keycloakStage('1-first-reconcile') };
  const running = { request: keycloakStage('2-database-ready') };

  test('Keycloak disables the billing of the PostgreSQL it composes, in the same response, and is billed itself', async () => {
    const kc = await runKeycloak(first.request);
    const resources = kc.desired?.resources ?? {};
    const xr = resources['postgresql']?.resource as KubeObject;
    expect(xr.kind).toBe('XVSHNPostgreSQL');
    const pgNamespace = vshnPostgreSQL.instanceNamespace(xr.metadata?.name ?? '');
    const configMap = getObject(resources[`billing-disabled-${pgNamespace}`]?.resource, 'spec.forProvider.manifest')!;
    expect(configMap).toMatchObject({
      kind: 'ConfigMap',
      metadata: { name: pgNamespace, namespace: 'appcat-control' },
      data: { billingDisabled: 'true' },
    });

    // The child, as the provider reports the ConfigMap the parent wrote.
    const pg = await runPostgreSQL(postgresqlRequest(xr, configMap));
    expect(getString(pg.desired?.resources['instance-namespace']?.resource, 'spec.forProvider.manifest.metadata.name')).toBe(pgNamespace);
    expect(billingLabel(pg)).toBe('');

    // The parent, once its own (empty) billing ConfigMap is observed.
    expect(billingLabel(await runKeycloak(running.request))).toBe('appcat-keycloak');
  });

  test('a standalone PostgreSQL, whose ConfigMap has no billingDisabled, is billed', async () => {
    const xr = (await runKeycloak(first.request)).desired?.resources['postgresql']?.resource as KubeObject;
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: vshnPostgreSQL.instanceNamespace(xr.metadata?.name ?? ''), namespace: 'appcat-control' },
    };
    expect(billingLabel(await runPostgreSQL(postgresqlRequest(xr, configMap)))).toBe('appcat-postgresql');
  });

  test('the billing-chain example renders exactly the XR the Keycloak example emits', () => {
    const golden = readYamlDocuments(join(root, 'examples', 'keycloak', 'empty', '1-first-reconcile', 'expected.yaml')).find(
      (d) => d['kind'] === 'XVSHNPostgreSQL',
    );
    const [example] = readYamlDocuments(join(root, 'examples', 'keycloak', 'billing-chain', 'nested-postgresql', 'xr.yaml'));
    const { uid, ...metadata } = (example?.['metadata'] ?? {}) as JsonObject;
    expect(uid).toEqual(expect.any(String));
    expect({ ...example, metadata }).toEqual(golden);
  });
});
