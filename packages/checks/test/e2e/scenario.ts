// The end-to-end scenario of one service against a real control plane
// (../../src/e2e): claim → composite → composed resources as the golden says
// → providers played → claim Ready with its connection secret; nested
// services; a refused edit that deletes nothing; a plan change; deletion.
import { join } from 'node:path';
import { getPath, getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { conditionTrue, type Kube, type Obj, until } from '@appcat/testenv';
import { composedResources } from '../../src/index.js';
import { type ControlPlane, observedByComposition, rename } from '../../src/e2e/index.js';
import { readFileSync } from 'node:fs';
import type { ServiceCase } from './services.js';

const RESOURCE_NAME = 'crossplane.io/composition-resource-name';

interface Kind {
  apiVersion: string;
  kind: string;
}

export function annotation(obj: Obj, key: string): string | undefined {
  const v = (obj.metadata['annotations'] as Record<string, string> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
}

function condition(obj: Obj | undefined, type: string): JsonObject | undefined {
  const conditions = getPath(obj, 'status.conditions');
  return Array.isArray(conditions) ? conditions.filter(isObject).find((c) => c['type'] === type) : undefined;
}

function describeConditions(obj: Obj | undefined): string {
  const conditions = getPath(obj, 'status.conditions');
  return JSON.stringify(Array.isArray(conditions) ? conditions.filter(isObject).map((c) => [c['type'], c['status'], c['reason'], c['message']]) : []);
}

/** Every kind a claim's tree can hold: the managed kinds and our composites. */
export function treeKinds(root: string, managed: readonly Kind[]): Kind[] {
  const composites = ['objectbucket', 'exoscale-postgresql', 'vshn-postgresql', 'keycloak'].flatMap((x) =>
    readYamlDocuments(join(root, 'xrds', `${x}.yaml`)).map((xrd) => ({
      apiVersion: `${getString(xrd, 'spec.group') ?? ''}/v1`,
      kind: getString(xrd, 'spec.names.kind') ?? '',
    })),
  );
  return [...managed, ...composites];
}

/** The resources a composite composes directly, by composition resource name. */
async function composedOf(kube: Kube, kinds: readonly Kind[], xr: string): Promise<Map<string, Obj>> {
  const out = new Map<string, Obj>();
  for (const k of kinds) {
    for (const o of await kube.list(k.apiVersion, k.kind, { labelSelector: `crossplane.io/composite=${xr}` })) {
      const owners = Array.isArray(o.metadata['ownerReferences']) ? (o.metadata['ownerReferences'] as JsonObject[]) : [];
      if (!owners.some((r) => r['controller'] === true && r['name'] === xr)) continue; // a composite labels itself too
      out.set(annotation(o, RESOURCE_NAME) ?? o.metadata.name, o);
    }
  }
  return out;
}

/** Everything Crossplane composed for a claim, nested composites' resources included. */
async function treeOf(kube: Kube, kinds: readonly Kind[], claim: Obj): Promise<Map<string, Obj>> {
  const selector = `crossplane.io/claim-name=${claim.metadata.name},crossplane.io/claim-namespace=${claim.metadata.namespace ?? ''}`;
  const out = new Map<string, Obj>();
  for (const k of kinds) {
    for (const o of await kube.list(k.apiVersion, k.kind, { labelSelector: selector })) out.set(String(o.metadata['uid']), o);
  }
  return out;
}

function identity(o: Obj): string {
  return `${o.kind}/${o.metadata.name}`;
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

export interface ClaimRun {
  claim: Obj;
  xr: string;
  readyMs?: number;
  composedMs?: number;
}

/** Creates the claim (and its namespace); resolves to its composite's name. */
export async function createClaim(kube: Kube, root: string, svc: ServiceCase): Promise<ClaimRun> {
  const [doc] = readYamlDocuments(join(root, svc.claim));
  const claim = doc as unknown as Obj;
  await kube.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: claim.metadata.namespace ?? 'default' } });
  await kube.create(claim);
  const xr = await until(
    `the composite of ${identity(claim)}`,
    async () => {
      const got = await kube.get(claim.apiVersion, claim.kind, claim.metadata.name, claim.metadata.namespace);
      return getString(got, 'spec.resourceRef.name');
    },
    STEP_MS,
  );
  return { claim, xr };
}

/** The golden's composed resources (by resource name, named for `xr`) of the composition `xr` uses. */
export function goldenFor(root: string, composition: string, xr: string): Map<string, JsonObject> {
  const observed = observedByComposition(root).get(composition);
  if (!observed) throw new Error(`no example stage for composition ${composition}`);
  const docs = rename(composedResources(readFileSync(observed.expected, 'utf8')), observed.compositeName, xr);
  return new Map(docs.map((d) => [annotation(d as unknown as Obj, RESOURCE_NAME) ?? '', d as unknown as JsonObject]));
}

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
      run = await createClaim(kube(), root, svc);
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
        // Crossplane records a fatal result as a Warning event of the composite (the claim gets the conditions, not the event).
        await until(`${svc.service}: a Warning event on the composite`, async () => {
          const events = await kube().list('v1', 'Event', { namespace: 'default' });
          const mine = events.filter((e) => getString(e, 'involvedObject.name') === run.xr);
          if (mine.some((e) => e['type'] === 'Warning' && getString(e, 'message')?.includes(svc.invalid.message))) return true;
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

  test(
    'deleting the claim removes the composite, every composed resource and the connection secrets',
    async () => {
      const tree = await treeOf(kube(), kinds(), run.claim);
      const claim = await getClaim();
      const secrets: Obj[] = [];
      const claimSecret = getString(claim, 'spec.writeConnectionSecretToRef.name');
      if (claimSecret) secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: claimSecret, namespace: run.claim.metadata.namespace } });
      const xr = await getXR();
      for (const o of [xr, ...tree.values()]) {
        const name = getString(o, 'spec.writeConnectionSecretToRef.name');
        const namespace = getString(o, 'spec.writeConnectionSecretToRef.namespace');
        if (name && namespace) secrets.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace } });
      }
      expect(secrets.length).toBeGreaterThan(1);
      await kube().delete(run.claim);
      const remaining = async (): Promise<string[]> => {
        const left: string[] = [];
        for (const o of [run.claim, ...(xr ? [xr] : []), ...tree.values(), ...secrets]) {
          if (await kube().get(o.apiVersion, o.kind, o.metadata.name, o.metadata.namespace)) left.push(identity(o));
        }
        return left;
      };
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
