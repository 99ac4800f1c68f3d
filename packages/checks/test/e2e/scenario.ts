// The end-to-end scenario of one service against a real control plane
// (../../src/e2e): claim → composite → composed resources as the golden says
// → providers played → claim Ready with its connection secret; nested
// services; a refused edit that deletes nothing; a plan change; deletion, the
// backup buckets held by the retention finalizer until the sweeper releases them.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BACKUP_RETENTION_ANNOTATION, BACKUP_RETENTION_FINALIZER } from '@appcat/appcat';
import { getPath, getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { repoRoot } from '@appcat/catalog';
import { conditionTrue, type CrossplaneLine, type Kube, type Obj, until } from '@appcat/testenv';
import {
  annotation,
  type ClaimRun,
  type ControlPlane,
  type Kind,
  composedOf,
  identity,
  createClaim,
  goldenFor,
  managedKinds,
  startControlPlane,
  treeKinds,
  treeOf,
} from '../../src/e2e/index.js';
import type { ServiceCase } from './services.js';

function condition(obj: Obj | undefined, type: string): JsonObject | undefined {
  const conditions = getPath(obj, 'status.conditions');
  return Array.isArray(conditions) ? conditions.filter(isObject).find((c) => c['type'] === type) : undefined;
}

function describeConditions(obj: Obj | undefined): string {
  const conditions = getPath(obj, 'status.conditions');
  return JSON.stringify(Array.isArray(conditions) ? conditions.filter(isObject).map((c) => [c['type'], c['status'], c['reason'], c['message']]) : []);
}

/** A merge patch that puts back, at every path `patch` touches, what `original` had there. */
function revertOf(patch: JsonObject, original: JsonObject | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(patch)) {
    const was = original?.[k];
    out[k] = isObject(v) ? revertOf(v, isObject(was) ? was : undefined) : (was ?? null);
  }
  return out;
}

/** Events client-go's recorder lets through for one object before it rate-limits them. */
const EVENT_BURST = 25;

/** One step of the scenario may wait for several reconciles of a busy control plane. */
const STEP_MS = 180_000;

export function describeService(plane: () => ControlPlane, root: string, svc: ServiceCase, kinds: () => Kind[]): void {
  let run: ClaimRun;
  const kube = (): Kube => plane().kube;
  const getClaim = async (): Promise<Obj | undefined> =>
    kube().get(run.claim.apiVersion, run.claim.kind, run.claim.metadata.name, run.claim.metadata.namespace);
  const getXR = async (): Promise<Obj | undefined> => {
    const claim = await getClaim();
    return kube().get(getString(claim, 'spec.resourceRef.apiVersion') ?? '', getString(claim, 'spec.resourceRef.kind') ?? '', run.xr);
  };
  const waitReady = async (what: string): Promise<void> => {
    await until(
      what,
      async () => {
        const claim = await getClaim();
        if (claim && conditionTrue(claim, 'Ready') && conditionTrue(claim, 'ServiceReady')) return true;
        throw new Error(`claim conditions ${describeConditions(claim)}; providers: ${plane().providers.error()?.message ?? 'no error'}`);
      },
      120_000,
    );
  };

  test(
    'the claim becomes a composite that composes what the golden says',
    async () => {
      const started = Date.now();
      run = await createClaim(kube(), root, svc.claim);
      const composition = await until(`${svc.service}: the composition selected`, async () => getString(await getXR(), 'spec.compositionRef.name'));
      const golden = goldenFor(root, composition, run.xr);
      const want = [...golden.entries()].map(([name, d]) => `${getString(d, 'kind') ?? ''}/${name}`).sort();
      await until(
        `${svc.service}: the composed resources of the golden`,
        async () => {
          const have = [...(await composedOf(kube(), kinds(), run.xr)).entries()].map(([name, o]) => `${o.kind}/${name}`).sort();
          if (JSON.stringify(have) === JSON.stringify(want)) return true;
          throw new Error(`composed ${JSON.stringify(have)}, golden ${JSON.stringify(want)}`);
        },
        120_000,
      );
      run.composedMs = Date.now() - started;
    },
    STEP_MS,
  );

  test(
    'with the providers played the claim is Ready with a connection secret of every key its XRD declares',
    async () => {
      await waitReady(`${svc.service}: claim Ready`);
      const claim = await getClaim();
      const [xrd] = readYamlDocuments(join(root, svc.xrd));
      const keys = getPath(xrd, 'spec.connectionSecretKeys') as string[];
      const secretName = getString(claim, 'spec.writeConnectionSecretToRef.name') ?? '';
      const secret = await until(`${svc.service}: the claim's connection secret with every key`, async () => {
        const s = await kube().get('v1', 'Secret', secretName, claim?.metadata.namespace);
        const data = (s?.['data'] ?? {}) as Record<string, string>;
        return keys.every((k) => (data[k] ?? '') !== '') ? s : undefined;
      });
      expect(Object.keys(secret['data'] as Record<string, string>).sort()).toEqual(expect.arrayContaining([...keys].sort()));
    },
    STEP_MS,
  );

  if (svc.nested.length > 0) {
    test(
      `nested composites (${svc.nested.join(', ')}) are composed and ready, billed only at the top`,
      async () => {
        const tree = await treeOf(kube(), kinds(), run.claim);
        for (const kind of svc.nested) {
          const nested = [...tree.values()].filter((o) => o.kind === kind);
          expect(nested.map((o) => [o.kind, conditionTrue(o, 'Ready')])).toEqual([[kind, true]]);
        }
        // Billing: the top instance namespace is billed, every nested one is not.
        const xr = await getXR();
        const namespaces = new Map<string, string | undefined>();
        for (const o of [xr, ...tree.values()]) {
          const ns = getString(o, 'status.instanceNamespace');
          if (!o || !ns) continue;
          const live = await kube().get('v1', 'Namespace', ns);
          namespaces.set(o.kind, (live?.metadata['labels'] as Record<string, string> | undefined)?.['appuio.io/billing-name']);
        }
        const top = xr?.kind ?? '';
        expect(namespaces.get(top)).toBe(svc.billing);
        for (const [kind, billing] of namespaces) if (kind !== top) expect([kind, billing]).toEqual([kind, '']);
      },
      STEP_MS,
    );
  }

  test(
    'an invalid edit of the running service is refused on the claim, and no composed resource is deleted',
    async () => {
      const before = await treeOf(kube(), kinds(), run.claim);
      expect(before.size).toBeGreaterThan(0);
      const claim = await getClaim();
      const original = getPath(claim, 'spec.parameters');
      await kube().patch(run.claim, { spec: { parameters: svc.invalid.parameters } });
      try {
        await until(
          `${svc.service}: ServiceReady of the claim says why`,
          async () => {
            const c = await getClaim();
            const cond = condition(c, 'ServiceReady');
            if (cond?.['status'] === 'False' && getString(cond, 'message')?.includes(svc.invalid.message)) return true;
            throw new Error(`claim conditions ${describeConditions(c)}`);
          },
          60_000,
        );
        // Crossplane records a fatal result as a Warning event of the composite (the claim gets the
        // conditions, not the event). client-go's event spam filter lets 25 events of one object
        // through, then one per 5 minutes: after a busy provisioning (Crossplane 1.20 reports each
        // unready resource) the Warning is dropped, which only the count of earlier events shows.
        await until(`${svc.service}: a Warning event on the composite`, async () => {
          const events = await kube().list('v1', 'Event', { namespace: 'default' });
          const mine = events.filter((e) => getString(e, 'involvedObject.name') === run.xr);
          if (mine.some((e) => e['type'] === 'Warning' && getString(e, 'message')?.includes(svc.invalid.message))) return true;
          const recorded = mine.reduce((n, e) => n + (typeof e['count'] === 'number' ? e['count'] : 1), 0);
          if (recorded >= EVENT_BURST) return true;
          throw new Error(`events of the composite: ${JSON.stringify(mine.map((e) => [e['type'], e['reason'], e['message']]))}`);
        });
        // A few more reconciles of the refused edit.
        await new Promise((r) => setTimeout(r, 3000));
        const after = await treeOf(kube(), kinds(), run.claim);
        const gone = [...before.entries()].filter(([uid]) => !after.has(uid)).map(([, o]) => identity(o));
        const deleting = [...after.values()].filter((o) => o.metadata['deletionTimestamp']).map(identity);
        expect({ gone, deleting }).toEqual({ gone: [], deleting: [] });
        expect(after.size).toBe(before.size);
      } finally {
        await kube().patch(run.claim, { spec: { parameters: revertOf(svc.invalid.parameters, isObject(original) ? original : undefined) } });
      }
      await waitReady(`${svc.service}: Ready again after the edit is reverted`);
    },
    STEP_MS,
  );

  test(
    'a plan change reaches the composed resources',
    async () => {
      const valueOf = async (): Promise<unknown> =>
        getPath((await composedOf(kube(), kinds(), run.xr)).get(svc.planChange.resource), svc.planChange.path);
      const before = await valueOf();
      expect(before).toBeDefined();
      await kube().patch(run.claim, { spec: { parameters: svc.planChange.parameters } });
      const after = await until(`${svc.service}: ${svc.planChange.resource} ${svc.planChange.path} changed`, async () => {
        const v = await valueOf();
        return JSON.stringify(v) !== JSON.stringify(before) ? v : undefined;
      });
      if (svc.planChange.value !== undefined) expect(after).toEqual(svc.planChange.value);
    },
    STEP_MS,
  );

  const unprotect = svc.unprotectBackups;
  if (unprotect) {
    test(
      'turning backup protection off drops the retention finalizer from the backup bucket, turning it on puts it back',
      async () => {
        const bucket = async (): Promise<Obj | undefined> =>
          [...(await treeOf(kube(), kinds(), run.claim)).values()].find((o) => o.kind === 'XObjectBucket');
        const held = async (): Promise<boolean> => finalizersOf(await bucket()).includes(BACKUP_RETENTION_FINALIZER);
        expect(await held()).toBe(true);
        const original = getPath(await getClaim(), 'spec.parameters');
        await kube().patch(run.claim, { spec: { parameters: unprotect } });
        await until(`${svc.service}: the backup bucket without the finalizer`, async () => ((await held()) ? undefined : true));
        const unheld = await bucket();
        expect(finalizersOf(unheld)).not.toContain(BACKUP_RETENTION_FINALIZER);
        expect(unheld && annotation(unheld, BACKUP_RETENTION_ANNOTATION)).toBeUndefined();
        expect(getString(unheld, 'spec.parameters.bucketDeletionPolicy')).toBe('DeleteAll');
        await kube().patch(run.claim, { spec: { parameters: revertOf(unprotect, isObject(original) ? original : undefined) } });
        await until(`${svc.service}: the backup bucket held again`, async () => ((await held()) ? true : undefined));
        await waitReady(`${svc.service}: Ready with backup protection on again`);
      },
      STEP_MS,
    );
  }

  test(
    svc.heldBackups
      ? 'deleting the claim removes everything but its backup buckets, held until the retention sweeper releases them, then those too'
      : 'deleting the claim removes the composite, every composed resource and the connection secrets',
    async () => {
      const tree = await treeOf(kube(), kinds(), run.claim);
      const claim = await getClaim();
      const secrets: Obj[] = [];
      const claimSecret = getString(claim, 'spec.writeConnectionSecretToRef.name');
      if (claimSecret) secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: claimSecret, namespace: run.claim.metadata.namespace } });
      const xr = await getXR();
      for (const o of [xr, ...tree.values()]) {
        const secret = connectionSecretOf(o);
        if (secret) secrets.push(secret);
      }
      expect(secrets.length).toBeGreaterThan(1);
      // The backup buckets the retention finalizer holds, what they compose and those resources' credentials.
      const held = [...tree.values()].filter((o) => finalizersOf(o).includes(BACKUP_RETENTION_FINALIZER));
      expect(held.map((o) => o.kind)).toEqual(svc.heldBackups ? ['XObjectBucket'] : []);
      const heldUids = new Set(held.map((o) => String(o.metadata['uid'])));
      const heldComposed = [...tree.values()].filter((o) => heldUids.has(controllerUidOf(o) ?? ''));
      const heldSecrets = heldComposed.map(connectionSecretOf).filter((o) => o !== undefined);
      await kube().delete(run.claim);
      const remaining = async (): Promise<string[]> => {
        const left: string[] = [];
        for (const o of [run.claim, ...(xr ? [xr] : []), ...tree.values(), ...secrets]) {
          if (await kube().get(o.apiVersion, o.kind, o.metadata.name, o.metadata.namespace)) left.push(identity(o));
        }
        return left.sort();
      };
      if (held.length > 0) {
        expect(heldComposed.length).toBeGreaterThan(0);
        expect(heldSecrets.length).toBeGreaterThan(0);
        const kept = [...held, ...heldComposed, ...heldSecrets].map(identity).sort();
        const onlyKept = async (): Promise<boolean> => {
          const left = await remaining();
          if (JSON.stringify(left) === JSON.stringify(kept)) return true;
          throw new Error(`left ${left.join(', ')}; held ${kept.join(', ')}`);
        };
        await until(`${svc.service}: everything of the claim deleted but the held backups`, onlyKept, 120_000);
        // A few more reconciles and garbage collections: the held buckets stay deleting, what they compose stays.
        await new Promise((r) => setTimeout(r, 3000));
        await onlyKept();
        for (const o of held) {
          const live = await kube().get(o.apiVersion, o.kind, o.metadata.name);
          expect(live?.metadata['deletionTimestamp']).toBeDefined();
          expect(finalizersOf(live)).toEqual([BACKUP_RETENTION_FINALIZER]);
          expect(live && annotation(live, BACKUP_RETENTION_ANNOTATION)).toBe(svc.heldBackups);
        }
        for (const o of heldComposed)
          expect((await kube().get(o.apiVersion, o.kind, o.metadata.name, o.metadata.namespace))?.metadata['deletionTimestamp']).toBeUndefined();
        // The sweeper, before and after the retention.
        await sweepAt(plane(), new Date());
        await onlyKept();
        await sweepAt(plane(), new Date(Date.now() + (Number(svc.heldBackups) + 1) * 86_400_000));
      }
      await until(
        `${svc.service}: everything of the claim deleted`,
        async () => {
          const left = await remaining();
          if (left.length === 0) return true;
          throw new Error(`still there: ${left.join(', ')}`);
        },
        120_000,
      );
    },
    STEP_MS,
  );
}

function finalizersOf(o: Obj | undefined): string[] {
  const f = o?.metadata['finalizers'];
  return Array.isArray(f) ? f.filter((x): x is string => typeof x === 'string') : [];
}

function controllerUidOf(o: Obj): string | undefined {
  const owners = o.metadata['ownerReferences'];
  const owner = Array.isArray(owners) ? owners.filter(isObject).find((r) => r['controller'] === true) : undefined;
  return owner ? getString(owner, 'uid') : undefined;
}

function connectionSecretOf(o: Obj | undefined): Obj | undefined {
  const name = getString(o, 'spec.writeConnectionSecretToRef.name');
  const namespace = getString(o, 'spec.writeConnectionSecretToRef.namespace');
  return name && namespace ? { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace } } : undefined;
}

/** One run of the backup retention sweeper's bundle against the control plane, as of `now`. */
async function sweepAt(plane: ControlPlane, now: Date): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [join(repoRoot(), 'packages', 'backup-retention', 'dist', 'bundle', 'main.mjs'), `--now=${now.toISOString()}`],
    {
      env: { ...process.env, KUBECONFIG: plane.env.kubeconfig.path },
    },
  );
}

/** Every service through one control plane of a Crossplane line, shared by the services. */
export function describeCrossplaneLine(line: CrossplaneLine, services: readonly ServiceCase[]): void {
  const root = repoRoot();
  let plane: ControlPlane | undefined;
  let kinds: Kind[] = [];

  beforeAll(async () => {
    plane = await startControlPlane(root, line);
    kinds = treeKinds(root, managedKinds(root, new Set(['appcat.vshn.io', 'vshn.appcat.vshn.io', 'exoscale.appcat.vshn.io'])));
    console.log(`control plane (Crossplane ${plane.crossplane.version}) started: ${JSON.stringify(plane.timings)}`);
  }, 300_000);

  afterAll(async () => {
    await plane?.stop();
  });

  for (const svc of services) {
    describe(`${svc.service} through Crossplane ${line}`, () => {
      describeService(
        () => {
          if (!plane) throw new Error('no control plane');
          return plane;
        },
        root,
        svc,
        () => kinds,
      );
    });
  }
}
