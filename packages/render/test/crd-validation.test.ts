// Every composed resource of every golden, and the manifest inside every
// provider-kubernetes Object, validates strictly against its real schema.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { composedResources, findExamples, loadKubeOpenAPI, repoRoot, SchemaCatalog, sharedDir } from '../src/index.js';

const root = repoRoot();
const catalog = new SchemaCatalog()
  .addCRDs(join(sharedDir(root), 'crds'))
  .addCRDs(join(root, 'xrds'))
  .addKubernetes(loadKubeOpenAPI(root, ['api__v1', 'apis__rbac.authorization.k8s.io__v1']));
const rendered = findExamples(root).filter((c) => existsSync(c.expectedOutput));

describe('the validator itself', () => {
  test('rejects a field the CRD does not know, inside and outside an Object', () => {
    const errors = catalog.validate({
      apiVersion: 'kubernetes.crossplane.io/v1alpha2',
      kind: 'Object',
      metadata: { name: 'x', lables: { a: 'b' } },
      spec: {
        forProvider: { manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'y' }, date: { k: 'v' } } },
        providerConfigRef: { name: 'kubernetes' },
        deletionPolicy: 'Keep',
      },
    });
    expect(errors.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^metadata\.lables: unknown field/),
        expect.stringMatching(/^spec\.deletionPolicy: "Keep" is not allowed; allowed values: "Orphan", "Delete"/),
        expect.stringMatching(/^spec\.forProvider\.manifest\.date: unknown field/),
      ]),
    );
  });

  test('rejects a kind it has no schema for', () => {
    expect(catalog.validate({ apiVersion: 'example.org/v1', kind: 'Widget' }).map((e) => e.message)).toEqual(['.: no schema for example.org/v1 Widget']);
  });
});

describe.each(rendered.map((c) => [c.id, c.expectedOutput] as const))('%s', (_id, golden) => {
  const resources = composedResources(readFileSync(golden, 'utf8'));

  test('composes something', () => {
    expect(resources.length).toBeGreaterThan(0);
  });

  test.each(resources.map((r) => [`${r.kind} ${r.metadata?.name ?? ''}`, r] as const))('%s validates against its schema', (_name, r) => {
    expect(catalog.validate(r).map((e) => e.message)).toEqual([]);
  });
});
