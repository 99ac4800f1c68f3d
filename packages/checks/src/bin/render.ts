// `render [--update] [FILTER]`: renders every example (or those whose path
// contains FILTER) through the Crossplane CLI with our functions and prints
// the result. --update rewrites the goldens: review their diff before you
// commit, a golden is a claim about behaviour.
import { rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { findExamples, functionsOf, repoRoot, startFunctions } from '@appcat/catalog';
import { crankPath } from '../crank.js';
import { expectedOutcome, renderAll } from '../render.js';

const { values, positionals } = parseArgs({ options: { update: { type: 'boolean', default: false } }, allowPositionals: true });
const update = values.update;
const filter = positionals[0];
const root = repoRoot();
const cases = findExamples(root, filter);
const fns = await startFunctions(root, functionsOf(cases));
let unexpected = 0;
try {
  const outcomes = await renderAll(crankPath(root), cases, fns.functionsFile);
  cases.forEach((c, i) => {
    const outcome = outcomes[i];
    if (!outcome) throw new Error(`${c.id}: no render outcome`);
    const expected = expectedOutcome(c);
    process.stdout.write(`# ${c.id}${outcome.ok ? '' : ' (render failed, as its golden expects)'}\n`);
    process.stdout.write(outcome.ok ? outcome.text : `${outcome.text.trimEnd().replace(/^/gm, '# ')}\n`);
    if (update) {
      rmSync(outcome.ok ? c.expectedError : c.expectedOutput, { force: true });
      writeFileSync(outcome.ok ? c.expectedOutput : c.expectedError, outcome.text);
    } else if (!expected || expected.ok !== outcome.ok) {
      unexpected++;
      process.stderr.write(`${c.id}: render ${outcome.ok ? 'succeeded' : 'failed'}, its golden expects ${expected ? (expected.ok ? 'success' : 'failure') : 'nothing (no golden yet: run make update-goldens)'}\n`);
    }
  });
  process.stderr.write(`rendered ${cases.length} examples${update ? ', goldens updated' : ''}\n`);
} finally {
  await fns.stop();
}
process.exit(unexpected > 0 ? 1 : 0);
