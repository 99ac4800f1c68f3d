// Deletion protection against a real kube-apiserver (packages/testenv): the
// catalog's ValidatingAdmissionPolicy refuses to delete a claim or composite
// whose spec.parameters.security.deletionProtection is on (the default), one
// by one or by collection, says how to turn it off, and lets the delete
// through once it is off. A composite another composite controls is
// protected through its parent.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { parse, stringify } from 'yaml';
import { startTestEnv, type TestEnv } from '@appcat/testenv';
import { readYamlDocuments, type KubeObject } from '@appcat/runtime';
import { repoRoot } from '@appcat/catalog';
import { claimCRD, compositeCRD } from '../src/index.js';
import { call, messageOf, Paths, type Reply } from './kube.js';

const root = repoRoot();
let env: TestEnv | undefined;
let admin: KubeConfig;
let paths: Paths;
let derived: string | undefined;

async function must(reply: Promise<Reply>, what: string, ok = [200, 201]): Promise<Reply> {
  const r = await reply;
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status}: ${messageOf(r)}`);
  return r;
}

async function pathOf(obj: KubeObject): Promise<string> {
  return `${await paths.collection(obj)}/${obj.metadata?.name ?? ''}`;
}

const create = async (obj: KubeObject): Promise<Reply> => must(call(admin, 'POST', await paths.collection(obj), obj), `create ${obj.kind}`);
const remove = async (obj: KubeObject, dryRun = false): Promise<Reply> => call(admin, 'DELETE', `${await pathOf(obj)}${dryRun ? '?dryRun=All' : ''}`);
const protection = async (obj: KubeObject, on: boolean): Promise<Reply> =>
  must(
    call(admin, 'PATCH', await pathOf(obj), { spec: { parameters: { security: { deletionProtection: on } } } }, 'application/merge-patch+json'),
    `patch ${obj.kind}`,
  );
const exists = async (obj: KubeObject): Promise<boolean> => (await call(admin, 'GET', await pathOf(obj))).status === 200;

const claimOf = (file: string): KubeObject => parse(readFileSync(join(root, 'examples', file), 'utf8')) as KubeObject;

function composite(kind: string, apiVersion: string, name: string, extra: Partial<KubeObject> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name }, spec: {}, ...extra };
}

beforeAll(async () => {
  env = await startTestEnv();
  admin = env.adminClient();
  paths = new Paths(admin);
  derived = mkdtempSync(join(tmpdir(), 'appcat-protection-'));
  for (const file of ['vshn-postgresql.yaml', 'objectbucket.yaml', 'keycloak.yaml', 'exoscale-postgresql.yaml']) {
    for (const xrd of readYamlDocuments(join(root, 'xrds', file))) {
      const docs = [compositeCRD(xrd), claimCRD(xrd)].filter((d) => d !== undefined);
      writeFileSync(join(derived, file), docs.map((d) => `---\n${stringify(d)}`).join(''));
    }
  }
  await env.installCRDs(derived);
  for (const doc of readYamlDocuments(join(root, 'admission', 'deletion-protection.yaml'))) await create(doc as unknown as KubeObject);
  await must(call(admin, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'finance' } }), 'namespace');
  // The policy takes effect once the API server has compiled it: a dry-run delete of a protected canary is refused.
  const canary = composite('XObjectBucket', 'appcat.vshn.io/v1', 'canary');
  await create(canary);
  for (let i = 0; i < 200 && (await remove(canary, true)).status < 300; i++) await new Promise((r) => setTimeout(r, 100));
}, 180_000);

afterAll(async () => {
  await env?.stop();
  if (derived) rmSync(derived, { recursive: true, force: true });
});

test('a protected claim cannot be deleted; the API server says how to turn protection off', async () => {
  const claim = claimOf('vshn-postgresql/claims/protected.yaml');
  await create(claim);
  const refused = await remove(claim);
  expect(refused.status).toBe(403);
  expect(messageOf(refused)).toContain(
    'VSHNPostgreSQL finance/payroll is protected from deletion: set spec.parameters.security.deletionProtection to false, then delete it',
  );
  expect(await exists(claim)).toBe(true);
});

test('protection turned off, the claim is deleted', async () => {
  const claim = claimOf('vshn-postgresql/claims/protected.yaml');
  await protection(claim, false);
  expect((await remove(claim)).status).toBe(200);
  expect(await exists(claim)).toBe(false);
});

test('an empty claim is protected: protection defaults to on', async () => {
  const claim = { ...claimOf('vshn-postgresql/claims/empty.yaml'), metadata: { name: 'orders-db', namespace: 'finance' } };
  await create(claim);
  expect((await remove(claim)).status).toBe(403);
  await protection(claim, false);
  expect((await remove(claim)).status).toBe(200);
});

test('deleting every claim of a namespace at once spares the protected ones', async () => {
  const kept = { ...claimOf('objectbucket/claims/full.yaml'), metadata: { name: 'kept', namespace: 'finance' } };
  const open = { ...claimOf('objectbucket/claims/full.yaml'), metadata: { name: 'open', namespace: 'finance' } };
  await create(kept);
  await create({ ...open, spec: { parameters: { security: { deletionProtection: false } } } });
  const reply = await call(admin, 'DELETE', await paths.collection(kept));
  expect(reply.status).toBe(403);
  expect(messageOf(reply)).toContain('ObjectBucket finance/kept is protected from deletion');
  expect(await exists(kept)).toBe(true);
});

test('a composite is protected too; the message names its claim, where users turn protection off', async () => {
  const xr = composite('XVSHNPostgreSQL', 'vshn.appcat.vshn.io/v1', 'ledger-db-9p2mq', {
    spec: { claimRef: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'VSHNPostgreSQL', name: 'ledger', namespace: 'finance' } },
  });
  await create(xr);
  const refused = await remove(xr);
  expect(refused.status).toBe(403);
  expect(messageOf(refused)).toContain(
    'XVSHNPostgreSQL ledger-db-9p2mq is protected from deletion: set spec.parameters.security.deletionProtection to false on its claim finance/ledger, then delete it',
  );
  await protection(xr, false);
  expect((await remove(xr)).status).toBe(200);
});

test('a composite that another composite controls is deleted with its parent, whatever its own setting', async () => {
  const parent = composite('XVSHNPostgreSQL', 'vshn.appcat.vshn.io/v1', 'parent');
  const { body } = await create(parent);
  const uid = (body as KubeObject).metadata?.uid ?? '';
  const owner = { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'XVSHNPostgreSQL', name: 'parent', uid, controller: true };
  const bucket = composite('XObjectBucket', 'appcat.vshn.io/v1', 'parent-backup', { metadata: { name: 'parent-backup', ownerReferences: [owner] } });
  await create(bucket);
  expect((await remove(bucket)).status).toBe(200);
  expect((await remove(parent)).status).toBe(403);
});

test('Keycloak is protected by default too; a kind whose XRD has no deletionProtection field (ExoscalePostgreSQL) is not', async () => {
  const keycloak = composite('XVSHNKeycloak', 'vshn.appcat.vshn.io/v1', 'sso');
  await create(keycloak);
  expect((await remove(keycloak)).status).toBe(403);
  await protection(keycloak, false);
  expect((await remove(keycloak)).status).toBe(200);
  const exoscale = composite('XExoscalePostgreSQL', 'exoscale.appcat.vshn.io/v1', 'reports');
  await create(exoscale);
  expect((await remove(exoscale)).status).toBe(200);
});
