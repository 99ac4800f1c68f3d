// Owner labels: every composed object names the top-level service it belongs
// to, so tools find a service's objects across nested composites.
import type { KubeObject } from '@appcat/runtime';

export const OWNER_COMPOSITE = 'appcat.vshn.io/ownercomposite';
export const OWNER_KIND = 'appcat.vshn.io/ownerkind';
export const OWNER_GROUP = 'appcat.vshn.io/ownergroup';
export const OWNER_API_VERSION = 'appcat.vshn.io/ownerapiversion';

/** The owner labels of everything composed for `composite`: the labels hook of every function. */
export function ownerLabels(composite: KubeObject): Record<string, string> {
  const [group, version] = composite.apiVersion.includes('/') ? composite.apiVersion.split('/') : ['', composite.apiVersion];
  return {
    [OWNER_COMPOSITE]: composite.metadata?.name ?? '',
    [OWNER_KIND]: composite.kind,
    [OWNER_GROUP]: group ?? '',
    [OWNER_API_VERSION]: version ?? '',
  };
}
