import { parseAllDocuments } from 'yaml';
import { isObject, type KubeObject } from '@appcat/runtime';

/** The composed resources of a render: every document but the XR (the first) and the results. */
export function composedResources(rendered: string): KubeObject[] {
  const docs = parseAllDocuments(rendered)
    .map((d) => d.toJS() as unknown)
    .filter((d): d is KubeObject => isObject(d) && typeof d['apiVersion'] === 'string' && typeof d['kind'] === 'string');
  return docs.slice(1).filter((d) => !d.apiVersion.startsWith('render.crossplane.io/'));
}
