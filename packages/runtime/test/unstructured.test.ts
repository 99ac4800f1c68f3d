// mergeObjects: how the functions lay settings over a manifest.
import { mergeObjects, type JsonObject } from '@appcat/runtime';

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
