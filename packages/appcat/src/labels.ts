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
  // Literal keys (the constants above, in their order): an object literal of computed keys is built key by key, several times slower.
  return {
    'appcat.vshn.io/ownercomposite': composite.metadata?.name ?? '',
    'appcat.vshn.io/ownerkind': composite.kind,
    'appcat.vshn.io/ownergroup': group ?? '',
    'appcat.vshn.io/ownerapiversion': version ?? '',
  };
}
