// A claim's view of the control plane: what its composite composes, the
// whole tree under it (nested composites included), and the golden it must
// match. Shared by the end-to-end tests and the bench.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getString, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { type Kube, type Obj, until } from '@appcat/testenv';
import { composedResources } from '../output.js';
import { observedByComposition, rename } from './providers.js';

const RESOURCE_NAME = 'crossplane.io/composition-resource-name';

export interface Kind {
  apiVersion: string;
  kind: string;
}

export function annotation(obj: Obj, key: string): string | undefined {
  const v = (obj.metadata['annotations'] as Record<string, string> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
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

/**
 * The resources a composite composes directly (its controller owner references), by composition
 * resource name. A nested composite's resources carry the top composite's crossplane.io/composite
 * label: select them with the claim's labels instead (`selector`).
 */
export async function composedOf(
  kube: Kube,
  kinds: readonly Kind[],
  xr: string,
  selector = `crossplane.io/composite=${xr}`,
): Promise<Map<string, Obj>> {
  const out = new Map<string, Obj>();
  for (const k of kinds) {
    for (const o of await kube.list(k.apiVersion, k.kind, { labelSelector: selector })) {
      const owners = Array.isArray(o.metadata['ownerReferences']) ? (o.metadata['ownerReferences'] as JsonObject[]) : [];
      if (!owners.some((r) => r['controller'] === true && r['name'] === xr)) continue; // a composite labels itself too
      out.set(annotation(o, RESOURCE_NAME) ?? o.metadata.name, o);
    }
  }
  return out;
}

/** Everything Crossplane composed for a claim, nested composites' resources included. */
export async function treeOf(kube: Kube, kinds: readonly Kind[], claim: Obj): Promise<Map<string, Obj>> {
  const selector = `crossplane.io/claim-name=${claim.metadata.name},crossplane.io/claim-namespace=${claim.metadata.namespace ?? ''}`;
  const out = new Map<string, Obj>();
  for (const k of kinds) {
    for (const o of await kube.list(k.apiVersion, k.kind, { labelSelector: selector })) out.set(String(o.metadata['uid']), o);
  }
  return out;
}

/** The golden's composed resources (by resource name, named for `xr`) of the composition `xr` uses. */
export function goldenFor(root: string, composition: string, xr: string): Map<string, JsonObject> {
  const observed = observedByComposition(root).get(composition);
  if (!observed) throw new Error(`no example stage for composition ${composition}`);
  const docs = rename(composedResources(readFileSync(observed.expected, 'utf8')), observed.compositeName, xr);
  return new Map(docs.map((d) => [annotation(d as unknown as Obj, RESOURCE_NAME) ?? '', d as unknown as JsonObject]));
}

/** The identity of an object in messages. */
export function identity(o: Obj): string {
  return `${o.kind}/${o.metadata.name}`;
}

export interface ClaimRun {
  claim: Obj;
  xr: string;
  readyMs?: number;
  composedMs?: number;
}

/** Creates the claim (and its namespace); resolves to its composite's name. */
export async function createClaim(kube: Kube, root: string, claimFile: string): Promise<ClaimRun> {
  const [doc] = readYamlDocuments(join(root, claimFile));
  const claim = doc as unknown as Obj;
  await kube.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: claim.metadata.namespace ?? 'default' } });
  await kube.create(claim);
  const xr = await until(
    `the composite of ${identity(claim)}`,
    async () => {
      const got = await kube.get(claim.apiVersion, claim.kind, claim.metadata.name, claim.metadata.namespace);
      return getString(got, 'spec.resourceRef.name');
    },
    120_000,
  );
  return { claim, xr };
}
