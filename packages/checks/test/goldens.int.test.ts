// Every example rendered through the real Crossplane CLI with our functions
// must match its golden: the rendered YAML, or the error of a render that
// must fail. `make update-goldens` rewrites them; review that diff.
import { diffStringsUnified } from 'jest-diff';
import { findExamples, functionsOf, repoRoot, startFunctions, type RunningFunctions } from '@appcat/catalog';
import { crankPath, expectedOutcome, renderAll, type RenderOutcome } from '../src/index.js';

const root = repoRoot();
const cases = findExamples(root);
let fns: RunningFunctions | undefined;
let outcomes: RenderOutcome[] = [];

beforeAll(async () => {
  fns = await startFunctions(root, functionsOf(cases));
  outcomes = await renderAll(crankPath(root), cases, fns.functionsFile);
}, 300_000);

afterAll(async () => {
  await fns?.stop();
});

test('there are examples for every service with a composition', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases.map((c, i) => [c.id, i] as const))('%s', (_id, i) => {
  test('renders as its golden says', () => {
    const c = cases[i]!;
    const outcome = outcomes[i]!;
    const expected = expectedOutcome(c);
    if (!expected) throw new Error(`${c.id} has no golden: run make update-goldens and review it`);
    if (expected.ok !== outcome.ok) {
      throw new Error(
        `${c.id}: render ${outcome.ok ? 'succeeded' : `failed: ${outcome.text}`}, but the golden expects ${expected.ok ? 'success' : `failure: ${expected.text}`}`,
      );
    }
    if (outcome.text !== expected.text) {
      throw new Error(`${c.id} differs from its golden:\n${diffStringsUnified(expected.text, outcome.text)}`);
    }
  });
});

test('every function served its renders and exits 0 on SIGTERM', async () => {
  const codes = await fns!.stop();
  expect(codes.size).toBeGreaterThan(0);
  expect([...codes].filter(([, code]) => code !== 0)).toEqual([]);
});
