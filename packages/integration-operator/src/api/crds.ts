// The CRD files under deploy/crds, as text, from the schema source.
import { stringify } from 'yaml';
import { KINDS, crdOf } from './schema.js';

export const CRD_HEADER = '# Generated from src/api/schema.ts by `make generate`; do not edit.\n';

/** File name (under deploy/crds) to content. */
export function crdFiles(): Map<string, string> {
  return new Map(KINDS.map((k) => [`${k.plural}.yaml`, CRD_HEADER + stringify(crdOf(k), { lineWidth: 0, singleQuote: true })]));
}
