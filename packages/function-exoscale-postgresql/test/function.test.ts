import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStageCases, runStageCase } from '@appcat/catalog';
import { runFunction } from '../src/function.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

describe('ExoscalePostgreSQL RunFunction', () => {
  test.each(loadStageCases(dir).map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const { actual, expected } = await runStageCase(c, runFunction, 'function-appcat-exoscale-postgresql');
    expect(actual).toEqual(expected);
  });
});
