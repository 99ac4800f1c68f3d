// The catalog's deletion-protection policy covers every claim and composite
// whose XRD has spec.parameters.security.deletionProtection, and only DELETE.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getObject, getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const xrds = readdirSync(join(root, 'xrds')).flatMap((f) => readYamlDocuments(join(root, 'xrds', f)));
const [policy, binding] = readYamlDocuments(join(root, 'admission', 'deletion-protection.yaml'));

function hasDeletionProtection(xrd: JsonObject): boolean {
  const versions = getObject(xrd, 'spec')?.['versions'];
  return (
    Array.isArray(versions) &&
    versions.some((v) =>
      getObject(v, 'schema.openAPIV3Schema.properties.spec.properties.parameters.properties.security.properties.deletionProtection'),
    )
  );
}

const rules = (getObject(policy, 'spec.matchConstraints')?.['resourceRules'] ?? []) as JsonObject[];
const covered = new Set(
  rules.flatMap((r) => ((r['apiGroups'] ?? []) as string[]).flatMap((g) => ((r['resources'] ?? []) as string[]).map((res) => `${res}.${g}`))),
);

test.each(xrds.filter(hasDeletionProtection).map((x) => [getString(x, 'spec.names.kind') ?? '', x] as const))(
  '%s and its claim are covered',
  (_kind, xrd) => {
    const group = getString(xrd, 'spec.group') ?? '';
    expect(covered).toContain(`${getString(xrd, 'spec.names.plural') ?? ''}.${group}`);
    if (isObject(getObject(xrd, 'spec')?.['claimNames'])) expect(covered).toContain(`${getString(xrd, 'spec.claimNames.plural') ?? ''}.${group}`);
  },
);

test('VSHNPostgreSQL and ObjectBucket have the field', () => {
  expect(xrds.filter(hasDeletionProtection).map((x) => getString(x, 'spec.names.kind'))).toEqual(
    expect.arrayContaining(['XVSHNPostgreSQL', 'XObjectBucket']),
  );
});

test('only DELETE is matched, and the binding denies', () => {
  expect(rules.every((r) => JSON.stringify(r['operations']) === '["DELETE"]')).toBe(true);
  expect(getString(binding, 'spec.policyName')).toBe(getString(policy, 'metadata.name'));
  expect(getObject(binding, 'spec')?.['validationActions']).toEqual(['Deny']);
});

/** A schema without its descriptions: what a claim may write. */
function shape(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(shape);
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== 'description')
      .map(([k, v]) => [k, shape(v)]),
  );
}

test('every security group accepts the same fields, types and defaults (SecurityParameters)', () => {
  const groups = xrds
    .filter(hasDeletionProtection)
    .map((x) => (getObject(x, 'spec')?.['versions'] as JsonObject[])[0])
    .map((v) => shape(getObject(v, 'schema.openAPIV3Schema.properties.spec.properties.parameters.properties.security')));
  expect(groups.length).toBeGreaterThanOrEqual(2);
  for (const g of groups) expect(g).toEqual(groups[0]);
  expect(Object.keys((groups[0] as { properties: object }).properties).sort()).toEqual([
    'allowAllNamespaces',
    'allowedGroups',
    'allowedNamespaces',
    'allowedUsers',
    'deletionProtection',
  ]);
});
