// The operator's access to the API server: its own identity for Plugs,
// Sockets, Events, Leases and apparatus pods, and an impersonated identity per
// service account for everything a plug or socket asks for.
import {
  ApiException,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  type KubernetesObject,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { FIELD_MANAGER, GROUP, VERSION } from '../api/schema.js';
import type { PooledKubeConfig } from './kubeconfig.js';
import type { Plug, Socket } from '../api/types.js';

export type SideKind = 'Plug' | 'Socket';
type SideOf<K extends SideKind> = K extends 'Plug' ? Plug : Socket;

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const pluralOf = (kind: SideKind): string => (kind === 'Plug' ? 'plugs' : 'sockets');

/** The HTTP status of an API error, undefined for anything else. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof ApiException ? err.code : undefined;
}

/** A short, secret-free description of an API error for conditions and logs. */
export function describeError(err: unknown): string {
  if (err instanceof ApiException) {
    const body = typeof err.body === 'string' ? err.body : JSON.stringify(err.body);
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      // not a Status object
    }
    return `HTTP ${err.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export async function orUndefinedWhenNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

export interface ObjectKey {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

// Exposes the API discovery KubernetesObjectApi already caches, to tell
// namespaced kinds from cluster-scoped ones.
class DiscoveringObjectApi extends KubernetesObjectApi {
  async isNamespaced(apiVersion: string, kind: string): Promise<boolean | undefined> {
    return (await this.resource(apiVersion, kind))?.namespaced;
  }
}

/** Objects of any kind, with one identity. */
export class ObjectClient {
  private readonly api: DiscoveringObjectApi;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(DiscoveringObjectApi);
  }

  /** Whether the kind is namespaced; undefined when the API server does not serve it. */
  isNamespaced(apiVersion: string, kind: string): Promise<boolean | undefined> {
    return this.api.isNamespaced(apiVersion, kind);
  }

  read(key: ObjectKey): Promise<KubernetesObject | undefined> {
    return orUndefinedWhenNotFound(
      this.api.read({ apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, namespace: key.namespace } }),
    );
  }

  /** Server-side apply as the integration-operator field manager. */
  apply(object: KubernetesObject, dryRun: boolean): Promise<KubernetesObject> {
    return this.api.patch(object, undefined, dryRun ? 'All' : undefined, FIELD_MANAGER, true, PatchStrategy.ServerSideApply);
  }

  /** Deletes the object; one already gone counts as deleted. */
  async delete(key: ObjectKey, dryRun = false): Promise<void> {
    await orUndefinedWhenNotFound(
      this.api.delete(
        { apiVersion: key.apiVersion, kind: key.kind, metadata: { name: key.name, namespace: key.namespace } },
        undefined,
        dryRun ? 'All' : undefined,
        undefined,
        undefined,
        'Background',
      ),
    );
  }
}

export class Kube {
  readonly core: CoreV1Api;
  readonly coordination: CoordinationV1Api;
  readonly custom: CustomObjectsApi;
  readonly objects: ObjectClient;
  private readonly impersonated = new Map<string, ObjectClient>();

  constructor(readonly kc: PooledKubeConfig) {
    this.core = kc.makeApiClient(CoreV1Api);
    this.coordination = kc.makeApiClient(CoordinationV1Api);
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.objects = new ObjectClient(kc);
  }

  /** A client acting as system:serviceaccount:<namespace>:<name>, with exactly that account's rights. */
  as(namespace: string, serviceAccount: string): ObjectClient {
    const user = `system:serviceaccount:${namespace}:${serviceAccount}`;
    let client = this.impersonated.get(user);
    if (!client) {
      client = new ObjectClient(this.kc.impersonating(user));
      this.impersonated.set(user, client);
    }
    return client;
  }

  /** The plug or socket, without managedFields (they would only weigh on every template's data). */
  async getSide<K extends SideKind>(kind: K, namespace: string, name: string): Promise<SideOf<K> | undefined> {
    const side = (await orUndefinedWhenNotFound(
      this.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, plural: pluralOf(kind), namespace, name }),
    )) as (SideOf<K> & { metadata: { managedFields?: unknown } }) | undefined;
    if (side) delete side.metadata.managedFields;
    return side;
  }

  async listSides<K extends SideKind>(kind: K): Promise<{ items: SideOf<K>[]; metadata?: { resourceVersion?: string } }> {
    return (await this.custom.listClusterCustomObject({ group: GROUP, version: VERSION, plural: pluralOf(kind) })) as {
      items: SideOf<K>[];
      metadata?: { resourceVersion?: string };
    };
  }

  /** JSON merge patch of the object (metadata.resourceVersion in the patch makes it conditional). */
  async patchSide<K extends SideKind>(kind: K, namespace: string, name: string, body: object): Promise<SideOf<K>> {
    return (await this.custom.patchNamespacedCustomObject(
      { group: GROUP, version: VERSION, plural: pluralOf(kind), namespace, name, body },
      mergePatch,
    )) as SideOf<K>;
  }

  /** JSON merge patch of the status subresource. */
  async patchSideStatus<K extends SideKind>(kind: K, namespace: string, name: string, body: object): Promise<SideOf<K>> {
    return (await this.custom.patchNamespacedCustomObjectStatus(
      { group: GROUP, version: VERSION, plural: pluralOf(kind), namespace, name, body },
      mergePatch,
    )) as SideOf<K>;
  }
}

export const sidePath = (kind: SideKind): string => `/apis/${GROUP}/${VERSION}/${pluralOf(kind)}`;
