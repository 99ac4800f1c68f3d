// Units without an API server: authentication, the originating identity,
// namespace mapping and names, and operation states from claim conditions.
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator, CredentialsFile, readCredentials } from '../src/auth.js';
import { canonical } from '../src/broker.js';
import { parseOriginatingIdentity } from '../src/identity.js';
import { operationId, operationStatus, type Operation } from '../src/operations.js';
import { bindingSecretName, claimName, NamespaceMapping } from '../src/placement.js';
import { labelValue, type Claim, type Condition } from '../src/store.js';

describe('authentication', () => {
  const auth = new Authenticator({ basic: [{ username: 'akkeris', password: 'pa:ss word' }], bearer: ['0123456789abcdef-token'] });
  const basic = (u: string, p: string): string => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  test('accepts exactly the configured basic pair and bearer token', () => {
    expect(auth.check(basic('akkeris', 'pa:ss word'))).toBe(true);
    expect(auth.check('Bearer 0123456789abcdef-token')).toBe(true);
    expect(auth.check('bearer 0123456789abcdef-token')).toBe(true);
  });

  test('refuses everything else', () => {
    for (const header of [
      undefined,
      '',
      basic('akkeris', 'pa:ss wor'),
      basic('akkeri', 'pa:ss word'),
      'Basic !!!',
      'Bearer 0123456789abcdef-toke',
      'Bearer',
      `Token 0123456789abcdef-token`,
      `Bearer 0123456789abcdef-token extra`,
    ]) {
      expect({ header, ok: auth.check(header) }).toEqual({ header, ok: false });
    }
  });

  test('credentials files: basic and bearer; empty, short tokens and ":" in user names are refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broker-auth-'));
    try {
      const file = join(dir, 'c.yaml');
      writeFileSync(file, 'basic:\n  - { username: a, password: b }\nbearer: [0123456789abcdef]\n');
      expect(readCredentials(file)).toEqual({ basic: [{ username: 'a', password: 'b' }], bearer: ['0123456789abcdef'] });
      for (const [text, message] of [
        ['{}', /no credentials/],
        ['bearer: [short]', /at least 16 characters/],
        ['basic: [{ username: "a:b", password: c }]', /without ":"/],
        ['basic: [{ username: a }]', /non-empty password/],
      ] as const) {
        writeFileSync(file, text);
        expect(() => readCredentials(file)).toThrow(message);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rotated credentials', () => {
  test('a changed credentials file takes effect; a broken one keeps the previous credentials', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broker-auth-'));
    try {
      const file = join(dir, 'c.yaml');
      const header = (p: string): string => `Basic ${Buffer.from(`akkeris:${p}`).toString('base64')}`;
      writeFileSync(file, 'basic: [{ username: akkeris, password: old }]');
      const auth = new CredentialsFile(file, 0);
      expect(auth.check(header('old'))).toBe(true);
      writeFileSync(file, 'basic: [{ username: akkeris, password: new }]');
      utimesSync(file, new Date(), new Date(Date.now() + 5000));
      expect(auth.check(header('new'))).toBe(true);
      expect(auth.check(header('old'))).toBe(false);
      writeFileSync(file, 'basic: [');
      utimesSync(file, new Date(), new Date(Date.now() + 10000));
      expect(auth.check(header('new'))).toBe(true);
      expect(auth.lastError).toMatch(/./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('originating identity', () => {
  const encode = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64');

  test('Kubernetes and Cloud Foundry values give the user; anything else is kept raw', () => {
    expect(parseOriginatingIdentity(`kubernetes ${encode({ username: 'alice', uid: '1', groups: [] })}`)).toMatchObject({
      platform: 'kubernetes',
      user: 'alice',
    });
    expect(parseOriginatingIdentity(`cloudfoundry ${encode({ user_id: 'u-42' })}`)).toMatchObject({ platform: 'cloudfoundry', user: 'u-42' });
    expect(parseOriginatingIdentity('akkeris not-base64-json')).toEqual({ raw: 'akkeris not-base64-json', platform: 'akkeris' });
    expect(parseOriginatingIdentity(undefined)).toBeUndefined();
    expect(parseOriginatingIdentity('  ')).toBeUndefined();
  });
});

describe('placement', () => {
  test('the namespace template takes context fields, then the deprecated top-level guids', () => {
    expect(new NamespaceMapping('{namespace}').namespaceFor({ platform: 'kubernetes', namespace: 'team-a' }, {})).toBe('team-a');
    expect(new NamespaceMapping('osb-{organization_guid}').namespaceFor({}, { organization_guid: 'ORG-1' })).toMatch(/^osb-org-1-[0-9a-f]{8}$/);
    expect(new NamespaceMapping('appcat').namespaceFor(undefined, {})).toBe('appcat');
    expect(() => new NamespaceMapping('{space_guid}').namespaceFor({}, {})).toThrow(/context.space_guid is required/);
    expect(() => new NamespaceMapping('osb-{org')).toThrow(/unbalanced/);
  });

  test('names are DNS labels, stable, and short enough for what Crossplane derives from them', () => {
    const guid = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
    expect(claimName(guid)).toBe(`osb-${guid}`);
    expect(claimName('Some Platform/ID with spaces and a long tail to cut off')).toMatch(/^osb-some-platform-id-with-sp[a-z0-9-]*-[0-9a-f]{8}$/);
    expect(claimName('X').length).toBeLessThanOrEqual(40);
    expect(claimName('same')).toBe(claimName('same'));
    expect(bindingSecretName('instance-1', guid)).toMatch(new RegExp(`^osb-binding-${guid}-[0-9a-f]{8}$`));
    expect(bindingSecretName('instance-1', guid)).not.toBe(bindingSecretName('instance-2', guid));
    expect(labelValue(guid)).toBe(guid);
    expect(labelValue('a/b')).toMatch(/^h[0-9a-f]{40}$/);
  });

  test('canonical JSON ignores key order and undefined fields', () => {
    expect(canonical({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(canonical({ a: { d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonical({ a: 1 })).not.toBe(canonical({ a: '1' }));
  });
});

describe('operation state from conditions', () => {
  const op: Operation = { type: 'update', generation: 3, startedAt: '2026-01-01T00:00:10Z' };
  const claim = (conditions: Condition[]): Claim => ({
    apiVersion: 'x/v1',
    kind: 'X',
    metadata: { name: 'n', namespace: 'ns', generation: 3 },
    spec: {},
    status: { conditions },
  });
  const c = (type: string, status: string, observedGeneration: number, reason = '', message?: string): Condition => ({
    type,
    status,
    reason,
    observedGeneration,
    lastTransitionTime: '2026-01-01T00:00:00Z',
    ...(message !== undefined ? { message } : {}),
  });

  test('Ready=True counts only once Crossplane observed the generation the operation wrote', () => {
    expect(operationStatus(claim([c('Ready', 'True', 2)]), op).state).toBe('in progress');
    expect(operationStatus(claim([c('Ready', 'True', 3)]), op)).toEqual({
      state: 'succeeded',
      description: 'The change is applied and the service is ready.',
    });
  });

  test('ServiceReady False: Provisioning is progress with its message, any other reason is failure', () => {
    expect(operationStatus(claim([c('ServiceReady', 'False', 3, 'Provisioning', 'waiting for the database')]), op)).toEqual({
      state: 'in progress',
      description: 'waiting for the database',
    });
    expect(operationStatus(claim([c('ServiceReady', 'False', 3, 'InvalidInput', 'disk cannot shrink')]), op)).toEqual({
      state: 'failed',
      description: 'disk cannot shrink',
    });
    // A refusal of an earlier generation is not this operation's.
    expect(operationStatus(claim([c('ServiceReady', 'False', 2, 'InvalidInput', 'old')]), op).state).toBe('in progress');
  });

  test("without observedGeneration, a condition counts when it changed after the operation started; Crossplane's Synced tells why it waits", () => {
    const old: Condition = { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: '2026-01-01T00:00:00Z' };
    const fresh: Condition = { ...old, lastTransitionTime: '2026-01-01T00:01:00Z' };
    expect(operationStatus(claim([old]), op).state).toBe('in progress');
    expect(operationStatus(claim([fresh]), op).state).toBe('succeeded');
    expect(operationStatus(claim([c('Synced', 'False', 3, 'ReconcileError', 'cannot compose')]), op)).toEqual({
      state: 'in progress',
      description: 'Crossplane: cannot compose',
    });
  });

  test('operation ids: type and generation; a delete is one operation', () => {
    expect(operationId(op)).toBe('update-3');
    expect(operationId({ ...op, type: 'deprovision' })).toBe('deprovision');
  });
});
