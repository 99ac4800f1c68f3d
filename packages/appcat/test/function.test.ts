import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTableCases, runTableCase } from '@appcat/runtime/testing';
import { testFunction } from './fixtures.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

describe('appcat: whole responses', () => {
  test.each(loadTableCases(dir).map((c) => [c.file, c.reason, c] as const))('%s: %s', async (_file, _reason, c) => {
    const { actual, expected } = await runTableCase(dir, c, testFunction);
    expect(actual).toEqual(expected);
  });
});
