// Bindings with a user of their own, without an API server: the user names
// PostgreSQL and the XRD accept, the claim's list of users changed without
// touching anything else, and the credentials from the user's Secret.
import { join } from 'node:path';
import fc from 'fast-check';
import { isObject, parametersSchemaOf, readYamlDocuments } from '@appcat/runtime';
import { addEntry, bindingCredentialsSecretName, bindingUser, hasUser, keepList, removeEntry, userCredentials } from '../src/access.js';
import type { Claim, Secret } from '../src/store.js';
import { getPath } from '../src/parameters.js';
import { must, xrdsDir } from './helpers.js';

/** The XRD's rule for a user's name, read from the XRD itself. */
function userRule(): { pattern: RegExp; maxLength: number } {
  const [xrd] = readYamlDocuments(join(xrdsDir, 'vshn-postgresql.yaml'));
  const schema = parametersSchemaOf(must(xrd, 'the XRD'));
  const user = getPath(schema, 'properties.service.properties.access.items.properties.user');
  if (!isObject(user) || typeof user['pattern'] !== 'string' || typeof user['maxLength'] !== 'number') throw new Error('the XRD has no user rule');
  return { pattern: new RegExp(user['pattern']), maxLength: user['maxLength'] };
}

const RESERVED = ['postgres', 'replicator', 'authenticator'];

test("a binding's user is a name PostgreSQL and the XRD accept, stable, and its own for every binding id", () => {
  const rule = userRule();
  expect(rule.maxLength).toBe(63);
  fc.assert(
    fc.property(fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 80 })), (id) => {
      const user = bindingUser(id);
      expect(user).toMatch(rule.pattern);
      expect(Buffer.byteLength(user)).toBeLessThanOrEqual(rule.maxLength);
      expect(user.startsWith('osb_')).toBe(true);
      expect(RESERVED).not.toContain(user);
      expect(bindingUser(id)).toBe(user);
    }),
  );
  fc.assert(
    fc.property(fc.string(), fc.string(), (a, b) => {
      fc.pre(a !== b);
      expect(bindingUser(a)).not.toBe(bindingUser(b));
    }),
  );
  // The readable part is the id where it can be; ids that read alike still differ.
  expect(bindingUser('0f8fad5b-d9cb-469f-a165-70867728950e')).toMatch(/^osb_0f8fad5b_d9cb_469f_a165_70867728950e_[0-9a-f]{8}$/);
  expect(bindingUser('App-1')).not.toBe(bindingUser('app_1'));
  expect(bindingCredentialsSecretName('i', 'b')).not.toBe(bindingCredentialsSecretName('j', 'b'));
});

const claim = (parameters: Claim['spec']['parameters']): Claim => ({
  apiVersion: 'vshn.appcat.vshn.io/v1',
  kind: 'VSHNPostgreSQL',
  metadata: { name: 'osb-x', namespace: 'ns', resourceVersion: '7' },
  spec: { parameters, writeConnectionSecretToRef: { name: 'osb-x-connection' } },
});

test("entries are added and removed in the list alone; the other users and the service's fields stay", () => {
  const base = claim({ size: { plan: 'standard-2' }, service: { majorVersion: '17', access: [{ user: 'app', database: 'shop' }] } });
  const entry = { user: 'osb_b_1', writeConnectionSecretToRef: { name: 'osb-credentials-b', namespace: 'ns' } };
  const added = addEntry(base, 'service.access', entry);
  expect(added?.spec.parameters).toEqual({
    size: { plan: 'standard-2' },
    service: { majorVersion: '17', access: [{ user: 'app', database: 'shop' }, entry] },
  });
  expect(added?.metadata.resourceVersion).toBe('7');
  expect(added && addEntry(added, 'service.access', entry)).toBeUndefined();
  expect(added && hasUser(added, 'service.access', 'osb_b_1')).toBe(true);
  const removed = added && removeEntry(added, 'service.access', 'osb_b_1');
  expect(removed?.spec.parameters).toEqual(base.spec.parameters);
  expect(removeEntry(base, 'service.access', 'osb_b_1')).toBeUndefined();
  // A claim without the group gets it.
  expect(addEntry(claim({}), 'service.access', entry)?.spec.parameters).toEqual({ service: { access: [entry] } });
});

test('a change of plan or parameters keeps the list the claim has', () => {
  const users = [{ user: 'osb_a' }, { user: 'osb_b' }];
  const current = claim({ size: { plan: 'standard-2' }, service: { access: users } });
  const next = { size: { plan: 'standard-4' }, service: { majorVersion: '17' } };
  expect(keepList(next, current, 'service.access')).toEqual({ size: { plan: 'standard-4' }, service: { majorVersion: '17', access: users } });
  expect(keepList(next, claim({}), 'service.access')).toEqual(next);
  expect(getPath(keepList({}, current, 'service.access'), 'service.access')).toEqual(users);
});

const secret = (data: Record<string, string>): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'ns' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

test("the credentials are the user's Secret with a URL built as the instance's is, once user and password are there", () => {
  const parts = { POSTGRESQL_USER: 'osb_b', POSTGRESQL_DB: 'osb_b', POSTGRESQL_HOST: 'pg.ns.svc', POSTGRESQL_PORT: '5432' };
  expect(userCredentials(undefined, claim({}))).toBeUndefined();
  expect(userCredentials(secret(parts), claim({}))).toBeUndefined();
  expect(userCredentials(secret({ ...parts, POSTGRESQL_PASSWORD: 'p@ss/w:rd' }), claim({}))).toEqual({
    ...parts,
    POSTGRESQL_PASSWORD: 'p@ss/w:rd',
    POSTGRESQL_URL: 'postgres://osb_b:p%40ss%2Fw%3Ard@pg.ns.svc:5432/osb_b?sslmode=require',
  });
  const noTLS = claim({ service: { tls: { enabled: false } } });
  expect(userCredentials(secret({ ...parts, POSTGRESQL_PASSWORD: 'pw' }), noTLS)?.['POSTGRESQL_URL']).toMatch(/\?sslmode=disable$/);
});
