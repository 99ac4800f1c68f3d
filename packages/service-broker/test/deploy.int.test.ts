// The deploy manifests and the claims of every plan against the real API
// server: a strict server-side dry run (unknown fields are errors).
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { claimParameters } from '../src/parameters.js';
import { claimName, connectionSecretName } from '../src/placement.js';
import { messageOf } from '../src/kube.js';
import { packageDir, services, str } from './helpers.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let started: Harness | undefined;

beforeAll(async () => {
  started = await startHarness();
  h = started;
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

const STRICT_DRY_RUN = 'dryRun=All&fieldValidation=Strict';
const PLURALS: Record<string, string> = {
  Namespace: 'namespaces',
  ServiceAccount: 'serviceaccounts',
  ClusterRole: 'clusterroles',
  ClusterRoleBinding: 'clusterrolebindings',
  Deployment: 'deployments',
  Service: 'services',
};

function collection(doc: JsonObject): string {
  const apiVersion = typeof doc['apiVersion'] === 'string' ? doc['apiVersion'] : '';
  const kind = typeof doc['kind'] === 'string' ? doc['kind'] : '';
  const ns = isObject(doc['metadata']) && typeof doc['metadata']['namespace'] === 'string' ? doc['metadata']['namespace'] : undefined;
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const plural = PLURALS[kind];
  if (plural === undefined) throw new Error(`deploy/ has a ${kind}; add its resource name here`);
  return ns !== undefined ? `${base}/namespaces/${ns}/${plural}` : `${base}/${plural}`;
}

const manifests = readYamlDocuments(join(packageDir, 'deploy', 'service-broker.yaml'));

test('every deploy manifest passes a strict server-side dry run', async () => {
  const failures: string[] = [];
  for (const doc of manifests) {
    // The harness created the namespace, service account and RBAC for real; a dry run of an existing object is a create conflict.
    const existing = ['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding'].includes(str(doc['kind']));
    const metadata = isObject(doc['metadata']) ? doc['metadata'] : {};
    const probe = existing ? { ...doc, metadata: { ...metadata, name: `dry-run-${str(metadata['name'])}` } } : doc;
    const reply = await h.admin.request('POST', `${collection(probe)}?${STRICT_DRY_RUN}`, probe);
    if (reply.status !== 201) failures.push(`${str(doc['kind'])} ${str(metadata['name'])}: ${reply.status} ${messageOf(reply)}`);
  }
  expect(failures).toEqual([]);
});

test('the strict dry run rejects an unknown field (so the test above can fail)', async () => {
  const deployment = manifests.find((d) => d['kind'] === 'Deployment');
  expect(deployment).toBeDefined();
  const bad = { ...deployment, spec: { ...(deployment?.['spec'] as JsonObject), replica: 3 } };
  const reply = await h.admin.request('POST', `${collection(bad)}?${STRICT_DRY_RUN}`, bad);
  expect(reply.status).toBe(400);
  expect(messageOf(reply)).toContain('unknown field "spec.replica"');
});

test('the Deployment runs two non-root replicas with probes and the credentials from a Secret', () => {
  const d = manifests.find((x) => x['kind'] === 'Deployment') as { spec: { replicas: number; template: { spec: JsonObject } } } | undefined;
  expect(d?.spec.replicas).toBe(2);
  const pod = d?.spec.template.spec ?? {};
  expect(pod['securityContext']).toMatchObject({ runAsNonRoot: true });
  const container = (pod['containers'] as JsonObject[])[0] ?? {};
  expect(container['readinessProbe']).toMatchObject({ httpGet: { path: '/readyz' } });
  expect(container['livenessProbe']).toMatchObject({ httpGet: { path: '/healthz' } });
  expect(container['securityContext']).toMatchObject({
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(JSON.stringify(pod['volumes'])).toContain('service-broker-credentials');
});

test('the RBAC grants the claim kinds of the catalog and Secrets, nothing else', () => {
  const role = manifests.find((x) => x['kind'] === 'ClusterRole') as
    { rules: { apiGroups: string[]; resources: string[]; verbs: string[] }[] } | undefined;
  const granted = (role?.rules ?? []).flatMap((r) => r.apiGroups.flatMap((g) => r.resources.map((res) => `${g}/${res}`))).sort();
  const claims = services().map((s) => `${s.claim.group}/${s.claim.plural}`);
  expect(granted).toEqual([...claims, '/namespaces', '/secrets'].sort());
  for (const r of role?.rules ?? []) expect(r.verbs).not.toContain('*');
  expect((role?.rules ?? []).find((r) => r.resources.includes('secrets'))?.verbs).not.toContain('list');
});

test("every plan's claim, made from the plan alone, passes a strict dry run against its claim CRD", async () => {
  await h.admin.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'plan-check' } });
  const failures: string[] = [];
  let checked = 0;
  for (const s of services()) {
    for (const p of s.plans) {
      const name = claimName(randomUUID());
      const claim = {
        apiVersion: `${s.claim.group}/${s.claim.version}`,
        kind: s.claim.kind,
        metadata: { name, namespace: 'plan-check' },
        spec: { parameters: claimParameters(p, {}), writeConnectionSecretToRef: { name: connectionSecretName(name) } },
      };
      const reply = await h.admin.request(
        'POST',
        `/apis/${s.claim.group}/${s.claim.version}/namespaces/plan-check/${s.claim.plural}?${STRICT_DRY_RUN}`,
        claim,
      );
      checked++;
      if (reply.status !== 201) failures.push(`${s.name}/${p.name}: ${messageOf(reply)}`);
    }
  }
  expect(checked).toBeGreaterThanOrEqual(12);
  expect(failures).toEqual([]);
});
