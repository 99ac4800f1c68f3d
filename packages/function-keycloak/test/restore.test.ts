// The restore path up to the nested PostgreSQL: the source claim and then
// its database read through observe-only Objects, no database before both
// are read, the source's database named for the nested restore, and an
// existing database kept as it was created when its source disappears.
import { requestForCase, type StagePatch } from '@appcat/catalog';
import { createFunction, getObject, getString, RunFunctionRequest, Severity, type JsonObject } from '@appcat/runtime';
import { ownerLabels } from '@appcat/appcat';
import { inputSchema, parametersSchema } from '../src/generated.js';
import { composePostgreSQL } from '../src/postgresql.js';
import { composeRestoreSource, RESTORE_SOURCE, RESTORE_SOURCE_DATABASE } from '../src/restore.js';

const run = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'restore-source', run: composeRestoreSource },
    { name: 'postgresql', run: composePostgreSQL },
  ],
});

const restore = { claimName: 'sso-old', backupName: 'sso-old-pg-2026-11-30', recoveryTimeStamp: '2026-11-30T12:00:00Z' };
const source = (status: JsonObject): JsonObject => ({
  apiVersion: 'kubernetes.crossplane.io/v1alpha2',
  kind: 'Object',
  metadata: { name: 'sso-7hd2k-restore-source', annotations: { 'crossplane.io/composition-resource-name': RESTORE_SOURCE } },
  spec: {
    forProvider: { manifest: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'VSHNKeycloak', metadata: { name: 'sso-old', namespace: 'identity' } } },
  },
  status,
});

const sourceDatabase = (annotations: Record<string, string>): JsonObject => ({
  apiVersion: 'kubernetes.crossplane.io/v1alpha2',
  kind: 'Object',
  metadata: { name: 'sso-7hd2k-restore-source-database', annotations: { 'crossplane.io/composition-resource-name': RESTORE_SOURCE_DATABASE } },
  spec: { forProvider: { manifest: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'XVSHNPostgreSQL', metadata: { name: 'sso-old-x2k4q-pg' } } } },
  status: {
    atProvider: { manifest: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'XVSHNPostgreSQL', metadata: { name: 'sso-old-x2k4q-pg', annotations } } },
  },
});
const sourceFound = source({
  atProvider: { manifest: { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'VSHNKeycloak', spec: { resourceRef: { name: 'sso-old-x2k4q' } } } },
});

async function respond(stage: string, patch: StagePatch) {
  const req: RunFunctionRequest = requestForCase(
    { file: 'restore', path: '', reason: '', stage, patch: { composite: { spec: { parameters: { restore } } }, ...patch } },
    'function-appcat-keycloak',
  );
  return run(req);
}

test('the source claim is observed, never managed, in the claim namespace', async () => {
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', {});
  const object = rsp.desired?.resources[RESTORE_SOURCE]?.resource;
  expect(getObject(object, 'spec')?.['managementPolicies']).toEqual(['Observe']);
  expect(getObject(object, 'spec.forProvider.manifest')).toEqual({
    apiVersion: 'vshn.appcat.vshn.io/v1',
    kind: 'VSHNKeycloak',
    metadata: { name: 'sso-old', namespace: 'identity' },
  });
});

test('no database is created before the source is read: it would be an empty one', async () => {
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', {});
  expect(Object.keys(rsp.desired?.resources ?? {})).not.toContain('postgresql');
});

test('a source that does not exist in the namespace is refused naming the field, and no database is created', async () => {
  const status = {
    conditions: [
      { type: 'Synced', status: 'False', reason: 'ReconcileError', message: 'cannot observe external resource: external resource does not exist' },
    ],
  };
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', { observed: { [RESTORE_SOURCE]: source(status) } });
  expect(rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message)).toEqual([
    'spec.parameters.restore.claimName: there is no VSHNKeycloak sso-old in namespace identity; a restore comes from an instance in the same namespace',
  ]);
  expect(Object.keys(rsp.desired?.resources ?? {})).not.toContain('postgresql');
});

test('once the source claim is read, its database is observed, cluster-wide, and no database is created before it is read', async () => {
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', { observed: { [RESTORE_SOURCE]: sourceFound } });
  const object = rsp.desired?.resources[RESTORE_SOURCE_DATABASE]?.resource;
  expect(getObject(object, 'spec')?.['managementPolicies']).toEqual(['Observe']);
  expect(getObject(object, 'spec.forProvider.manifest')).toEqual({
    apiVersion: 'vshn.appcat.vshn.io/v1',
    kind: 'XVSHNPostgreSQL',
    metadata: { name: 'sso-old-x2k4q-pg' },
  });
  expect(Object.keys(rsp.desired?.resources ?? {})).not.toContain('postgresql');
});

test("once both are read, the database is restored from the source's database, at the time asked, Keycloak's data in the source's database", async () => {
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', {
    observed: { [RESTORE_SOURCE]: sourceFound, [RESTORE_SOURCE_DATABASE]: sourceDatabase({ 'keycloak.appcat.vshn.io/database': 'keycloak' }) },
  });
  const pg = rsp.desired?.resources['postgresql']?.resource;
  expect(getObject(pg, 'spec.parameters.restore')).toEqual({
    claimType: 'XVSHNPostgreSQL',
    claimName: 'sso-old-x2k4q-pg',
    backupName: 'sso-old-pg-2026-11-30',
    recoveryTimeStamp: '2026-11-30T12:00:00Z',
  });
  expect(getObject(pg, 'metadata.annotations')).toEqual({ 'keycloak.appcat.vshn.io/database': 'keycloak' });
  // The backup brings the source's role keycloak back, owning the data; the nested PostgreSQL gives it a password of its own.
  expect(getObject(pg, 'spec.parameters.service')).toEqual({
    serviceLevel: 'besteffort',
    access: [
      { user: 'keycloak', database: 'keycloak', writeConnectionSecretToRef: { name: 'keycloak-database', namespace: 'vshn-keycloak-sso-7hd2k' } },
    ],
  });
});

test('a source created before Keycloak had its own user has its data in the default database', async () => {
  const rsp = await respond('examples/keycloak/empty/1-first-reconcile', {
    observed: { [RESTORE_SOURCE]: sourceFound, [RESTORE_SOURCE_DATABASE]: sourceDatabase({}) },
  });
  expect(getObject(rsp.desired?.resources['postgresql']?.resource, 'metadata.annotations')).toEqual({
    'keycloak.appcat.vshn.io/database': 'postgres',
  });
  // Its data belongs to the superuser, which Keycloak keeps connecting as.
  expect(getObject(rsp.desired?.resources['postgresql']?.resource, 'spec.parameters.service')).toEqual({ serviceLevel: 'besteffort' });
});

test('a restored database is kept, with the restore it was created with, when its source is gone', async () => {
  const rsp = await respond('examples/keycloak/empty/3-release-ready', {
    observed: { postgresql: { spec: { parameters: { restore: { claimType: 'XVSHNPostgreSQL', claimName: 'sso-old-x2k4q-pg' } } } } },
  });
  const pg = rsp.desired?.resources['postgresql']?.resource;
  expect(getString(pg, 'kind')).toEqual('XVSHNPostgreSQL');
  expect(getObject(pg, 'spec.parameters.restore')).toEqual({ claimType: 'XVSHNPostgreSQL', claimName: 'sso-old-x2k4q-pg' });
  // Its source is no longer read, so deleting the source later says nothing on this claim.
  expect(Object.keys(rsp.desired?.resources ?? {})).not.toContain(RESTORE_SOURCE);
});

test('a database restored before its own user got a password keeps none: that instance keeps connecting as the superuser', async () => {
  const rsp = await respond('examples/keycloak/restore/4-database-ready', {
    composite: { spec: { parameters: { restore: { claimName: 'sso', backupName: 'sso-7hd2k-pg-2026-11-30-01-30-00' } } } },
    observed: { postgresql: { spec: { parameters: { service: null } } } },
  });
  const pg = rsp.desired?.resources['postgresql']?.resource;
  expect(getObject(pg, 'metadata.annotations')).toEqual({ 'keycloak.appcat.vshn.io/database': 'keycloak' });
  expect(getObject(pg, 'spec.parameters.service')).toEqual({ serviceLevel: 'besteffort' });
});
