// The one whole-response golden: it catches what no case in cases/ states.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStageCases, runStageCase } from '@appcat/catalog';
import { runFunction } from '../src/function.js';

const golden = loadStageCases(dirname(fileURLToPath(import.meta.url))).find((c) => c.file === 'response.golden.yaml')!;

test(`${golden.stage}: the whole response`, async () => {
  const { actual, expected } = await runStageCase(golden, runFunction, 'function-appcat-exoscale-postgresql');
  expect(actual).toEqual(expected);
});
