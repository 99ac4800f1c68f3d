// mergeObjects and deepClone: how the functions lay settings over a manifest and copy a request.
import { deepClone, mergeObjects, type JsonObject } from '@appcat/runtime';

describe('mergeObjects', () => {
  it('merges objects key by key, replaces every other value, and changes neither input', () => {
    const base: JsonObject = { pods: { persistentVolume: { size: '20Gi' }, disableEnvoy: true }, instances: 1, list: [1, 2] };
    const override: JsonObject = { pods: { persistentVolume: { storageClass: 'encrypted' }, disableEnvoy: false }, list: [3], extra: null };
    const before = JSON.stringify([base, override]);
    expect(mergeObjects(base, override)).toEqual({
      pods: { persistentVolume: { size: '20Gi', storageClass: 'encrypted' }, disableEnvoy: false },
      instances: 1,
      list: [3],
      extra: null,
    });
    expect(JSON.stringify([base, override])).toBe(before);
  });

  it('replaces an object with a scalar and a scalar with an object', () => {
    expect(mergeObjects({ a: { b: 1 }, c: 'x' }, { a: 'flat', c: { d: 2 } })).toEqual({ a: 'flat', c: { d: 2 } });
  });
});

describe('deepClone', () => {
  it('copies what structuredClone copies, in the same key order, sharing nothing', () => {
    const value = {
      resource: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'a', labels: { b: 'c' } }, list: [1, 'two', null, { three: true }] },
      connectionDetails: { password: Buffer.from('secret') },
      ready: 1,
      unset: undefined,
    };
    Object.defineProperty(value, '__proto__', { value: { data: 1 }, enumerable: true, writable: true, configurable: true });
    const copy = deepClone(value);
    const expected = structuredClone(value);
    expect(copy).toEqual(expected);
    expect(Object.keys(copy)).toEqual(Object.keys(expected));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    copy.resource.metadata.labels.b = 'changed';
    copy.connectionDetails.password[0] = 0;
    expect(value.resource.metadata.labels.b).toBe('c');
    expect(value.connectionDetails.password.toString()).toBe('secret');
  });
});
