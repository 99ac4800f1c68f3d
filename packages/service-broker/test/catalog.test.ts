// The catalog from the plan files and XRDs: it conforms to the OSB document,
// follows the plan naming guidance, and every plan alone makes a valid claim.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { isObject, type JsonObject } from '@appcat/runtime';
import { buildCatalog, planUpdateable } from '../src/catalog.js';
import { claimParameters, leafPaths, planChangeRefusal, planSchemas, validateParameters } from '../src/parameters.js';
import { OPENAPI_FILE } from '../src/openapi.js';
import { loadServices } from '../src/plans.js';
import { contractProblems, must, planNamed, plansDir, serviceNamed, services, xrdsDir } from './helpers.js';

const all = services();
const catalog = buildCatalog(all);
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test('the catalog conforms to the OSB document and offers every XRD once', () => {
  expect(contractProblems('/v2/catalog', 'get', 200, catalog)).toEqual([]);
  expect(all.map((s) => s.claim.kind).sort()).toEqual(['ExoscalePostgreSQL', 'ObjectBucket', 'VSHNKeycloak', 'VSHNPostgreSQL']);
});

test('services and plans have GUIDs, CLI-friendly unique names, and several plans', () => {
  for (const s of catalog.services) {
    expect(s['id']).toMatch(GUID);
    expect(s['name']).toMatch(/^[a-z0-9.-]+$/);
    const plans = s['plans'] as JsonObject[];
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const p of plans) expect(p['id']).toMatch(GUID);
  }
});

test('plan names name use cases, no t-shirt sizes, nothing called shared', () => {
  for (const s of all) {
    for (const p of s.plans) {
      expect(p.name).not.toMatch(/small|medium|large|shared|(^|-)x?[sml]$/);
      expect(p.name).toMatch(/^(hobby|dev|production|standard-\d+|premium-\d+|shield-\d+)$/);
    }
  }
});

test('every plan carries costs, display metadata and a semver maintenance_info', () => {
  for (const s of catalog.services) {
    const meta = s['metadata'] as JsonObject;
    for (const key of ['displayName', 'longDescription', 'imageUrl', 'documentationUrl']) expect(typeof meta[key]).toBe('string');
    for (const p of s['plans'] as JsonObject[]) {
      const m = p['metadata'] as JsonObject;
      expect(typeof m['displayName']).toBe('string');
      const costs = m['costs'] as { amount: Record<string, number>; unit: string }[];
      expect(costs.length).toBeGreaterThan(0);
      for (const c of costs) {
        expect(c.unit).toBe('MONTHLY');
        expect(Object.values(c.amount).every((a) => typeof a === 'number' && a > 0)).toBe(true);
      }
      expect((p['maintenance_info'] as JsonObject)['version']).toMatch(/^\d+\.\d+\.\d+$/);
      expect(p['free']).toBe(false);
    }
  }
});

test('the binding description says what a binding gets: a user of its own where the service makes one, else the shared credentials', () => {
  const described = Object.fromEntries(
    catalog.services.map((s) => [s['name'] as string, (s['metadata'] as JsonObject)['longDescription'] as string]),
  );
  expect(Object.keys(described).sort()).toEqual(['exoscale-postgresql', 'objectbucket', 'vshn-keycloak', 'vshn-postgresql']);
  for (const s of all) {
    if (s.bindingCredentials.kind === 'access')
      expect(described[s.name]).toMatch(/binding gets a PostgreSQL user of its own.*Unbinding drops the user/);
    else expect(described[s.name]).toMatch(/bindings share it and unbinding revokes nothing/);
  }
  // Exoscale's DBaaS offers no users in its XRD: only VSHNPostgreSQL makes one per binding.
  expect(all.filter((s) => s.bindingCredentials.kind === 'access').map((s) => s.name)).toEqual(['vshn-postgresql']);
  expect(serviceNamed(all, 'vshn-postgresql').bindingCredentials).toEqual({ kind: 'access', path: 'service.access' });
});

test('bindingCredentials must name a list of users the XRD has', () => {
  const dir = mkdtempSync(join(tmpdir(), 'broker-plans-'));
  try {
    const plan = readFileSync(join(plansDir, 'vshn-postgresql.yaml'), 'utf8');
    for (const [value, message] of [
      ['{ access: service.nothing }', /spec.parameters.service.nothing is no list of users with user and writeConnectionSecretToRef/],
      ['{ access: service.extensions }', /spec.parameters.service.extensions is no list of users/],
      ['per-binding', /bindingCredentials must be "instance" or/],
    ] as const) {
      writeFileSync(
        join(dir, 'vshn-postgresql.yaml'),
        plan.replace('bindingCredentials: { access: service.access }', `bindingCredentials: ${value}`),
      );
      expect(() => loadServices(dir, xrdsDir)).toThrow(message);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the parameter schemas are the XRD schema minus what the plan fixes (create) and what cannot change (update)', () => {
  const pg = serviceNamed(all, 'vshn-postgresql');
  const hobby = planNamed(pg, 'hobby');
  const { create, update, bind } = planSchemas(pg, hobby);
  expect(create['$schema']).toBe('http://json-schema.org/draft-04/schema#');
  const props = create['properties'] as JsonObject;
  expect(Object.keys(props).sort()).toEqual([
    'additionalResources',
    'backup',
    'encryption',
    'maintenance',
    'monitoring',
    'network',
    'replication',
    'restore',
    'scheduling',
    'security',
    'service',
    'size',
    'updateStrategy',
  ]);
  // service.access is the bindings' users: the broker's, not the platform's.
  expect(Object.keys((props['service'] as JsonObject)['properties'] as JsonObject).sort()).toEqual([
    'dedicatedPatroniResources',
    'disablePgBouncer',
    'enableEnvoy',
    'extensions',
    'majorVersion',
    'pgBouncerSettings',
    'pgSettings',
    'repackEnabled',
    'tls',
    'vacuumEnabled',
  ]);
  expect(Object.keys((props['size'] as JsonObject)['properties'] as JsonObject)).toEqual(['requests']);
  expect(validateParameters(create, { service: { majorVersion: '16' }, backup: { retention: 3 } })).toEqual([]);
  expect(validateParameters(create, { size: { disk: '200Gi' } })).toEqual([
    'parameters.size.disk is not a parameter of this plan (the plan fixes it, or the service has no such field)',
  ]);
  expect(validateParameters(create, { service: { majorVersion: '9' } })).toEqual([
    'parameters.service.majorVersion must be one of ["12","13","14","15","16","17","18"]',
  ]);
  expect(validateParameters(bind, { anything: 1 })).toHaveLength(1);

  const bucket = serviceNamed(all, 'objectbucket');
  const dev = planNamed(bucket, 'dev');
  const b = planSchemas(bucket, dev);
  expect(Object.keys(b.create['properties'] as JsonObject).sort()).toEqual(['bucketName', 'region', 'security']);
  expect(Object.keys(b.update['properties'] as JsonObject)).toEqual(['region', 'security']);
  expect(update['properties']).toEqual(props);
});

test('every plan alone makes parameters the XRD accepts (Akkeris sends none)', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const s of all) {
    // The XRD's own schema, unknown fields refused: the plan's fixed values must all be real fields.
    const full = planSchemas(s, { ...must(s.plans[0], 'a plan'), parameters: {} }).create;
    const { $schema: _d, ...schema } = full;
    const validate = ajv.compile(schema);
    for (const p of s.plans) {
      const params = claimParameters(p, {});
      expect({ plan: `${s.name}/${p.name}`, ok: validate(params), errors: validate.errors ?? [] }).toEqual({
        plan: `${s.name}/${p.name}`,
        ok: true,
        errors: [],
      });
      expect(leafPaths(p.parameters).length).toBeGreaterThan(0);
    }
  }
});

test('guaranteed PostgreSQL plans have the two instances the service level needs', () => {
  for (const s of all.filter((x) => x.name === 'vshn-postgresql')) {
    for (const p of s.plans) {
      const service = p.parameters['service'];
      if (isObject(service) && service['serviceLevel'] === 'guaranteed') expect(Number(p.parameters['instances'])).toBeGreaterThanOrEqual(2);
    }
  }
});

test('a PostgreSQL plan change that would shrink the disk is refused with the service rule, growing is fine', () => {
  const pg = serviceNamed(all, 'vshn-postgresql');
  const plan = (n: string) => planNamed(pg, n);
  expect(planChangeRefusal(pg, plan('standard-8'), plan('premium-4'))).toBe(
    'vshn-postgresql: disk cannot shrink: plan premium-4 has size.disk 40Gi, the instance (plan standard-8) has 80Gi',
  );
  expect(planChangeRefusal(pg, plan('hobby'), plan('premium-8'))).toBeUndefined();
  expect(planChangeRefusal(pg, plan('standard-4'), plan('premium-4'))).toBeUndefined();
  // Every plan can move somewhere, so every plan is updateable; the refusals are per target.
  expect(pg.plans.every((p) => planUpdateable(pg, p))).toBe(true);
});

test('the bundled OpenAPI document is the official v2.17 one, byte for byte', () => {
  // SHA-256 of openapi.yaml at tag v2.17 of openservicebrokerapi/servicebroker (see openapi/SOURCE.md).
  expect(createHash('sha256').update(readFileSync(OPENAPI_FILE)).digest('hex')).toBe(
    '158021c5c3323492e361d25ee94a468a2597d50dbbcf1776e82dc2409ebc2fb1',
  );
});
