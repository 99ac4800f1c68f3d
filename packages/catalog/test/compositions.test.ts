// The catalog's compositions: a kind that several compositions offer has a
// default that exists, so a claim without a selector is deterministic.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getString, readYamlDocuments } from '@appcat/runtime';
import { repoRoot } from '../src/index.js';

const root = repoRoot();
const docsIn = (dir: string) => readdirSync(join(root, dir)).flatMap((f) => readYamlDocuments(join(root, dir, f)));
const compositions = docsIn('compositions').filter((d) => d['kind'] === 'Composition');
const xrds = docsIn('xrds');

test.each(xrds.map((x) => [getString(x, 'spec.names.kind') ?? '', x] as const))('%s: one composition, or a default that exists', (kind, xrd) => {
  const offering = compositions.filter((c) => getString(c, 'spec.compositeTypeRef.kind') === kind).map((c) => getString(c, 'metadata.name'));
  expect(offering.length).toBeGreaterThan(0);
  const fallback = getString(xrd, 'spec.defaultCompositionRef.name');
  if (offering.length > 1) expect(offering).toContain(fallback);
  else if (fallback !== undefined) expect(offering).toEqual([fallback]);
});
