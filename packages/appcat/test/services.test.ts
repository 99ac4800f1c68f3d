// Each service contract agrees with the service's XRD, the API users see.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getString, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { SERVICES, vshnKeycloak, vshnPostgreSQL } from '../src/index.js';

const xrdDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'xrds');
const xrds = readdirSync(xrdDir).flatMap((f) => readYamlDocuments(join(xrdDir, f)));
const xrdOf = (kind: string): JsonObject | undefined => xrds.find((x) => getString(x, 'spec.names.kind') === kind);

describe.each(SERVICES.map((s) => [s.compositeKind, s] as const))('%s', (kind, contract) => {
  const xrd = xrdOf(kind);

  test('names a composite some XRD defines, in its group', () => {
    expect(xrd).toBeDefined();
    expect(contract.apiVersion).toBe(`${getString(xrd, 'spec.group') ?? ''}/v1`);
  });

  test('lists exactly the connection keys the XRD declares', () => {
    const declared = (xrd?.['spec'] as { connectionSecretKeys?: string[] } | undefined)?.connectionSecretKeys ?? [];
    expect([...contract.connectionKeys].sort()).toEqual([...declared].sort());
  });
});

test('instance namespaces follow vshn-<service>-<composite>, shortened with a stable hash when too long', () => {
  expect(vshnPostgreSQL.instanceNamespace('shop-db-x7k2p')).toBe('vshn-postgresql-shop-db-x7k2p');
  expect(vshnKeycloak.instanceNamespace('sso')).toBe('vshn-keycloak-sso');
  const long = vshnPostgreSQL.instanceNamespace('a'.repeat(80));
  expect(long.length).toBeLessThanOrEqual(63);
  expect(vshnPostgreSQL.instanceNamespace('a'.repeat(80))).toBe(long);
});
