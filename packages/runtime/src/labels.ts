import type { KubeObject } from './unstructured.js';

/** Labels that let tools find the top-level service of any composed object. */
export const OWNER_COMPOSITE = 'appcat.vshn.io/ownercomposite';
export const OWNER_KIND = 'appcat.vshn.io/ownerkind';
export const OWNER_GROUP = 'appcat.vshn.io/ownergroup';
export const OWNER_API_VERSION = 'appcat.vshn.io/ownerapiversion';

export const CLAIM_NAME = 'crossplane.io/claim-name';
export const CLAIM_NAMESPACE = 'crossplane.io/claim-namespace';

/** The owner labels of everything composed for `composite`. */
export function ownerLabels(composite: KubeObject): Record<string, string> {
  const [group, version] = composite.apiVersion.includes('/') ? composite.apiVersion.split('/') : ['', composite.apiVersion];
  return {
    [OWNER_COMPOSITE]: composite.metadata?.name ?? '',
    [OWNER_KIND]: composite.kind,
    [OWNER_GROUP]: group ?? '',
    [OWNER_API_VERSION]: version ?? '',
  };
}

/** Returns `obj` with `labels` added to its metadata (a copy; the input is not changed). */
export function withLabels<T extends KubeObject>(obj: T, labels: Record<string, string>): T {
  return { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata?.labels, ...labels } } };
}
