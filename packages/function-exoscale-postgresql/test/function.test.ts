import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTableCases, runTableCase } from '@appcat/runtime/testing';
import { runFunction } from '../src/function.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

describe('ExoscalePostgreSQL RunFunction', () => {
  test.each(loadTableCases(dir).map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const { actual, expected } = await runTableCase(dir, c, runFunction);
    expect(actual).toEqual(expected);
  });
});
