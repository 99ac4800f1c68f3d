// provider-kubernetes Objects: how a function composes plain Kubernetes
// objects (namespaces, config maps, StackGres resources) that are not
// Crossplane managed resources.
import { getObject, type KubeObject } from './unstructured.js';

export const OBJECT_API_VERSION = 'kubernetes.crossplane.io/v1alpha2';
export const OBJECT_KIND = 'Object';

export type ManagementPolicy = 'Observe' | 'Create' | 'Update' | 'Delete' | 'LateInitialize' | '*';

export interface ObjectOptions {
  /** metadata.name of the Object (cluster scoped, so unique across the cluster). */
  name: string;
  providerConfigName: string;
  /** Defaults to full management (`*`). */
  managementPolicies?: readonly ManagementPolicy[];
  /** Readiness policy; provider-kubernetes' default is SuccessfulCreate. */
  readiness?: 'SuccessfulCreate' | 'DeriveFromObject' | 'AllTrue';
  labels?: Record<string, string>;
  /** Fields of other objects (a generated Secret) the Object publishes as its connection details. */
  connectionDetails?: readonly ObjectConnectionDetail[];
  /** Where the Object writes those connection details; Crossplane reads them from there. */
  writeConnectionSecretToRef?: { name: string; namespace: string };
  /**
   * Fields provider-kubernetes copies into the manifest from other objects
   * (a Secret's data), so their values never pass through the function.
   */
  patchesFrom?: readonly ObjectPatch[];
}

export interface ObjectPatch {
  from: { apiVersion: string; kind: string; name: string; namespace: string; fieldPath: string };
  toFieldPath: string;
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
  const spec: Record<string, unknown> = {
    forProvider: { manifest },
    providerConfigRef: { name: opts.providerConfigName },
  };
  if (opts.managementPolicies) spec['managementPolicies'] = [...opts.managementPolicies];
  if (opts.readiness) spec['readiness'] = { policy: opts.readiness };
  if (opts.connectionDetails) spec['connectionDetails'] = opts.connectionDetails.map((d) => ({ ...d }));
  if (opts.writeConnectionSecretToRef) spec['writeConnectionSecretToRef'] = { ...opts.writeConnectionSecretToRef };
  if (opts.patchesFrom) spec['references'] = opts.patchesFrom.map((p) => ({ patchesFrom: { ...p.from }, toFieldPath: p.toFieldPath }));
  return {
    apiVersion: OBJECT_API_VERSION,
    kind: OBJECT_KIND,
    metadata: { name: opts.name, ...(opts.labels ? { labels: opts.labels } : {}) },
    spec: spec as KubeObject['spec'],
  };
}

/** The manifest provider-kubernetes observed in the cluster, once it has. */
export function observedManifest(object: KubeObject | undefined): KubeObject | undefined {
  const manifest = getObject(object, 'status.atProvider.manifest');
  if (!manifest || typeof manifest['apiVersion'] !== 'string' || typeof manifest['kind'] !== 'string') return undefined;
  return manifest as unknown as KubeObject;
}
