// The generated CRDs on the real API server: every field the API names is
// accepted under strict field validation, unknown ones are refused, status is
// a subresource and the printer columns are served.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { type RequestOptions, request } from 'node:https';
import { ApiException, CoreV1Api, CustomObjectsApi, type KubernetesObject, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { type TestEnv, startTestEnv } from '@appcat/testenv';
import { parseAllDocuments } from 'yaml';
import { GROUP, VERSION } from '../src/api/schema.js';
import { readYaml } from './harness.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const crdDir = join(import.meta.dirname, '..', 'deploy', 'crds');
const fixtures = parseAllDocuments(readFileSync(join(import.meta.dirname, 'fixtures', 'every-field.yaml'), 'utf8')).map(
  (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> },
);

describe('Plug and Socket CRDs', () => {
  let env: TestEnv | undefined;
  let api: CustomObjectsApi;

  beforeAll(async () => {
    env = await startTestEnv();
    await env.installCRDs(crdDir);
    api = env.makeClient(CustomObjectsApi);
  });
  afterAll(async () => {
    await env?.stop();
  });

  const plural = (kind: string): string => `${kind.toLowerCase()}s`;

  it.each(fixtures.map((f) => [f.kind, f] as const))('accepts a %s with every field under strict validation', async (kind, body) => {
    const created = (await api.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'default',
      plural: plural(kind),
      body,
      fieldValidation: 'Strict',
    })) as { spec: unknown };
    expect(created.spec).toEqual(body.spec);
  });

  it('refuses an unknown field and a bad enum', async () => {
    const reject = async (spec: Record<string, unknown>): Promise<number> => {
      try {
        const body = { apiVersion: `${GROUP}/${VERSION}`, kind: 'Plug', metadata: { generateName: 'bad-' }, spec };
        await api.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: 'default',
          plural: 'plugs',
          body,
          fieldValidation: 'Strict',
        });
        return 201;
      } catch (err) {
        if (err instanceof ApiException) return err.code;
        throw err;
      }
    };
    expect(await reject({ socket: { name: 's' }, retainWhenDecoupled: true })).toBe(400);
    expect(await reject({ socket: { name: 's' }, resources: [{ when: ['joined'] }] })).toBe(422);
    expect(await reject({ config: {} })).toBe(422);
  });

  it('keeps status in a subresource', async () => {
    const status = {
      created: true,
      conditions: [{ type: 'Coupled', status: 'False', reason: 'SocketNotFound', message: 'm', lastTransitionTime: new Date().toISOString() }],
    };
    const request = { group: GROUP, version: VERSION, namespace: 'default', plural: 'plugs', name: 'every-field', body: { status } };
    // A status written through the main resource is ignored ...
    const viaSpec = (await api.patchNamespacedCustomObject(request, mergePatch)) as { status?: unknown };
    expect(viaSpec.status).toBeUndefined();
    // ... and kept through /status.
    const viaStatus = (await api.patchNamespacedCustomObjectStatus(request, mergePatch)) as { status?: unknown };
    expect(viaStatus.status).toEqual(status);
  });

  it('accepts the deploy manifests in a strict server-side dry run', async () => {
    const docs = readYaml(join(crdDir, '..', 'operator.yaml'));
    expect(docs.map((d) => d.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
      'Deployment',
    ]);
    const deployment = docs.find((d) => d.kind === 'Deployment') as { spec: { replicas: number } };
    expect(deployment.spec.replicas).toBe(2);
    const role = docs.find((d) => d.kind === 'ClusterRole') as unknown as { rules: { verbs: string[] }[] };
    expect(role.rules.filter((r) => r.verbs.includes('impersonate'))).toEqual([
      { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
    ]);
    // The namespace has to exist for the namespaced objects' dry run.
    await env!.makeClient(CoreV1Api).createNamespace({ body: { metadata: { name: 'integration-system' } } });
    for (const doc of docs.filter((d) => d.kind !== 'Namespace')) expect(await strictDryRun(env!, doc)).toEqual({ status: 201, message: '' });
    // Strict means strict: an unknown field is refused.
    const broken = { ...deployment, spec: { ...deployment.spec, replica: 2 } };
    expect(await strictDryRun(env!, broken as unknown as KubernetesObject)).toEqual({
      status: 400,
      message: expect.stringContaining('unknown field "spec.replica"') as string,
    });
  });
});

const collections: Record<string, string> = {
  ServiceAccount: '/api/v1/namespaces/NS/serviceaccounts',
  ClusterRole: '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  ClusterRoleBinding: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  Role: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/roles',
  RoleBinding: '/apis/rbac.authorization.k8s.io/v1/namespaces/NS/rolebindings',
  Deployment: '/apis/apps/v1/namespaces/NS/deployments',
};

/** Creates the object with dryRun=All and fieldValidation=Strict (client-node offers no strict validation for any kind). */
async function strictDryRun(env: TestEnv, doc: KubernetesObject): Promise<{ status: number; message: string }> {
  const collection = collections[doc.kind ?? '']!.replace('NS', doc.metadata?.namespace ?? '');
  const kc = env.adminClient();
  const opts: RequestOptions = { method: 'POST', headers: { 'content-type': 'application/json' } };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(`${env.server}${collection}?dryRun=All&fieldValidation=Strict`);
  return new Promise((resolve, reject) => {
    const req = request(url, opts, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ status, message: status === 201 ? '' : ((JSON.parse(body) as { message?: string }).message ?? body) });
      });
    });
    req.on('error', reject);
    req.end(JSON.stringify(doc));
  });
}
