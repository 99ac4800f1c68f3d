// Discovery documents: the legacy ones (/apis, /apis/<group>,
// /apis/<group>/<version>) and the aggregated apidiscovery.k8s.io/v2 list the
// aggregator asks /apis for (KEP-3352); with any other Accept it falls back
// to legacy discovery.
import { GROUP, KIND, PLURAL, SHORT_NAMES, SINGULAR, VERSION } from './entity.js';

export const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];
const GROUP_VERSION = `${GROUP}/${VERSION}`;

export function apiGroup(): Record<string, unknown> {
  const gv = { groupVersion: GROUP_VERSION, version: VERSION };
  return { kind: 'APIGroup', apiVersion: 'v1', name: GROUP, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(): Record<string, unknown> {
  const { kind: _k, apiVersion: _a, ...group } = apiGroup();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [group] };
}

export function apiResourceList(): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: GROUP_VERSION,
    resources: [{ name: PLURAL, singularName: SINGULAR, namespaced: false, kind: KIND, verbs: VERBS, shortNames: SHORT_NAMES }],
  };
}

/** The aggregated discovery version an Accept header asks for, if any (v2, or the older v2beta1). */
export function aggregatedDiscoveryVersion(accept: string): 'v2' | 'v2beta1' | undefined {
  for (const part of accept.split(',')) {
    const p = part.replace(/\s/g, '');
    if (p.includes('g=apidiscovery.k8s.io') && p.includes('as=APIGroupDiscoveryList')) {
      if (p.includes('v=v2beta1')) return 'v2beta1';
      if (p.includes('v=v2')) return 'v2';
    }
  }
  return undefined;
}

export function aggregatedDiscoveryContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

export function apiGroupDiscoveryList(version: 'v2' | 'v2beta1'): Record<string, unknown> {
  return {
    kind: 'APIGroupDiscoveryList',
    apiVersion: `apidiscovery.k8s.io/${version}`,
    metadata: {},
    items: [
      {
        metadata: { name: GROUP },
        versions: [
          {
            version: VERSION,
            resources: [
              {
                resource: PLURAL,
                responseKind: { group: GROUP, version: VERSION, kind: KIND },
                scope: 'Cluster',
                singularResource: SINGULAR,
                shortNames: SHORT_NAMES,
                verbs: VERBS,
              },
            ],
            freshness: 'Current',
          },
        ],
      },
    ],
  };
}
