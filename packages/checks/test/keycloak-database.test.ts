// Keycloak's database across the two functions, in-process: the nested
// XVSHNPostgreSQL the Keycloak function emits is run through the
// VSHNPostgreSQL function. A new instance's own database user is accepted
// there and its Secret holds every key Keycloak's Release reads; a restored
// instance's database restores from the source Keycloak's database, and
// only from one of the same claim namespace, and gives Keycloak's own user,
// which the backup brings back, a password its Role names.
import fc from 'fast-check';
import { exampleAt, repoRoot, requestForExample, requestJSONForExample } from '@appcat/catalog';
import { runFunction as runKeycloak } from '@appcat/function-keycloak/function';
import { runFunction as runPostgreSQL } from '@appcat/function-vshn-postgresql/function';
import {
  getObject,
  getPath,
  getString,
  isObject,
  RunFunctionRequest,
  Severity,
  type JsonObject,
  type KubeObject,
  type RunFunctionResponse,
} from '@appcat/runtime';

const root = repoRoot();
const keycloak = (stage: string): Promise<RunFunctionResponse> =>
  runKeycloak(requestForExample(exampleAt(root, `examples/keycloak/${stage}`), 'function-appcat-keycloak'));

/**
 * The nested composite as Crossplane stores it: what Keycloak desired, with
 * a uid and the labels Crossplane puts on everything composed for a claim.
 */
async function nestedDatabase(stage: string, claim: string, composite: string): Promise<KubeObject> {
  const xr = (await keycloak(stage)).desired?.resources['postgresql']?.resource as KubeObject | undefined;
  if (!xr) throw new Error(`${stage} composes no database`);
  const labels = { 'crossplane.io/claim-name': claim, 'crossplane.io/claim-namespace': 'identity', 'crossplane.io/composite': composite };
  return { ...xr, metadata: { ...xr.metadata, labels: { ...xr.metadata?.labels, ...labels }, uid: '9d4e7b21-6c3a-4f85-b0d2-1e8a5c7f3b96' } };
}
const newInstance = (stage: string): Promise<KubeObject> => nestedDatabase(`empty/${stage}`, 'sso', 'sso-7hd2k');
const restoredInstance = (stage: string): Promise<KubeObject> => nestedDatabase(`restore/${stage}`, 'sso-new', 'sso-new-4kq9m');

/** A VSHNPostgreSQL request of the example stage `stage`, for the composite `xr` instead of the example's. */
function postgreSQLRequest(stage: string, xr: KubeObject, observed: Record<string, JsonObject> = {}): RunFunctionRequest {
  const json = requestJSONForExample(exampleAt(root, `examples/vshn-postgresql/${stage}`), 'function-appcat-vshn-postgresql');
  const resources = isObject(getPath(json, 'observed.resources')) ? (getPath(json, 'observed.resources') as JsonObject) : {};
  const extra = Object.fromEntries(Object.entries(observed).map(([k, v]) => [k, { resource: v }]));
  return RunFunctionRequest.fromJSON({ ...json, observed: { composite: { resource: xr }, resources: { ...resources, ...extra } } });
}

const fatal = (rsp: RunFunctionResponse): string[] => rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL).map((r) => r.message);

test("a new Keycloak's own database user is composed by the nested PostgreSQL, its Secret holding every key the Release reads", async () => {
  const xr = await newInstance('1-first-reconcile');
  const pg = await runPostgreSQL(postgreSQLRequest('empty/4-cluster-ready', xr));
  expect(fatal(pg)).toEqual([]);
  const secret = pg.desired?.resources['access-secret-keycloak']?.resource;
  expect(getObject(secret, 'spec.forProvider.manifest.metadata')).toMatchObject({ name: 'keycloak-database', namespace: 'vshn-keycloak-sso-7hd2k' });
  expect(getObject(pg.desired?.resources['access-database-keycloak']?.resource, 'spec.forProvider')).toEqual({ owner: 'keycloak' });

  const written = [
    ...Object.keys(getObject(secret, 'spec.forProvider.manifest.stringData') ?? {}),
    ...((getPath(secret, 'spec.references') as JsonObject[] | undefined) ?? []).map((r) => getString(r, 'toFieldPath')),
  ];
  const release = (await keycloak('empty/3-release-ready')).desired?.resources['release']?.resource;
  const read = ((getPath(release, 'spec.forProvider.set') as JsonObject[] | undefined) ?? []).map((s) => {
    expect(getString(s, 'valueFrom.secretKeyRef.name')).toBe('keycloak-database');
    return getString(s, 'valueFrom.secretKeyRef.key');
  });
  const values = getObject(release, 'spec.forProvider.values');
  expect(getObject(values, 'database')).toMatchObject({ existingSecret: 'keycloak-database', existingSecretKey: 'POSTGRESQL_PASSWORD' });
  for (const key of [...read, 'POSTGRESQL_PASSWORD']) expect(written.some((w) => w === key || w === `data.${key ?? ''}`)).toBe(true);
  expect(written).toContain('data[ca.crt]');
});

/** The source Keycloak's database as provider-kubernetes observes it for the restored instance's database. */
function observedSource(source: KubeObject, claimNamespace: string): JsonObject {
  const manifest = {
    ...source,
    metadata: { ...source.metadata, labels: { ...source.metadata?.labels, 'crossplane.io/claim-namespace': claimNamespace } },
  };
  return {
    apiVersion: 'kubernetes.crossplane.io/v1alpha2',
    kind: 'Object',
    metadata: { name: 'sso-new-4kq9m-pg-restore-source', annotations: { 'crossplane.io/composition-resource-name': 'restore-source-composite' } },
    spec: { forProvider: { manifest: { apiVersion: source.apiVersion, kind: source.kind, metadata: { name: source.metadata?.name } } } },
    status: { atProvider: { manifest }, conditions: [{ type: 'Ready', status: 'True', reason: 'Available' }] },
  };
}

describe("a restored Keycloak's database", () => {
  test("restores from the source Keycloak's database, reading its backup in the source's instance namespace", async () => {
    const xr = await restoredInstance('3-database-created');
    expect(getObject(xr, 'spec.parameters.restore')).toMatchObject({ claimType: 'XVSHNPostgreSQL', claimName: 'sso-7hd2k-pg' });
    const source = await newInstance('1-first-reconcile');
    const pg = await runPostgreSQL(
      postgreSQLRequest('empty/1-first-reconcile', xr, { 'restore-source-composite': observedSource(source, 'identity') }),
    );
    expect(fatal(pg)).toEqual([]);
    expect(pg.desired?.resources['restore-source-claim']).toBeUndefined();
    expect(getObject(pg.desired?.resources['restore-source-backup']?.resource, 'spec.forProvider.manifest.metadata')).toMatchObject({
      name: 'sso-7hd2k-pg-2026-11-30-01-30-00',
      namespace: 'vshn-postgresql-sso-7hd2k-pg',
    });
  });

  test('is refused when the source database belongs to another claim namespace', async () => {
    const xr = await restoredInstance('3-database-created');
    const source = await newInstance('1-first-reconcile');
    const pg = await runPostgreSQL(
      postgreSQLRequest('empty/1-first-reconcile', xr, { 'restore-source-composite': observedSource(source, 'payroll') }),
    );
    expect(fatal(pg)).toEqual([
      'spec.parameters.restore.claimName: XVSHNPostgreSQL sso-7hd2k-pg belongs to namespace payroll, not identity; only an instance in the same namespace can be restored from',
    ]);
    expect(pg.desired?.resources['restore-source-backup']).toBeUndefined();
  });

  test('restores only from a database of its own claim namespace, whichever namespaces they are', async () => {
    const xr = await restoredInstance('3-database-created');
    const source = await nestedDatabase('empty/1-first-reconcile', 'sso', 'sso-7hd2k');
    const namespace = fc.stringMatching(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/);
    await fc.assert(
      fc.asyncProperty(namespace, namespace, fc.boolean(), async (own, other, same) => {
        const theirs = same ? own : other;
        const mine = { ...xr, metadata: { ...xr.metadata, labels: { ...xr.metadata?.labels, 'crossplane.io/claim-namespace': own } } };
        const pg = await runPostgreSQL(
          postgreSQLRequest('empty/1-first-reconcile', mine, { 'restore-source-composite': observedSource(source, theirs) }),
        );
        expect(fatal(pg).length > 0).toBe(own !== theirs);
        expect(pg.desired?.resources['restore-source-backup'] === undefined).toBe(own !== theirs);
      }),
      { numRuns: 50 },
    );
  });
});

test("a restored Keycloak's own database user, whose role the backup brings back, gets a password its Role names, and the Release connects as it", async () => {
  const xr = await restoredInstance('3-database-created');
  const req = postgreSQLRequest('empty/4-cluster-ready', xr);
  // The cluster as created from the backup: the restore has run.
  const cluster = req.observed!.resources['cluster']!.resource!;
  const manifest = getObject(cluster, 'spec.forProvider.manifest') as JsonObject & { spec: JsonObject };
  manifest.spec['initialData'] = { restore: { fromBackup: { name: getString(xr, 'spec.parameters.restore.backupName') ?? '' } } };
  const pg = await runPostgreSQL(req);
  expect(fatal(pg)).toEqual([]);
  const ref = { name: 'user-keycloak-password', namespace: 'vshn-postgresql-sso-new-4kq9m-pg', key: 'password' };
  expect(getObject(pg.desired?.resources['access-role-keycloak']?.resource, 'spec.forProvider.passwordSecretRef')).toEqual(ref);
  const password = pg.desired?.resources['access-password-keycloak']?.resource;
  expect(getObject(password, 'spec.forProvider.manifest.metadata')).toMatchObject({ name: ref.name, namespace: ref.namespace });
  expect(getString(password, 'spec.forProvider.manifest.data.password')).toMatch(/^[A-Za-z0-9+/=]{40,}$/);

  const release = (await keycloak('restore/4-database-ready')).desired?.resources['release']?.resource;
  expect(getObject(release, 'spec.forProvider.values.database')).toMatchObject({ existingSecret: 'keycloak-database' });
});
