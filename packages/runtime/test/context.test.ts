import { RunFunctionRequest } from '../src/index.js';
import { newOutcome, ServiceContext } from '../src/context.js';
import { dnsName } from '../src/names.js';

const contextFor = (name: string): ServiceContext<object, object> => {
  const req = RunFunctionRequest.fromJSON({
    observed: { composite: { resource: { apiVersion: 'example.org/v1', kind: 'XThing', metadata: { name } } } },
  });
  return new ServiceContext<object, object>(req, {}, {}, newOutcome(req));
};

describe('ServiceContext.nameFor', () => {
  // Names are kept per composite between calls: whatever was asked before, a name is dnsName's.
  const asks: string[][] = [['db'], ['a', 'b'], ['a-b'], ['a\u0000b'], ['["a","b"]'], ['a', ''], ['a'], ['User', 'Ä'], []];

  test('gives the same names as dnsName, in any order and on every call', () => {
    for (const order of [asks, [...asks].reverse()]) {
      for (const composite of ['pg-1', 'pg-2', 'pg-1']) {
        const ctx = contextFor(composite);
        for (const suffix of order) expect(ctx.nameFor(...suffix)).toBe(dnsName([composite, ...suffix]));
      }
    }
  });

  test('never takes one suffix for several, nor the other way round', () => {
    const ctx = contextFor('pg-3');
    expect(ctx.nameFor('a', 'b')).toBe('pg-3-a-b');
    expect(ctx.nameFor('a\u0000b')).not.toBe('pg-3-a-b');
    expect(ctx.nameFor('["a","b"]')).not.toBe('pg-3-a-b');
  });
});

describe('ServiceContext.once', () => {
  test('computes a value once per context, undefined included', () => {
    let calls = 0;
    const compute = (): string | undefined => {
      calls++;
      return calls > 0 ? undefined : 'never';
    };
    const ctx = contextFor('pg-4');
    expect(ctx.once(compute)).toBeUndefined();
    expect(ctx.once(compute)).toBeUndefined();
    expect(calls).toBe(1);
    contextFor('pg-4').once(compute);
    expect(calls).toBe(2);
  });
});
