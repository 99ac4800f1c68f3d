// Resource entries of a plug or socket on one lifecycle event: rendered,
// checked to stay in the owner's namespace, dry-run as the owner's service
// account (so one forbidden object means none is created), then carried out.
import type { AppliedResource, LifecycleEvent, Resource, Side } from '../api/types.js';
import { type Kube, type ObjectClient, describeError, statusOf } from '../kube/client.js';
import type { TemplateEngine } from '../template/engine.js';
import { type KubernetesManifest, renderResource } from '../template/resources.js';

export type ResourceFailure = 'ResourceOutsideNamespace' | 'ResourceForbidden' | 'ResourceInvalid';

export class ResourceError extends Error {
  override readonly name = 'ResourceError';
  constructor(
    readonly reason: ResourceFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Without `when` a resource runs on coupled and updated; without `do` it is applied. */
export const DEFAULT_WHEN: readonly LifecycleEvent[] = ['coupled', 'updated'];

export const serviceAccountOf = (owner: Side): string => owner.spec.serviceAccountName ?? 'default';

interface Planned {
  entry: Resource;
  manifest: KubernetesManifest;
}

const describe = (m: KubernetesManifest): string => `${m.kind} ${m.metadata.namespace ?? ''}/${m.metadata.name}`;

/** Whether the entry is removed again when the integration decouples. */
export function removedOnDecouple(entry: Resource): boolean {
  return (entry.do ?? 'apply') !== 'delete' && !entry.preserveWhenDecoupled && !(entry.when ?? DEFAULT_WHEN).includes('decoupled');
}

export interface RunResources {
  kube: Kube;
  engine: TemplateEngine;
  owner: Side;
  side: 'plug' | 'socket';
  event: LifecycleEvent;
  entries: Resource[] | undefined;
  data: Record<string, unknown>;
}

/** Carries out the entries whose `when` holds the event; returns what decoupling must remove. */
export async function runResources(run: RunResources): Promise<AppliedResource[]> {
  const namespace = run.owner.metadata.namespace;
  const client = run.kube.as(namespace, serviceAccountOf(run.owner));
  const planned: Planned[] = [];
  for (const entry of run.entries ?? []) {
    if (!(entry.when ?? DEFAULT_WHEN).includes(run.event)) continue;
    for (const manifest of renderResource(run.engine, entry, run.data)) planned.push({ entry, manifest: await placed(client, manifest, namespace) });
  }
  // Dry run first: nothing is created unless everything may be.
  for (const { entry, manifest } of planned) {
    const action = entry.do ?? 'apply';
    const key = { apiVersion: manifest.apiVersion, kind: manifest.kind, namespace, name: manifest.metadata.name };
    if (action !== 'apply') await guarded(manifest, client.delete(key, true));
    if (action === 'apply') await guarded(manifest, client.apply(manifest, true));
    // A recreated object may differ in immutable fields from the one it replaces: only rights and namespace are checked then.
    if (action === 'recreate') await guarded(manifest, client.apply(manifest, true)).catch(ignoreInvalid);
  }
  const applied: AppliedResource[] = [];
  for (const { entry, manifest } of planned) {
    const key = { apiVersion: manifest.apiVersion, kind: manifest.kind, namespace, name: manifest.metadata.name };
    const action = entry.do ?? 'apply';
    if (action === 'delete' || action === 'recreate') await guarded(manifest, client.delete(key));
    if (action === 'apply' || action === 'recreate') await guarded(manifest, client.apply(manifest, false));
    if (removedOnDecouple(entry)) applied.push({ side: run.side, serviceAccount: serviceAccountOf(run.owner), ...key });
  }
  return applied;
}

/** The manifest in the owner's namespace; refused when it names another one or is cluster-scoped. */
async function placed(client: ObjectClient, manifest: KubernetesManifest, namespace: string): Promise<KubernetesManifest> {
  const named = manifest.metadata.namespace;
  if (named !== undefined && named !== namespace) {
    throw new ResourceError(
      'ResourceOutsideNamespace',
      `${describe(manifest)} is outside the owner's namespace ${namespace}; resources may only go there`,
    );
  }
  const namespaced = await client.isNamespaced(manifest.apiVersion, manifest.kind);
  if (namespaced === undefined) throw new ResourceError('ResourceInvalid', `${manifest.apiVersion} ${manifest.kind} is not served by the API server`);
  if (!namespaced)
    throw new ResourceError(
      'ResourceOutsideNamespace',
      `${manifest.kind} ${manifest.metadata.name} is cluster-scoped; resources may only go into ${namespace}`,
    );
  return { ...manifest, metadata: { ...manifest.metadata, namespace } };
}

async function guarded<T>(manifest: KubernetesManifest, call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    const code = statusOf(err);
    if (code === 403) throw new ResourceError('ResourceForbidden', `${describe(manifest)}: ${describeError(err)}`);
    if (code !== undefined && code >= 400 && code < 500) throw new ResourceError('ResourceInvalid', `${describe(manifest)}: ${describeError(err)}`);
    throw err;
  }
}

function ignoreInvalid(err: unknown): void {
  if (!(err instanceof ResourceError && err.reason === 'ResourceInvalid')) throw err;
}

/** Removes what a coupling created, as the service account that created it. */
export async function removeApplied(kube: Kube, applied: AppliedResource[]): Promise<void> {
  for (const ref of applied) {
    try {
      await kube.as(ref.namespace, ref.serviceAccount).delete(ref);
    } catch (err) {
      if (statusOf(err) === 403)
        throw new ResourceError('ResourceForbidden', `cannot remove ${ref.kind} ${ref.namespace}/${ref.name}: ${describeError(err)}`);
      throw err;
    }
  }
}
