import { getObject, observedMissing, wrapObject, type KubeObject } from '../src/index.js';

const object = (status: Record<string, unknown>): KubeObject =>
  ({ apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', status }) as KubeObject;
const synced = (s: string, message?: string) => ({ conditions: [{ type: 'Synced', status: s, ...(message ? { message } : {}) }] });

describe('observedMissing', () => {
  test('is true only when provider-kubernetes reports that what it observes does not exist', () => {
    expect(observedMissing(object(synced('False', 'cannot observe external resource: external resource does not exist')))).toBe(true);
    expect(observedMissing(object(synced('False', 'cannot get object: connection refused')))).toBe(false);
  });

  test('is false once a manifest is observed, and unknown before the Object reports', () => {
    expect(observedMissing(object({ atProvider: { manifest: { apiVersion: 'v1', kind: 'Secret' } }, ...synced('True') }))).toBe(false);
    expect(observedMissing(object(synced('True')))).toBeUndefined();
    expect(observedMissing(object({}))).toBeUndefined();
    expect(observedMissing(undefined)).toBeUndefined();
  });
});

test('an Object carries references that patch its manifest from other objects', () => {
  const o = wrapObject(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'copy', namespace: 'b' } },
    {
      name: 'copy',
      providerConfigName: 'kubernetes',
      references: [
        { patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: 'src', namespace: 'a', fieldPath: 'data.key' }, toFieldPath: 'data.other' },
      ],
    },
  );
  expect(o['spec']).toMatchObject({
    references: [
      { patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: 'src', namespace: 'a', fieldPath: 'data.key' }, toFieldPath: 'data.other' },
    ],
  });
});

test('an Object is ready by a CEL query over what it observes, or by a named policy', () => {
  const manifest = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'n' } };
  const cel = wrapObject(manifest, { name: 'c', providerConfigName: 'kubernetes', readiness: { celQuery: 'has(object.data)' } });
  expect(cel['spec']).toMatchObject({ readiness: { policy: 'DeriveFromCelQuery', celQuery: 'has(object.data)' } });
  const named = wrapObject(manifest, { name: 'c', providerConfigName: 'kubernetes', readiness: 'DeriveFromObject' });
  expect(named['spec']).toMatchObject({ readiness: { policy: 'DeriveFromObject' } });
  expect(getObject(named, 'spec.readiness')).not.toHaveProperty('celQuery');
  expect(wrapObject(manifest, { name: 'c', providerConfigName: 'kubernetes' })['spec']).not.toHaveProperty('readiness');
});
