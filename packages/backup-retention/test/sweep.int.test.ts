// The sweeper against a real kube-apiserver (packages/testenv), with the
// catalog's manifests applied and the sweeper's own ServiceAccount: deleted
// XObjectBuckets held by the retention finalizer stay until the injected
// clock passes their retention, then the shipped bundle releases them and
// they are gone; one whose retention cannot be read stays held; nothing else
// is touched, and the ServiceAccount can do nothing but list and patch
// XObjectBuckets.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApiException, CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { stringify } from 'yaml';
import { BACKUP_RETENTION_ANNOTATION, BACKUP_RETENTION_FINALIZER } from '@appcat/appcat';
import { repoRoot } from '@appcat/catalog';
import { compositeCRD } from '@appcat/checks';
import { readYamlDocuments } from '@appcat/runtime';
import { Kube, startTestEnv, type Obj, type TestEnv } from '@appcat/testenv';
import { KubeBucketStore, sweep, type SweepLog } from '../src/index.js';

const root = repoRoot();
const NAMESPACE = 'appcat-control';
const SERVICE_ACCOUNT = `system:serviceaccount:${NAMESPACE}:backup-retention`;
const DAY = 86_400_000;
const OTHER_FINALIZER = 'example.org/keep';
let env: TestEnv | undefined;
let kube: Kube;
let dir: string | undefined;
let sweeperKubeconfig: string;

const quiet: SweepLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

function bucket(name: string, finalizers: string[], days?: string): Obj {
  return {
    apiVersion: 'appcat.vshn.io/v1',
    kind: 'XObjectBucket',
    metadata: { name, finalizers, ...(days === undefined ? {} : { annotations: { [BACKUP_RETENTION_ANNOTATION]: days } }) },
    spec: { parameters: { bucketName: name, region: 'lpg' } },
  };
}

const getBucket = async (name: string): Promise<Obj | undefined> => kube.get('appcat.vshn.io/v1', 'XObjectBucket', name);
const finalizersOf = async (name: string): Promise<unknown> => (await getBucket(name))?.metadata['finalizers'];

beforeAll(async () => {
  env = await startTestEnv();
  kube = new Kube(env.call);
  dir = mkdtempSync(join(tmpdir(), 'appcat-retention-'));
  const [xrd] = readYamlDocuments(join(root, 'xrds', 'objectbucket.yaml'));
  if (!xrd) throw new Error('xrds/objectbucket.yaml: no XRD');
  writeFileSync(join(dir, 'xobjectbucket.yaml'), stringify(compositeCRD(xrd)));
  await env.installCRDs(join(dir, 'xobjectbucket.yaml'));
  await kube.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  for (const doc of readYamlDocuments(join(root, 'platform', 'backup-retention.yaml'))) await kube.create(doc as Obj);
  const kc = await env.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts', `system:serviceaccounts:${NAMESPACE}`, 'system:authenticated']);
  sweeperKubeconfig = join(dir, 'sweeper.kubeconfig');
  writeFileSync(sweeperKubeconfig, kc.exportConfig());
}, 120_000);

afterAll(async () => {
  await env?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the manifests are what the API server stores: an hourly CronJob in the control namespace as the sweeper ServiceAccount', async () => {
  const cronJob = await kube.get('batch/v1', 'CronJob', 'backup-retention', NAMESPACE);
  expect(cronJob?.['spec']).toMatchObject({
    schedule: '17 * * * *',
    concurrencyPolicy: 'Forbid',
    jobTemplate: { spec: { template: { spec: { serviceAccountName: 'backup-retention', restartPolicy: 'Never' } } } },
  });
});

test('held buckets are released only once their retention has passed, by the shipped program as its ServiceAccount', async () => {
  const created = [
    bucket('held-7', ['example.org/first', BACKUP_RETENTION_FINALIZER], '7'),
    bucket('held-30', [BACKUP_RETENTION_FINALIZER], '30'),
    bucket('unreadable', [BACKUP_RETENTION_FINALIZER], 'a week'),
    bucket('foreign', [OTHER_FINALIZER], '1'),
    bucket('live', [BACKUP_RETENTION_FINALIZER], '1'),
  ];
  for (const b of created) await kube.create(b);
  for (const b of created.filter((b) => b.metadata.name !== 'live')) await kube.delete(b);
  const deletedAt = Date.parse(String((await getBucket('held-7'))?.metadata['deletionTimestamp']));
  expect(Number.isNaN(deletedAt)).toBe(false);

  const store = new KubeBucketStore(await env!.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts', 'system:authenticated']));
  const early = await sweep(store, new Date(deletedAt + 7 * DAY - 1000), quiet);
  expect(early).toEqual({ released: [], held: ['held-30', 'held-7'], unreadable: ['unreadable'] });
  expect(await finalizersOf('held-7')).toEqual(['example.org/first', BACKUP_RETENTION_FINALIZER]);

  const run = async (now: Date): Promise<string> =>
    (
      await promisify(execFile)(
        process.execPath,
        [join(root, 'packages', 'backup-retention', 'dist', 'bundle', 'main.mjs'), `--now=${now.toISOString()}`],
        {
          env: { ...process.env, KUBECONFIG: sweeperKubeconfig },
        },
      )
    ).stdout;
  const out = await run(new Date(deletedAt + 7 * DAY + 1000));
  expect(out).toContain('"bucket":"held-7"');
  expect(out).toContain('retention over: bucket released for deletion');
  expect(await finalizersOf('held-7')).toEqual(['example.org/first']);
  expect(await finalizersOf('held-30')).toEqual([BACKUP_RETENTION_FINALIZER]);
  // Idempotent: the same sweep again changes nothing.
  await run(new Date(deletedAt + 7 * DAY + 1000));
  expect(await finalizersOf('held-7')).toEqual(['example.org/first']);

  // Years later: held-30 goes (no finalizer left), the unreadable one and the foreign one stay, the live one is untouched.
  const late = await run(new Date(deletedAt + 3650 * DAY));
  expect(late).toContain(`annotation ${BACKUP_RETENTION_ANNOTATION} is \\"a week\\": must be whole days from 1 to 3650`);
  expect(await getBucket('held-30')).toBeUndefined();
  expect(await finalizersOf('unreadable')).toEqual([BACKUP_RETENTION_FINALIZER]);
  expect(await finalizersOf('foreign')).toEqual([OTHER_FINALIZER]);
  expect((await getBucket('live'))?.metadata['deletionTimestamp']).toBeUndefined();
  expect(await finalizersOf('live')).toEqual([BACKUP_RETENTION_FINALIZER]);
});

test('the sweeper ServiceAccount may list and patch XObjectBuckets and nothing else', async () => {
  const sa = await env!.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts', 'system:authenticated']);
  const custom = sa.makeApiClient(CustomObjectsApi);
  const bucketApi = { group: 'appcat.vshn.io', version: 'v1', plural: 'xobjectbuckets' };
  await kube.create(bucket('rbac', []));
  const statusOf = async (call: Promise<unknown>): Promise<number> => {
    try {
      await call;
      return 200;
    } catch (err) {
      return err instanceof ApiException ? err.code : -1;
    }
  };
  expect(await statusOf(custom.listClusterCustomObject(bucketApi))).toBe(200);
  expect({
    get: await statusOf(custom.getClusterCustomObject({ ...bucketApi, name: 'rbac' })),
    delete: await statusOf(custom.deleteClusterCustomObject({ ...bucketApi, name: 'rbac' })),
    create: await statusOf(custom.createClusterCustomObject({ ...bucketApi, body: bucket('rbac-2', []) })),
    secrets: await statusOf(sa.makeApiClient(CoreV1Api).listSecretForAllNamespaces()),
    claims: await statusOf(custom.listClusterCustomObject({ ...bucketApi, plural: 'objectbuckets' })),
  }).toEqual({ get: 403, delete: 403, create: 403, secrets: 403, claims: 403 });
  expect(await getBucket('rbac')).toBeDefined();
});
