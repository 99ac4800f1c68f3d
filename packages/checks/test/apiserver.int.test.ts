// The catalog against a real kube-apiserver (packages/testenv): Crossplane's
// own schemas accept our XRDs, Compositions and Functions; the real provider
// and operator CRDs accept every composed resource of every golden, and the
// manifest inside every provider-kubernetes Object, in a strict server-side
// dry run; the claim CRDs accept every example claim; RBAC is enforced.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { startTestEnv, type TestEnv } from '@appcat/testenv';
import { getString, isObject, readYamlDocuments, type KubeObject } from '@appcat/runtime';
import { findExamples, loadStageCases, materialiseCRDs, repoRoot, requestForCase } from '@appcat/catalog';
import { runFunction as runPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import { claimCRD, composedResources, compositeCRD } from '../src/index.js';
import { call, messageOf, Paths } from './kube.js';

const root = repoRoot();
let crds: string;
const STRICT = 'fieldValidation=Strict';

let env: TestEnv | undefined;
let admin: KubeConfig;
let paths: Paths;
let derived: string;

/** Creates `obj` (or with dryRun, only validates it); returns the API server's complaint, if any. */
async function create(kc: KubeConfig, obj: KubeObject, dryRun: boolean): Promise<{ status: number; message: string }> {
  const reply = await call(kc, 'POST', `${await paths.collection(obj)}?${STRICT}${dryRun ? '&dryRun=All' : ''}`, obj);
  return { status: reply.status, message: reply.status < 300 ? '' : messageOf(reply) };
}

async function ensureNamespace(name: string): Promise<void> {
  const reply = await call(admin, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  if (reply.status !== 201 && reply.status !== 409) throw new Error(`namespace ${name}: ${messageOf(reply)}`);
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
}

beforeAll(async () => {
  crds = await materialiseCRDs();
  env = await startTestEnv();
  admin = env.adminClient();
  paths = new Paths(admin);
  await env.installCRDs(join(crds, 'crossplane'));
  // One Crossplane version per API server; the Object CRD's conversion webhook needs a running provider.
  const providers = readdirSync(crds)
    .filter((d) => !d.startsWith('crossplane') && statSync(join(crds, d)).isDirectory())
    .map((d) => join(crds, d));
  await env.installCRDs(providers, {
    transform: (crd) =>
      crd.metadata.name === 'objects.kubernetes.crossplane.io' ? { ...crd, spec: { ...crd.spec, conversion: { strategy: 'None' } } } : crd,
  });
  // The composite and claim CRDs Crossplane would derive from our XRDs.
  derived = mkdtempSync(join(tmpdir(), 'appcat-xcrds-'));
  for (const file of yamlFiles(join(root, 'xrds'))) {
    for (const xrd of readYamlDocuments(file)) {
      const docs = [compositeCRD(xrd), claimCRD(xrd)].filter((d) => d !== undefined);
      writeFileSync(join(derived, `${getString(xrd, 'metadata.name') ?? 'xrd'}.yaml`), docs.map((d) => `---\n${stringify(d)}`).join(''));
    }
  }
  await env.installCRDs(derived);
  // The functions' input CRDs, as their packages ship them.
  await env.installCRDs(
    readdirSync(join(root, 'packages'))
      .map((p) => join(root, 'packages', p, 'package', 'input'))
      .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory()),
  );
}, 180_000);

afterAll(async () => {
  await env?.stop();
  if (derived) rmSync(derived, { recursive: true, force: true });
});

test("Crossplane's schemas accept every XRD, Composition and Function", async () => {
  const docs = [...yamlFiles(join(root, 'xrds')), ...yamlFiles(join(root, 'compositions'))].flatMap((f) =>
    readYamlDocuments(f).map((d) => ({ f, d: d as unknown as KubeObject })),
  );
  expect(docs.length).toBeGreaterThan(5);
  const failures: string[] = [];
  for (const { f, d } of docs) {
    const { status, message } = await create(admin, d, false);
    if (status !== 201) failures.push(`${f.slice(root.length + 1)} ${d.kind} ${d.metadata?.name ?? ''}: ${message}`);
  }
  expect(failures).toEqual([]);
});

test("every composition step's input passes a strict dry run against its function's input CRD", async () => {
  await ensureNamespace('inputs');
  const inputs = yamlFiles(join(root, 'compositions'))
    .flatMap((f) => readYamlDocuments(f))
    .filter((d) => d['kind'] === 'Composition')
    .flatMap((c) => (isObject(c['spec']) && Array.isArray(c['spec']['pipeline']) ? c['spec']['pipeline'] : []))
    .flatMap((step) =>
      isObject(step) && isObject(step['input']) ? [{ step: getString(step, 'step') ?? '', input: step['input'] as unknown as KubeObject }] : [],
    );
  expect(inputs.length).toBeGreaterThanOrEqual(4);
  const failures: string[] = [];
  for (const [i, { step, input }] of inputs.entries()) {
    const { status, message } = await create(admin, { ...input, metadata: { name: `input-${i}`, namespace: 'inputs' } }, true);
    if (status !== 201) failures.push(`step ${step}: ${message}`);
  }
  expect(failures).toEqual([]);
});

test('every composed resource of every golden, and every Object manifest, passes a strict dry run', async () => {
  const objects: { where: string; obj: KubeObject }[] = [];
  const observed: { where: string; obj: KubeObject }[] = [];
  for (const c of findExamples(root)) {
    let text: string;
    try {
      text = readFileSync(c.expectedOutput, 'utf8');
    } catch {
      continue; // a case that must fail to render
    }
    for (const r of composedResources(text)) {
      objects.push({ where: c.id, obj: r });
      const spec = isObject(r['spec']) ? r['spec'] : undefined;
      const manifest = r.kind === 'Object' && spec && isObject(spec['forProvider']) ? spec['forProvider']['manifest'] : undefined;
      // An observe-only manifest only names what provider-kubernetes reads (a Service StackGres creates); it is never applied.
      const observeOnly = JSON.stringify(spec?.['managementPolicies']) === '["Observe"]';
      if (isObject(manifest) && observeOnly)
        observed.push({ where: `${c.id} (in Object ${r.metadata?.name ?? ''})`, obj: manifest as unknown as KubeObject });
      else if (isObject(manifest)) objects.push({ where: `${c.id} (in Object ${r.metadata?.name ?? ''})`, obj: manifest as unknown as KubeObject });
    }
  }
  expect(objects.length).toBeGreaterThan(100);
  // Namespaces first, while none exists; then the namespaces everything else lives in.
  const isNamespace = (o: { obj: KubeObject }): boolean => o.obj.apiVersion === 'v1' && o.obj.kind === 'Namespace';
  const failures: string[] = [];
  const check = async ({ where, obj }: { where: string; obj: KubeObject }): Promise<void> => {
    const { status, message } = await create(admin, obj, true);
    if (status !== 201) failures.push(`${where}: ${obj.kind} ${obj.metadata?.name ?? ''}: HTTP ${status}: ${message}`);
  };
  for (const o of objects.filter(isNamespace)) await check(o);
  for (const ns of new Set(objects.map((o) => o.obj.metadata?.namespace).filter((n): n is string => !!n))) await ensureNamespace(ns);
  for (const o of objects.filter((o) => !isNamespace(o))) await check(o);
  for (const { where, obj } of observed) {
    // Its kind is served, and it names what it reads.
    await paths.collection(obj).catch((err: unknown) => failures.push(`${where}: ${String(err)}`));
    if (!obj.metadata?.name) failures.push(`${where}: ${obj.kind} names no object`);
  }
  expect(failures).toEqual([]);
}, 120_000);

test('a field the real CRD does not know is rejected by the strict dry run', async () => {
  await ensureNamespace('dry-run-check');
  const { status, message } = await create(
    admin,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGInstanceProfile',
      metadata: { name: 'x', namespace: 'dry-run-check' },
      spec: { cpu: '1', memory: '1Gi', cpus: '2' },
    },
    true,
  );
  expect(status).toBe(400);
  expect(message).toContain('unknown field "spec.cpus"');
});

test('every example claim passes a strict dry run against its claim CRD', async () => {
  const claims = readdirSync(join(root, 'examples'))
    .map((svc) => join(root, 'examples', svc, 'claims'))
    .filter((d) => statSync(d, { throwIfNoEntry: false })?.isDirectory())
    .flatMap((d) => yamlFiles(d).flatMap((f) => readYamlDocuments(f) as unknown as KubeObject[]));
  expect(claims.length).toBeGreaterThan(3);
  const failures: string[] = [];
  for (const claim of claims) {
    await ensureNamespace(claim.metadata?.namespace ?? 'default');
    const { status, message } = await create(admin, claim, true);
    if (status !== 201) failures.push(`${claim.kind} ${claim.metadata?.name ?? ''}: ${message}`);
  }
  expect(failures).toEqual([]);
});

test('a user without rights gets 403 from the real API server, the admin succeeds, and RBAC grants', async () => {
  await ensureNamespace('rbac-check');
  const claim = (name: string): KubeObject => ({
    apiVersion: 'vshn.appcat.vshn.io/v1',
    kind: 'VSHNPostgreSQL',
    metadata: { name, namespace: 'rbac-check' },
    spec: {},
  });
  const alice = await env!.userKubeConfig('alice', ['developers']);

  const denied = await create(alice, claim('alices'), false);
  expect(denied.status).toBe(403);
  expect(denied.message).toContain(
    'User "alice" cannot create resource "vshnpostgresqls" in API group "vshn.appcat.vshn.io" in the namespace "rbac-check"',
  );
  expect((await create(admin, claim('admins'), false)).status).toBe(201);

  const role = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name: 'databases', namespace: 'rbac-check' },
    rules: [{ apiGroups: ['vshn.appcat.vshn.io'], resources: ['vshnpostgresqls'], verbs: ['create', 'get'] }],
  };
  const binding = {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'developers-databases', namespace: 'rbac-check' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'databases' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'developers' }],
  };
  expect((await create(admin, role, false)).status).toBe(201);
  expect((await create(admin, binding, false)).status).toBe(201);
  // RBAC changes reach the authorizer through its informers; give it a moment.
  let granted = await create(alice, claim('alices'), false);
  for (let i = 0; i < 50 && granted.status === 403; i++) {
    await new Promise((r) => setTimeout(r, 100));
    granted = await create(alice, claim('alices'), false);
  }
  expect(granted.status).toBe(201);
});

test('the SGDbOps the maintenance job of VSHNPostgreSQL creates pass a strict dry run in its namespace', async () => {
  const golden = readFileSync(join(root, 'examples', 'vshn-postgresql', 'full', '4-cluster-ready', 'expected.yaml'), 'utf8');
  const ops = composedResources(golden)
    .map((r) => (isObject(r['spec']) && isObject(r['spec']['forProvider']) ? r['spec']['forProvider']['manifest'] : undefined))
    .find(
      (m): m is KubeObject & { data: Record<string, string> } =>
        isObject(m) && m['kind'] === 'ConfigMap' && getString(m, 'metadata.name') === 'maintenance',
    );
  expect(Object.keys(ops?.data ?? {}).sort()).toEqual(['repack.json', 'vacuum.json']);
  const namespace = ops?.metadata?.namespace ?? '';
  await ensureNamespace(namespace);
  const failures: string[] = [];
  for (const [file, text] of Object.entries(ops?.data ?? {})) {
    const op = JSON.parse(text) as KubeObject;
    const { status, message } = await create(admin, { ...op, metadata: { ...op.metadata, namespace } }, true);
    if (status !== 201) failures.push(`${file}: HTTP ${status}: ${message}`);
  }
  expect(failures).toEqual([]);
});

test('every Object manifest the VSHNPostgreSQL table cases compose (settings no example renders) passes a strict dry run', async () => {
  const cases = loadStageCases(join(root, 'packages', 'function-vshn-postgresql', 'test', 'cases'));
  const failures: string[] = [];
  let checked = 0;
  for (const c of cases) {
    const rsp = await runPostgreSQL(requestForCase(c, 'function-appcat-vshn-postgresql'));
    for (const [name, r] of Object.entries(rsp.desired?.resources ?? {})) {
      const object = r.resource as KubeObject | undefined;
      const spec = isObject(object?.['spec']) ? object['spec'] : undefined;
      const manifest = object?.kind === 'Object' && spec && isObject(spec['forProvider']) ? spec['forProvider']['manifest'] : undefined;
      if (!isObject(manifest) || JSON.stringify(spec?.['managementPolicies']) === '["Observe"]') continue;
      const obj = manifest as unknown as KubeObject;
      if (obj.metadata?.namespace) await ensureNamespace(obj.metadata.namespace);
      const { status, message } = await create(admin, obj, true);
      checked++;
      // An instance namespace exists already: the objects in it needed it.
      if (status !== 201 && !(status === 409 && obj.kind === 'Namespace'))
        failures.push(`${c.file} ${name}: ${obj.kind}: HTTP ${status}: ${message}`);
    }
  }
  expect(checked).toBeGreaterThan(200);
  expect(failures).toEqual([]);
}, 120_000);
