import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunFunctionRequest, Severity } from '../src/index.js';
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

describe('runtime: bad requests', () => {
  const composite = { apiVersion: 'example.org/v1', kind: 'XThing', metadata: { name: 'thing-1' }, spec: {} };
  const run = (json: Record<string, unknown>) => testFunction(RunFunctionRequest.fromJSON(json));
  const results = (rsp: Awaited<ReturnType<typeof run>>) => rsp.results.map((r) => ({ severity: r.severity, message: r.message }));

  test('a resource without apiVersion or kind from an earlier step is not passed on, and a warning names it', async () => {
    const rsp = await run({
      observed: { composite: { resource: composite } },
      desired: { resources: { junk: { resource: { metadata: { name: 'x' } } }, good: { resource: { apiVersion: 'v1', kind: 'Secret' } } } },
    });
    expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['good']);
    expect(results(rsp)).toEqual([
      { severity: Severity.SEVERITY_WARNING, message: 'desired resource "junk" of an earlier step has no apiVersion or kind and is not passed on' },
    ]);
  });

  test('an observed resource without apiVersion or kind is not desired on a FATAL result; the well-formed ones are', async () => {
    const rsp = await run({
      input: { fail: 'boom' },
      observed: {
        composite: { resource: composite },
        resources: { junk: { resource: { spec: {} } }, kept: { resource: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'k' } } } },
      },
    });
    expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['kept']);
    expect(results(rsp)).toEqual([
      { severity: Severity.SEVERITY_FATAL, message: 'step fail failed: boom' },
      { severity: Severity.SEVERITY_WARNING, message: 'observed resource "junk" has no apiVersion or kind and is not passed on' },
    ]);
  });

  test.each([
    ['no name', { ...composite, metadata: {} }, 'metadata.name: the composite has no name, so nothing can be named after it'],
    ['an empty name', { ...composite, metadata: { name: '' } }, 'metadata.name: the composite has no name, so nothing can be named after it'],
    ['a number as name', { ...composite, metadata: { name: 7 } }, 'metadata.name: the composite has no name, so nothing can be named after it'],
    [
      'a name no API server accepts',
      { ...composite, metadata: { name: 'Not A Name' } },
      'metadata.name: "Not A Name" is not a Kubernetes object name',
    ],
    ['a number as uid', { ...composite, metadata: { name: 'thing-1', uid: 42 } }, 'metadata.uid: must be a string'],
    [
      'a label that is no string',
      { ...composite, metadata: { name: 'thing-1', labels: { 'crossplane.io/claim-name': 3 } } },
      'metadata.labels: must map names to strings',
    ],
  ])('a composite with %s is one FATAL result naming the field', async (_what, xr, message) => {
    const rsp = await run({ observed: { composite: { resource: xr } } });
    expect(results(rsp)).toEqual([{ severity: Severity.SEVERITY_FATAL, message }]);
  });

  test('a message names the first 10 problems and counts the rest', async () => {
    const params = { size: { plan: 'standard-2' }, ...Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`typo${i}`, i])) };
    const rsp = await run({ observed: { composite: { resource: { ...composite, spec: { parameters: params } } } } });
    const [fatal] = results(rsp);
    expect(fatal?.message.match(/unknown field/g)).toHaveLength(10);
    expect(fatal?.message).toMatch(/^spec\.parameters\.typo0: unknown field; allowed fields: size; .*; and 490 more$/);
    expect(rsp.conditions.find((c) => c.type === 'ServiceReady')?.message?.length).toBeLessThan(1000);
  });
});
