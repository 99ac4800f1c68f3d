// provider-kubernetes Objects: how a function composes plain Kubernetes
// objects (namespaces, config maps, StackGres resources) that are not
// Crossplane managed resources.
import { getObject, getPath, isObject, type KubeObject } from './unstructured.js';

export const OBJECT_API_VERSION = 'kubernetes.crossplane.io/v1alpha2';
export const OBJECT_KIND = 'Object';

export type ManagementPolicy = 'Observe' | 'Create' | 'Update' | 'Delete' | 'LateInitialize' | '*';

export interface ObjectOptions {
  /** metadata.name of the Object (cluster scoped, so unique across the cluster). */
  name: string;
  providerConfigName: string;
  /** Defaults to full management (`*`). */
  managementPolicies?: readonly ManagementPolicy[];
  /**
   * When the Object is Ready; provider-kubernetes' default is SuccessfulCreate
   * (ready once applied). A CEL query decides from the observed object (the
   * variable `object`) for kinds whose readiness is not a Ready condition.
   */
  readiness?: ReadinessPolicy | { celQuery: string };
  labels?: Record<string, string>;
  /** Fields of other objects (a generated Secret) the Object publishes as its connection details. */
  connectionDetails?: readonly ObjectConnectionDetail[];
  /** Where the Object writes those connection details; Crossplane reads them from there. */
  writeConnectionSecretToRef?: { name: string; namespace: string };
  /**
   * Fields provider-kubernetes copies from other objects into the manifest
   * before applying it: a Secret's data reaches its copy without passing
   * through the function or appearing in the Object's spec.
   */
  references?: readonly ObjectReference[];
}

export type ReadinessPolicy = 'SuccessfulCreate' | 'DeriveFromObject' | 'AllTrue';

export interface ObjectReference {
  patchesFrom: { apiVersion: string; kind: string; name: string; namespace?: string; fieldPath: string };
  /** Where in the manifest the value goes; defaults to patchesFrom.fieldPath. */
  toFieldPath?: string;
}

export interface ObjectConnectionDetail {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  fieldPath: string;
  toConnectionSecretKey: string;
}

/** Wraps `manifest` in a provider-kubernetes Object. */
export function wrapObject(manifest: KubeObject, opts: ObjectOptions): KubeObject {
  return objectOf(manifest, opts, opts.providerConfigName, opts.labels);
}

/** wrapObject with the ProviderConfig and the labels given beside the other options (a context gives its own to every Object). */
export function objectOf(
  manifest: KubeObject,
  opts: Omit<ObjectOptions, 'providerConfigName' | 'labels'>,
  providerConfigName: string,
  labels: Record<string, string> | undefined,
): KubeObject {
  const spec: Record<string, unknown> = {
    forProvider: { manifest },
    providerConfigRef: { name: providerConfigName },
  };
  if (opts.managementPolicies) spec['managementPolicies'] = [...opts.managementPolicies];
  if (typeof opts.readiness === 'string') spec['readiness'] = { policy: opts.readiness };
  else if (opts.readiness) spec['readiness'] = { policy: 'DeriveFromCelQuery', celQuery: opts.readiness.celQuery };
  if (opts.connectionDetails) spec['connectionDetails'] = opts.connectionDetails.map((d) => ({ ...d }));
  if (opts.writeConnectionSecretToRef) spec['writeConnectionSecretToRef'] = { ...opts.writeConnectionSecretToRef };
  if (opts.references)
    spec['references'] = opts.references.map((r) => ({
      patchesFrom: { ...r.patchesFrom },
      ...(r.toFieldPath ? { toFieldPath: r.toFieldPath } : {}),
    }));
  return {
    apiVersion: OBJECT_API_VERSION,
    kind: OBJECT_KIND,
    metadata: labels ? { name: opts.name, labels } : { name: opts.name },
    spec: spec as KubeObject['spec'],
  };
}

/**
 * Whether an observe-only Object reports that what it observes does not
 * exist: the managed reconciler then sets Synced=False with "does not exist".
 * Undefined while the Object has not reported either way.
 */
export function observedMissing(object: KubeObject | undefined): boolean | undefined {
  if (object === undefined) return undefined;
  if (observedManifest(object) !== undefined) return false;
  const conditions = getPath(object, 'status.conditions');
  if (!Array.isArray(conditions)) return undefined;
  const synced = conditions.find((c) => isObject(c) && c['type'] === 'Synced');
  if (!isObject(synced) || synced['status'] !== 'False') return undefined;
  const message = synced['message'];
  return typeof message === 'string' && message.includes('does not exist');
}

/** The manifest provider-kubernetes observed in the cluster, once it has. */
export function observedManifest(object: KubeObject | undefined): KubeObject | undefined {
  const manifest = getObject(object, 'status.atProvider.manifest');
  if (!manifest || typeof manifest['apiVersion'] !== 'string' || typeof manifest['kind'] !== 'string') return undefined;
  return manifest as unknown as KubeObject;
}
