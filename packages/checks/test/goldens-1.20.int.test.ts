// Every example rendered by Crossplane 1.20's CLI (tools/crossplane-1.20)
// against the same goldens as the pinned 2.x CLI. In 1.20 `render` is
// already a top-level command (`crossplane beta render` is gone; it answers
// "unexpected argument render"), and it has no --xrd, so the XR is rendered
// as written. Three differences of 1.20's render are explained and
// normalised, and each is checked to be exactly what 1.20 does:
// - composed resources get `metadata.generateName: <xr>-`;
// - composed resources are labelled crossplane.io/composite with the XR's
//   own name, without the claim labels a nested XR inherited (2.x copies the
//   XR's labels);
// - the XR's Ready condition is derived from the composed resources alone:
//   1.20 render ignores the readiness a function gives the composite, which
//   our functions use to stay unready while they wait (ServiceReady carries
//   the service's own view on both lines and is compared as it is).
import { parseAllDocuments } from 'yaml';
import { findExamples, functionsOf, repoRoot, startFunctions, type RunningFunctions } from '@appcat/catalog';
import { getPath, getString, isObject, type JsonObject } from '@appcat/runtime';
import { crossplaneCLI } from '@appcat/testenv';
import { expectedOutcome, type RenderOutcome } from '../src/index.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = repoRoot();
const cases = findExamples(root);
const cli = crossplaneCLI('1.20');
let fns: RunningFunctions | undefined;
let outcomes: RenderOutcome[] = [];

const NESTING_LABELS = ['crossplane.io/composite', 'crossplane.io/claim-name', 'crossplane.io/claim-namespace'];

async function render1_20(xr: string, composition: string, functions: string, observed?: string): Promise<RenderOutcome> {
  const args = ['render', xr, composition, functions, '--include-function-results', ...(observed ? ['--observed-resources', observed] : [])];
  try {
    const { stdout } = await run(cli, args, { maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, text: stdout };
  } catch (err) {
    const e = err as { code?: number | string; stderr?: string; message: string };
    if (typeof e.code !== 'number') throw err;
    return { ok: false, text: `${(e.stderr ?? e.message).trim()}\n` };
  }
}

function docsOf(text: string): JsonObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter(isObject);
}

/** The documents with the three explained differences taken out (see the top of this file). */
function normalised(docs: JsonObject[]): JsonObject[] {
  return docs.map((d, i) => {
    const copy = JSON.parse(JSON.stringify(d)) as JsonObject;
    const metadata = isObject(copy['metadata']) ? copy['metadata'] : {};
    delete metadata['generateName'];
    if (i === 0) {
      const status = isObject(copy['status']) ? copy['status'] : undefined;
      if (status && Array.isArray(status['conditions'])) status['conditions'] = status['conditions'].filter((c) => getString(c, 'type') !== 'Ready');
    } else if (isObject(metadata['labels'])) {
      metadata['labels'] = Object.fromEntries(Object.entries(metadata['labels']).filter(([k]) => !NESTING_LABELS.includes(k)));
    }
    return copy;
  });
}

beforeAll(async () => {
  fns = await startFunctions(root, functionsOf(cases));
  const functionsFile = fns.functionsFile;
  outcomes = [];
  for (const c of cases) outcomes.push(await render1_20(c.xr, c.composition, functionsFile, c.observed));
}, 300_000);

afterAll(async () => {
  await fns?.stop();
});

describe.each(cases.map((c, i) => [c.id, i] as const))('%s with Crossplane 1.20', (_id, i) => {
  test('renders as its golden says, but for the explained differences', () => {
    const c = cases[i]!;
    const outcome = outcomes[i]!;
    const expected = expectedOutcome(c);
    if (!expected) throw new Error(`${c.id} has no golden`);
    expect(outcome.ok).toBe(expected.ok);
    if (!expected.ok) {
      expect(outcome.text).toBe(expected.text);
      return;
    }
    const got = docsOf(outcome.text);
    expect(normalised(got)).toEqual(normalised(docsOf(expected.text)));
    // What was normalised is what 1.20 does.
    const xrName = getString(got[0], 'metadata.name') ?? '';
    for (const d of got.slice(1).filter((x) => getString(x, 'kind') !== 'Result')) {
      expect([getString(d, 'metadata.generateName'), getPath(d, 'metadata.labels')]).toEqual([
        `${xrName}-`,
        expect.objectContaining({ 'crossplane.io/composite': xrName }),
      ]);
    }
  });
});
