// Owner labels: every composed object names the top-level service it belongs
// to, so tools find a service's objects across nested composites.
import type { KubeObject } from '@appcat/runtime';

export const OWNER_COMPOSITE = 'appcat.vshn.io/ownercomposite';
export const OWNER_KIND = 'appcat.vshn.io/ownerkind';
export const OWNER_GROUP = 'appcat.vshn.io/ownergroup';
export const OWNER_API_VERSION = 'appcat.vshn.io/ownerapiversion';

/** The owner labels of everything composed for `composite`: the labels hook of every function. */
export function ownerLabels(composite: KubeObject): Record<string, string> {
  // group/version, or a core version alone; split by hand (the labels are built on every call).
  const apiVersion = composite.apiVersion;
  const slash = apiVersion.indexOf('/');
  const next = slash < 0 ? -1 : apiVersion.indexOf('/', slash + 1);
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : next < 0 ? apiVersion.slice(slash + 1) : apiVersion.slice(slash + 1, next);
  // Literal keys (the constants above, in their order): an object literal of computed keys is built key by key, several times slower.
  return {
    'appcat.vshn.io/ownercomposite': composite.metadata?.name ?? '',
    'appcat.vshn.io/ownerkind': composite.kind,
    'appcat.vshn.io/ownergroup': group,
    'appcat.vshn.io/ownerapiversion': version,
  };
}
