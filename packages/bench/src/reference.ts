// The Go composition functions `make bench` runs beside ours: the input that
// makes function-patch-and-transform compose what function-appcat-vshn-postgresql
// composes, and the summary by which the two outputs are compared.
import { join } from 'node:path';
import { getObject, getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';

/** The example the input was derived from (its last stage's golden). */
export const PATCH_AND_TRANSFORM_EXAMPLE = 'examples/vshn-postgresql/full';

/** function-patch-and-transform's Resources input, as reviewed in packages/bench. */
export function readPatchAndTransformInput(root: string): JsonObject {
  const [input] = readYamlDocuments(join(root, 'packages', 'bench', 'patch-and-transform.yaml'));
  if (!isObject(input) || input['kind'] !== 'Resources') throw new Error('packages/bench/patch-and-transform.yaml: expected one Resources document');
  return input;
}

const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** How many patches the input applies per call: environment patches, and each resource's with patch sets expanded. */
export function patchCount(input: JsonObject): number {
  const sets = new Map(list(input['patchSets']).map((s) => [getString(s, 'name') ?? '', list(s['patches']).length]));
  const env = list(getObject(input, 'environment')?.['patches']).length;
  return list(input['resources']).reduce(
    (n, r) => n + list(r['patches']).reduce((m, p) => m + (p['type'] === 'PatchSet' ? (sets.get(getString(p, 'patchSetName') ?? '') ?? 0) : 1), 0),
    env,
  );
}

/** What identifies a composed resource: its kind and name, and those of the object a provider-kubernetes Object manages. */
export interface ComposedIdentity {
  apiVersion?: string;
  kind?: string;
  name?: string;
  manifest?: { apiVersion?: string; kind?: string; name?: string; namespace?: string };
}

/** Composed resources (by composition resource name) reduced to what must match between two functions' outputs. */
export function composedIdentities(resources: Record<string, JsonObject>): Record<string, ComposedIdentity> {
  const out: Record<string, ComposedIdentity> = {};
  for (const name of Object.keys(resources).sort()) {
    const r = resources[name];
    const manifest = getObject(r, 'spec.forProvider')?.['manifest'];
    out[name] = {
      apiVersion: getString(r, 'apiVersion'),
      kind: getString(r, 'kind'),
      name: getString(r, 'metadata.name'),
      ...(isObject(manifest)
        ? {
            manifest: {
              apiVersion: getString(manifest, 'apiVersion'),
              kind: getString(manifest, 'kind'),
              name: getString(manifest, 'metadata.name'),
              namespace: getString(manifest, 'metadata.namespace'),
            },
          }
        : {}),
    };
  }
  return out;
}
