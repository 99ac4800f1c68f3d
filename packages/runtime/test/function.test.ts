import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunFunctionRequest } from '../src/index.js';
import { loadTableCases, runTableCase } from '../src/testing.js';
import { testFunction } from './fixtures.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

describe('runtime: whole responses', () => {
  test.each(loadTableCases(dir).map((c) => [c.file, c.reason, c] as const))('%s: %s', async (_file, _reason, c) => {
    const { actual, expected } = await runTableCase(dir, c, testFunction);
    expect(actual).toEqual(expected);
  });
});

describe('runtime: resource names are plain keys', () => {
  test('observed resources named like Object members are kept when a step fails, and never taken as present', async () => {
    const object = (name: string) => ({
      resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } },
    });
    const rsp = await testFunction(
      RunFunctionRequest.fromJSON({
        input: { fail: 'boom' },
        observed: {
          composite: { resource: { apiVersion: 'example.org/v1', kind: 'XThing', metadata: { name: 'thing-1' }, spec: {} } },
          resources: { constructor: object('a'), toString: object('b'), ['__proto__']: object('c'), hasOwnProperty: object('d') },
        },
      }),
    );
    expect(Object.keys(rsp.desired?.resources ?? {}).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(rsp.desired?.resources['constructor']?.resource).toEqual(object('a').resource);
  });
});
