// function-patch-and-transform's input in `make bench` must compose what our
// function composes for the example it was derived from, or the comparison
// measures different work. Without the Go function (unit tier), the patches
// that decide a composed resource's identity are evaluated here: names and
// namespaces come only from composite field paths through string formats.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { deepClone, getObject, getString, isObject, readYamlDocuments, type JsonObject, type JsonValue } from '@appcat/runtime';
import { repoRoot } from '@appcat/catalog';
import { composedIdentities, patchCount, PATCH_AND_TRANSFORM_EXAMPLE, readPatchAndTransformInput } from '../src/reference.js';

const root = repoRoot();
const input = readPatchAndTransformInput(root);
const stageDir = join(root, PATCH_AND_TRANSFORM_EXAMPLE, readdirSync(join(root, PATCH_AND_TRANSFORM_EXAMPLE)).sort().at(-1) ?? '');
const [xr] = readYamlDocuments(join(stageDir, 'xr.yaml'));

/** The golden's composed resources by composition resource name. */
function golden(): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const doc of readYamlDocuments(join(stageDir, 'expected.yaml'))) {
    const name = getObject(doc, 'metadata.annotations')?.['crossplane.io/composition-resource-name'];
    if (typeof name === 'string') out[name] = doc;
  }
  return out;
}

/** A field path of the patch language: dots, and brackets for keys with dots or for indices. */
function segments(path: string): string[] {
  return [...path.matchAll(/([^.[\]]+)|\[([^\]]+)\]/g)].map((m) => m[1] ?? m[2] ?? '');
}

function fieldAt(obj: unknown, path: string): JsonValue | undefined {
  let cur: unknown = obj;
  for (const s of segments(path)) cur = isObject(cur) ? cur[s] : undefined;
  return cur as JsonValue | undefined;
}

function setField(obj: JsonObject, path: string, value: JsonValue): void {
  const keys = segments(path);
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    const next = cur[k];
    cur = isObject(next) ? next : (cur[k] = {});
  }
  cur[keys.at(-1) ?? ''] = value;
}

/** Go's fmt with %s verbs only, which is all a name patch may use here. */
function format(fmt: string, args: readonly JsonValue[]): string {
  let i = 0;
  const out = fmt.replace(/%(.)/g, (_, verb: string) => {
    if (verb === '%') return '%';
    if (verb !== 's') throw new Error(`name patch format ${JSON.stringify(fmt)}: only %s is evaluated here`);
    const a = args[i++];
    if (typeof a !== 'string') throw new Error(`name patch format ${JSON.stringify(fmt)}: argument ${i} is not a string`);
    return a;
  });
  if (i !== args.length) throw new Error(`name patch format ${JSON.stringify(fmt)}: ${args.length} arguments for ${i} verbs`);
  return out;
}

const IDENTITY_PATHS = new Set(['metadata.name', 'spec.forProvider.manifest.metadata.name', 'spec.forProvider.manifest.metadata.namespace']);
const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** Each input resource's base with the patches that set its identity applied to the example's composite. */
function composeIdentities(): Record<string, JsonObject> {
  const sets = new Map(list(input['patchSets']).map((s) => [getString(s, 'name'), list(s['patches'])]));
  const out: Record<string, JsonObject> = {};
  for (const r of list(input['resources'])) {
    const name = getString(r, 'name') ?? '';
    const composed = deepClone(getObject(r, 'base') ?? {});
    const patches = list(r['patches']).flatMap((p) => (p['type'] === 'PatchSet' ? (sets.get(getString(p, 'patchSetName')) ?? []) : [p]));
    for (const p of patches) {
      const to = getString(p, 'toFieldPath') ?? getString(p, 'fromFieldPath') ?? '';
      if (!IDENTITY_PATHS.has(to)) continue;
      const type = getString(p, 'type') ?? 'FromCompositeFieldPath';
      let value: JsonValue | undefined;
      if (type === 'FromCompositeFieldPath') value = fieldAt(xr, getString(p, 'fromFieldPath') ?? '');
      else if (type === 'CombineFromComposite')
        value = format(
          getString(p, 'combine.string.fmt') ?? '',
          list(getObject(p, 'combine')?.['variables']).map((v) => fieldAt(xr, getString(v, 'fromFieldPath') ?? '') ?? null),
        );
      else throw new Error(`${name}: a ${type} patch sets ${to}; only patches from the composite are evaluated here`);
      for (const t of list(p['transforms'])) {
        if (t['type'] !== 'string' || getString(t, 'string.type') !== 'Format')
          throw new Error(`${name}: ${to} is transformed by ${JSON.stringify(t)}; only string formats are evaluated here`);
        value = format(getString(t, 'string.fmt') ?? '', [value ?? null]);
      }
      if (value === undefined) throw new Error(`${name}: ${to} is patched from a field the composite does not have`);
      setField(composed, to, value);
    }
    out[name] = composed;
  }
  return out;
}

describe('function-patch-and-transform input of make bench', () => {
  it(`composes the same kinds and names as the golden of ${PATCH_AND_TRANSFORM_EXAMPLE}`, () => {
    const expected = golden();
    expect(Object.keys(expected).length).toBeGreaterThan(5);
    expect(composedIdentities(composeIdentities())).toEqual(composedIdentities(expected));
  });

  it('applies a fair amount of patches per call', () => {
    // Every value the golden takes from the composite is a patch; fewer than
    // this means the comparison lost work on the way.
    expect(patchCount(input)).toBeGreaterThanOrEqual(100);
  });
});
