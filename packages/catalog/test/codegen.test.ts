// The generated parts of an XRD: a nested service's parameters embedded from
// its own XRD, so the parent's API types them from one source of truth.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { getObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { EMBED_BEGIN, EMBED_END, embedParameters } from '../src/codegen.js';
import { repoRoot } from '../src/index.js';

const root = repoRoot();
const LABEL = 'xrds/vshn-postgresql.yaml';
const postgresql = readYamlDocuments(join(root, LABEL))[0]!;
const parameters = (xrd: unknown) => {
  const versions = getObject(xrd, 'spec')?.['versions'];
  return getObject(Array.isArray(versions) ? versions[0] : undefined, 'schema.openAPIV3Schema.properties.spec.properties.parameters');
};

/** A parent XRD with one generated part under spec.parameters.database, holding `body`. */
const parent = (body: string): string =>
  [
    'spec:',
    '  versions:',
    '    - schema:',
    '        openAPIV3Schema:',
    '          properties:',
    '            spec:',
    '              properties:',
    '                parameters:',
    '                  properties:',
    '                    database:',
    '                      type: object',
    '                      default: {}',
    `                      ${EMBED_BEGIN}${LABEL}`,
    body,
    `                      ${EMBED_END}`,
    '',
  ].join('\n');

test("the generated part is the nested XRD's parameters without their defaults, whatever it held before", () => {
  const out = embedParameters(parent('                      properties: { stale: { type: string } }'), { [LABEL]: postgresql }, 'parent');
  const database = getObject(parameters(parse(out)), 'properties.database');
  const nested = getObject(parameters(postgresql), 'properties');
  expect(Object.keys(nested ?? {})).toContain('size');
  expect(Object.keys(getObject(database, 'properties') ?? {})).toEqual(Object.keys(nested ?? {}));
  expect(database?.['default']).toEqual({});
  expect(out).not.toContain('stale');
  expect(JSON.stringify(getObject(database, 'properties'))).not.toContain('"default"');
  // Generating again changes nothing: what `generate --check` relies on.
  expect(embedParameters(out, { [LABEL]: postgresql }, 'parent')).toEqual(out);
});

test('a generated part without its end, or one naming an XRD the package does not embed, is an error', () => {
  const open = parent('').replace(EMBED_END, '');
  expect(() => embedParameters(open, { [LABEL]: postgresql }, 'parent')).toThrow(
    'parent: the generated part from xrds/vshn-postgresql.yaml has no end marker',
  );
  expect(() => embedParameters(parent(''), {}, 'parent')).toThrow('names xrds/vshn-postgresql.yaml, which is not among the package');
});

test("VSHNKeycloak's postgreSQLParameters is generated from the VSHNPostgreSQL XRD", () => {
  const keycloak = parse(readFileSync(join(root, 'xrds', 'keycloak.yaml'), 'utf8')) as JsonObject;
  const nested = getObject(parameters(keycloak), 'properties.service.properties.postgreSQLParameters.properties');
  expect(Object.keys(nested ?? {})).toContain('backup');
  expect(Object.keys(nested ?? {})).toEqual(Object.keys(getObject(parameters(postgresql), 'properties') ?? {}));
});
