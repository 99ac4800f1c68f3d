// Example cases: every directory under examples/ that holds an xr.yaml.
// The XR names its composition (spec.compositionRef); observed.yaml, when
// present, is the observed state of its composed resources. The golden is
// expected.yaml (the rendered output) or expected.error (the message of a
// render that must fail).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';

export interface ExampleCase {
  /** Path relative to the repository root, e.g. examples/objectbucket/minio/ready. */
  id: string;
  dir: string;
  xr: string;
  observed?: string;
  composition: string;
  xrd: string;
  /** `details.yaml`: observed connection details the Crossplane CLI cannot pass (may not exist). */
  details: string;
  expectedOutput: string;
  expectedError: string;
}

function walk(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...walk(path));
    else if (entry === 'xr.yaml') found.push(dir);
  }
  return found;
}

function indexBy(dir: string, key: (doc: JsonObject) => string | undefined): Map<string, string> {
  const index = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of readYamlDocuments(join(dir, file))) {
      const k = key(doc);
      if (k) index.set(k, join(dir, file));
    }
  }
  return index;
}

/** The Functions the compositions of these cases call. */
export function functionsOf(cases: readonly ExampleCase[]): Set<string> {
  const names = new Set<string>();
  for (const c of cases) {
    for (const comp of readYamlDocuments(c.composition)) {
      const pipeline = isObject(comp['spec']) ? comp['spec']['pipeline'] : undefined;
      for (const step of Array.isArray(pipeline) ? pipeline : []) {
        const name = getString(step, 'functionRef.name');
        if (name) names.add(name);
      }
    }
  }
  return names;
}

/** The example whose directory is `id` (examples/<service>/<case>/<stage>). */
export function exampleAt(root: string, id: string): ExampleCase {
  const found = findExamples(root, id).find((c) => c.id === id);
  if (!found) throw new Error(`no example ${id} (a directory with an xr.yaml)`);
  return found;
}

export function findExamples(root: string, filter?: string): ExampleCase[] {
  const compositions = indexBy(join(root, 'compositions'), (d) => (d['kind'] === 'Composition' ? getString(d, 'metadata.name') : undefined));
  const xrds = indexBy(join(root, 'xrds'), (d) => `${getString(d, 'spec.group')}/${getString(d, 'spec.names.kind')}`);
  return walk(join(root, 'examples'))
    .map((dir) => {
      const id = relative(root, dir);
      const xrPath = join(dir, 'xr.yaml');
      const [xr] = readYamlDocuments(xrPath);
      const compositionName = getString(xr, 'spec.compositionRef.name');
      const composition = compositionName ? compositions.get(compositionName) : undefined;
      if (!composition)
        throw new Error(`${id}/xr.yaml: spec.compositionRef.name ${JSON.stringify(compositionName)} names no composition in compositions/`);
      const group = getString(xr, 'apiVersion')?.split('/')[0];
      const xrd = xrds.get(`${group}/${getString(xr, 'kind')}`);
      if (!xrd) throw new Error(`${id}/xr.yaml: no XRD in xrds/ defines ${getString(xr, 'apiVersion')} ${getString(xr, 'kind')}`);
      const observed = join(dir, 'observed.yaml');
      return {
        id,
        dir,
        xr: xrPath,
        ...(existsSync(observed) ? { observed } : {}),
        composition,
        xrd,
        details: join(dir, 'details.yaml'),
        expectedOutput: join(dir, 'expected.yaml'),
        expectedError: join(dir, 'expected.error'),
      };
    })
    .filter((c) => !filter || c.id.includes(filter));
}
