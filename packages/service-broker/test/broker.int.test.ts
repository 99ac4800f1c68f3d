// The broker against a real API server, endpoint by endpoint: success and
// error paths as spec.md v2.17 defines them, every response checked against
// the official OpenAPI document, the store proven to be Kubernetes alone.
import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { bindingCredentialsSecretName, bindingUser } from '../src/access.js';
import type { RunningBroker } from '../src/app.js';
import { Broker } from '../src/broker.js';
import { KubeClient } from '../src/kube.js';
import { bindingSecretName, NamespaceMapping } from '../src/placement.js';
import type { ClaimAPI } from '../src/plans.js';
import { Store, type Claim } from '../src/store.js';
import { openapi, planNamed, serviceNamed, services } from './helpers.js';
import { SERVICE_ACCOUNT, startHarness, type Harness } from './harness.js';
import { field, OSBClient, type OSBResponse } from './osb.js';

const all = services();
const pg = serviceNamed(all, 'vshn-postgresql');
const bucket = serviceNamed(all, 'objectbucket');
const hobby = planNamed(pg, 'hobby');
const standard4 = planNamed(pg, 'standard-4');
const standard8 = planNamed(pg, 'standard-8');
const premium4 = planNamed(pg, 'premium-4');
const dev = planNamed(bucket, 'dev');

const ORG = 'c0ffee00-0000-4000-8000-000000000001';
const SPACE = 'c0ffee00-0000-4000-8000-000000000002';
const IDENTITY = `kubernetes ${Buffer.from(JSON.stringify({ username: 'alice', uid: '42', groups: ['developers'] })).toString('base64')}`;
const PG_SECRET = { POSTGRESQL_URL: 'postgres://pg:hunter2-secret@db:5432/app', POSTGRESQL_PASSWORD: 'hunter2-secret', POSTGRESQL_USER: 'pg' };

let h: Harness;
/** Set once started, so afterAll stops exactly what beforeAll got to start. */
let started: Harness | undefined;
let broker: RunningBroker;
let osb: OSBClient;

beforeAll(async () => {
  started = await startHarness();
  h = started;
  broker = await h.startBroker();
  osb = new OSBClient(() => broker.url, h.platform);
}, 120_000);

afterAll(async () => {
  await started?.stop();
});

const instancePath = (id: string): string => `/v2/service_instances/${id}`;
const bindingPath = (id: string, b: string): string => `${instancePath(id)}/service_bindings/${b}`;
const ASYNC = { accepts_incomplete: 'true' };

function provisionBody(serviceId: string, planId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    service_id: serviceId,
    plan_id: planId,
    organization_guid: ORG,
    space_guid: SPACE,
    context: { platform: 'cloudfoundry', organization_guid: ORG, space_guid: SPACE },
    ...extra,
  };
}

async function provision(id: string, planId = hobby.id, extra: Record<string, unknown> = {}): Promise<OSBResponse> {
  return osb.call('put', instancePath(id), {
    query: ASYNC,
    body: provisionBody(pg.id, planId, extra),
    headers: { 'X-Broker-API-Originating-Identity': IDENTITY },
  });
}

async function lastOperation(id: string, operation?: string): Promise<OSBResponse> {
  return osb.call('get', `${instancePath(id)}/last_operation`, { query: { service_id: pg.id, ...(operation !== undefined ? { operation } : {}) } });
}

/** A PostgreSQL instance that Crossplane has made ready, with its connection secret. */
async function readyInstance(planId = hobby.id): Promise<string> {
  const id = randomUUID();
  expect((await provision(id, planId)).status).toBe(202);
  const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
  await h.crossplane.writeConnectionSecret(claim, PG_SECRET);
  await h.crossplane.ready(claim);
  return id;
}

const BUCKET_SECRET = { AWS_ACCESS_KEY_ID: 'AKIA-bucket-key', AWS_SECRET_ACCESS_KEY: 'bucket-secret-9c1e', BUCKET_NAME: 'osb-bucket' };

/** An ObjectBucket instance that Crossplane has made ready: its bindings share the bucket's credentials. */
async function readyBucket(): Promise<string> {
  const id = randomUUID();
  expect((await osb.call('put', instancePath(id), { query: ASYNC, body: provisionBody(bucket.id, dev.id) })).status).toBe(202);
  const claim = await h.crossplane.mustClaim('ObjectBucket', id);
  await h.crossplane.writeConnectionSecret(claim, BUCKET_SECRET);
  await h.crossplane.ready(claim);
  return id;
}

describe('headers and authentication', () => {
  test('no credentials, wrong password, wrong token and an unknown scheme are 401; basic and bearer pass', async () => {
    expect((await osb.call('get', '/v2/catalog', { auth: 'none' })).status).toBe(401);
    const wrong = await osb.call('get', '/v2/catalog', {
      auth: 'none',
      headers: { Authorization: `Basic ${Buffer.from('akkeris:nope').toString('base64')}` },
    });
    expect(wrong.status).toBe(401);
    expect(field(wrong, 'error')).toBe('Unauthorized');
    expect((await osb.call('get', '/v2/catalog', { auth: 'none', headers: { Authorization: 'Bearer not-the-token-at-all' } })).status).toBe(401);
    expect((await osb.call('get', '/v2/catalog', { auth: 'none', headers: { Authorization: `Digest ${h.platform.token}` } })).status).toBe(401);
    expect((await osb.call('get', '/v2/catalog', { auth: 'bearer' })).status).toBe(200);
    expect((await osb.call('get', '/v2/catalog')).status).toBe(200);
  });

  test('X-Broker-API-Version: missing is 400, older than 2.13 or not 2.x is 412, 2.13 to 2.17 pass', async () => {
    const missing = await osb.call('get', '/v2/catalog', { noVersion: true });
    expect(missing.status).toBe(400);
    expect(field(missing, 'description')).toBe('the X-Broker-API-Version header is required');
    for (const v of ['2.12', '1.0', '3.0', 'latest'])
      expect((await osb.call('get', '/v2/catalog', { headers: { 'X-Broker-API-Version': v } })).status).toBe(412);
    for (const v of ['2.13', '2.14', '2.17'])
      expect((await osb.call('get', '/v2/catalog', { headers: { 'X-Broker-API-Version': v } })).status).toBe(200);
  });

  test('X-Broker-API-Request-Identity is echoed and logged', async () => {
    const rid = randomUUID();
    const r = await osb.call('get', `${instancePath(randomUUID())}/last_operation`, {
      query: { operation: 'provision-1' },
      headers: { 'X-Broker-API-Request-Identity': rid },
    });
    expect(r.status).toBe(404);
    expect(r.headers.get('x-broker-api-request-identity')).toBe(rid);
    expect(h.logs.some((l) => l.includes(rid))).toBe(true);
  });

  test('every OSB endpoint refuses a request without credentials with 401', async () => {
    const id = randomUUID();
    const b = randomUUID();
    const calls: [Parameters<OSBClient['call']>[0], string][] = [
      ['put', instancePath(id)],
      ['patch', instancePath(id)],
      ['delete', instancePath(id)],
      ['get', instancePath(id)],
      ['get', `${instancePath(id)}/last_operation`],
      ['put', bindingPath(id, b)],
      ['delete', bindingPath(id, b)],
      ['get', bindingPath(id, b)],
      ['get', `${bindingPath(id, b)}/last_operation`],
    ];
    for (const [method, path] of calls) {
      const r = await osb.call(method, path, {
        auth: 'none',
        body: method === 'put' || method === 'patch' ? provisionBody(pg.id, hobby.id) : undefined,
      });
      expect({ method, path, status: r.status }).toEqual({ method, path, status: 401 });
    }
    expect(await h.crossplane.claim('VSHNPostgreSQL', id)).toBeUndefined();
  });

  test('an unknown endpoint is a 404 with an OSB error body', async () => {
    const r = await osb.call('get', '/v2/nothing');
    expect(r.status).toBe(404);
    expect(field(r, 'error')).toBe('NotFound');
  });
});

describe('provision', () => {
  test('without accepts_incomplete is 422 AsyncRequired and creates nothing', async () => {
    const id = randomUUID();
    const r = await osb.call('put', instancePath(id), { body: provisionBody(pg.id, hobby.id) });
    expect(r.status).toBe(422);
    expect(field(r, 'error')).toBe('AsyncRequired');
    expect(await h.crossplane.claim('VSHNPostgreSQL', id)).toBeUndefined();
  });

  test('bad requests are 400 with a description and create nothing', async () => {
    const id = randomUUID();
    const cases: [string, { body?: unknown; rawBody?: string }, RegExp][] = [
      ['unknown service', { body: provisionBody(randomUUID(), hobby.id) }, /service_id .* is not in this broker's catalog/],
      ['plan of another service', { body: provisionBody(pg.id, dev.id) }, /is not a plan of service vshn-postgresql/],
      ['no plan_id', { body: { service_id: pg.id, organization_guid: ORG, space_guid: SPACE } }, /plan_id/],
      ['not JSON', { rawBody: '{"service_id":' }, /not valid JSON/],
      ['no body', {}, /body/],
      [
        'a parameter the plan fixes',
        { body: provisionBody(pg.id, hobby.id, { parameters: { size: { disk: '500Gi' } } }) },
        /parameters.size.disk is not a parameter of this plan/,
      ],
      [
        'a value the service does not offer',
        { body: provisionBody(pg.id, hobby.id, { parameters: { service: { majorVersion: '9' } } }) },
        /majorVersion must be one of/,
      ],
      ['parameters that are no object', { body: provisionBody(pg.id, hobby.id, { parameters: 'big' }) }, /parameters/],
    ];
    for (const [what, opts, message] of cases) {
      const r = await osb.call('put', instancePath(id), { query: ASYNC, ...opts });
      expect({ what, status: r.status, description: field(r, 'description') }).toEqual({
        what,
        status: 400,
        description: expect.stringMatching(message) as unknown,
      });
    }
    expect(await h.crossplane.claim('VSHNPostgreSQL', id)).toBeUndefined();
  });

  test('a maintenance_info version other than the plan has is 422 MaintenanceInfoConflict', async () => {
    const r = await provision(randomUUID(), hobby.id, { maintenance_info: { version: '0.9.0' } });
    expect(r.status).toBe(422);
    expect(field(r, 'error')).toBe('MaintenanceInfoConflict');
  });

  test('creates the claim in the namespace of the context, labelled and annotated, and answers 202 with an operation', async () => {
    const id = randomUUID();
    const r = await provision(id, standard4.id, { parameters: { service: { majorVersion: '16' } }, maintenance_info: { version: '1.0.0' } });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ operation: 'provision-1' });
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(claim.metadata.namespace).toBe(`osb-${ORG}`);
    expect(claim.metadata.labels).toMatchObject({
      'osb.appcat.vshn.io/instance-id': id,
      'osb.appcat.vshn.io/plan-id': standard4.id,
      'osb.appcat.vshn.io/service-id': pg.id,
      'osb.appcat.vshn.io/platform': 'cloudfoundry',
      'osb.appcat.vshn.io/originating-user': 'alice',
    });
    expect(claim.metadata.annotations?.['osb.appcat.vshn.io/originating-identity']).toBe(IDENTITY);
    // The plan's values over the platform's; the API server adds the XRD's defaults.
    expect(claim.spec.parameters).toMatchObject({
      service: { majorVersion: '16', serviceLevel: 'besteffort' },
      size: { plan: 'standard-4', cpu: '900m', memory: '3984Mi', disk: '40Gi' },
      instances: 1,
    });
    expect(claim.spec.writeConnectionSecretToRef?.name).toBe(`${claim.metadata.name}-connection`);
  });

  test('last_operation follows the claim: ServiceReady while provisioning (with Retry-After), Ready=True succeeded', async () => {
    const id = randomUUID();
    expect((await provision(id)).status).toBe(202);
    const fresh = await lastOperation(id, 'provision-1');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ state: 'in progress', description: 'Waiting for the service to be composed.' });
    expect(fresh.headers.get('retry-after')).toBe('1');
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    await h.crossplane.provisioning(claim, 'not ready yet: cluster, backup-bucket');
    expect((await lastOperation(id, 'provision-1')).body).toEqual({ state: 'in progress', description: 'not ready yet: cluster, backup-bucket' });
    await h.crossplane.ready(claim);
    const done = await lastOperation(id, 'provision-1');
    expect(done.body).toEqual({ state: 'succeeded', description: 'The service is ready.' });
    expect(done.headers.get('retry-after')).toBeNull();
  });

  test('a refusal of the service (ServiceReady False, not Provisioning) is failed with its message', async () => {
    const id = randomUUID();
    expect((await provision(id)).status).toBe(202);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    await h.crossplane.failed(claim, 'InvalidInput', 'spec.parameters.service.serviceLevel: guaranteed needs at least 2 instances');
    expect((await lastOperation(id, 'provision-1')).body).toEqual({
      state: 'failed',
      description: 'spec.parameters.service.serviceLevel: guaranteed needs at least 2 instances',
    });
  });

  test('re-sent: identical is 202 with the same operation while in progress and 200 when done; different is 409', async () => {
    const id = randomUUID();
    expect((await provision(id)).status).toBe(202);
    const again = await provision(id);
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ operation: 'provision-1' });
    const otherPlan = await provision(id, standard4.id);
    expect(otherPlan.status).toBe(409);
    const otherParams = await provision(id, hobby.id, { parameters: { service: { majorVersion: '15' } } });
    expect(otherParams.status).toBe(409);
    await h.crossplane.ready(await h.crossplane.mustClaim('VSHNPostgreSQL', id));
    const done = await provision(id);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({});
  });

  test('the namespace mapping is configurable: the Kubernetes platform namespace', async () => {
    const k8s = await h.startBroker({ namespaceTemplate: '{namespace}' });
    const client = new OSBClient(() => k8s.url, h.platform);
    const id = randomUUID();
    const body = {
      service_id: bucket.id,
      plan_id: dev.id,
      organization_guid: ORG,
      space_guid: SPACE,
      context: { platform: 'kubernetes', namespace: 'team-a', clusterid: 'c1' },
    };
    expect((await client.call('put', instancePath(id), { query: ASYNC, body })).status).toBe(202);
    expect((await h.crossplane.mustClaim('ObjectBucket', id)).metadata.namespace).toBe('team-a');
    const without = await client.call('put', instancePath(randomUUID()), { query: ASYNC, body: { ...body, context: { platform: 'kubernetes' } } });
    expect(without.status).toBe(400);
    expect(field(without, 'description')).toMatch(/context.namespace is required/);
    osb.seen.push(...client.seen);
    osb.problems.push(...client.problems);
  });
});

describe('fetch instance', () => {
  test('404 while provisioning and for unknown ids, 200 with parameters and maintenance_info once ready', async () => {
    const id = randomUUID();
    expect((await provision(id, hobby.id, { parameters: { backup: { retention: 3 } } })).status).toBe(202);
    expect((await osb.call('get', instancePath(id))).status).toBe(404);
    expect((await osb.call('get', instancePath(randomUUID()))).status).toBe(404);
    await h.crossplane.ready(await h.crossplane.mustClaim('VSHNPostgreSQL', id));
    const r = await osb.call('get', instancePath(id));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      service_id: pg.id,
      plan_id: hobby.id,
      parameters: { backup: { retention: 3 } },
      maintenance_info: { version: '1.0.0' },
    });
  });
});

describe('update', () => {
  test('a plan change that would shrink the disk is 422 with the service rule, and nothing changes', async () => {
    const id = await readyInstance(standard8.id);
    const before = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    const r = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, plan_id: premium4.id, previous_values: { plan_id: standard8.id } },
    });
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      error: 'PlanChangeNotSupported',
      description: 'vshn-postgresql: disk cannot shrink: plan premium-4 has size.disk 40Gi, the instance (plan standard-8) has 80Gi',
      instance_usable: true,
      update_repeatable: false,
    });
    const after = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  test('maintenance_info mismatch is 422 MaintenanceInfoConflict; without accepts_incomplete a change is 422 AsyncRequired; unknown is 400', async () => {
    const id = await readyInstance();
    const mi = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, plan_id: standard4.id, maintenance_info: { version: '2.0.0' } },
    });
    expect(field(mi, 'error')).toBe('MaintenanceInfoConflict');
    const sync = await osb.call('patch', instancePath(id), { body: { service_id: pg.id, plan_id: standard4.id } });
    expect(sync.status).toBe(422);
    expect(field(sync, 'error')).toBe('AsyncRequired');
    expect((await osb.call('patch', instancePath(randomUUID()), { query: ASYNC, body: { service_id: pg.id } })).status).toBe(400);
    expect((await osb.call('patch', instancePath(id), { query: ASYNC, body: { plan_id: standard4.id } })).status).toBe(400);
  });

  test('a plan change is asynchronous, waits for Crossplane to observe it, and keeps the parameters', async () => {
    const id = randomUUID();
    expect((await provision(id, hobby.id, { parameters: { backup: { retention: 3 } } })).status).toBe(202);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    await h.crossplane.writeConnectionSecret(claim, PG_SECRET);
    await h.crossplane.ready(claim);

    const r = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, plan_id: standard4.id, previous_values: { plan_id: hobby.id } },
    });
    expect(r.status).toBe(202);
    const operation = String(field(r, 'operation'));
    expect(operation).toBe('update-2');
    const updated = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(updated.spec.parameters).toMatchObject({
      backup: { retention: 3 },
      size: { plan: 'standard-4', cpu: '900m', memory: '3984Mi', disk: '40Gi' },
      instances: 1,
      service: { serviceLevel: 'besteffort' },
    });
    expect(updated.metadata.labels?.['osb.appcat.vshn.io/plan-id']).toBe(standard4.id);

    // Ready=True is still there from before the change: not yet done.
    expect((await lastOperation(id, operation)).body).toEqual({ state: 'in progress', description: 'Waiting for the change to be applied.' });
    expect((await osb.call('get', instancePath(id))).status).toBe(422);
    const concurrent = await osb.call('patch', instancePath(id), { query: ASYNC, body: { service_id: pg.id, plan_id: standard8.id } });
    expect(concurrent.status).toBe(422);
    expect(field(concurrent, 'error')).toBe('ConcurrencyError');
    // Re-sent while in progress: 202 with the same operation, never 200.
    const resent = await osb.call('patch', instancePath(id), { query: ASYNC, body: { service_id: pg.id, plan_id: standard4.id } });
    expect(resent.status).toBe(202);
    expect(field(resent, 'operation')).toBe(operation);

    await h.crossplane.ready(updated);
    expect((await lastOperation(id, operation)).body).toEqual({ state: 'succeeded', description: 'The change is applied and the service is ready.' });
    // The provision before it is remembered as it ended.
    expect((await lastOperation(id, 'provision-1')).body).toEqual({ state: 'succeeded', description: 'The service is ready.' });
    expect((await lastOperation(id, 'update-9')).status).toBe(400);
    // Re-sent after it completed: 200.
    expect((await osb.call('patch', instancePath(id), { query: ASYNC, body: { service_id: pg.id, plan_id: standard4.id } })).status).toBe(200);
    expect(field(await osb.call('get', instancePath(id)), 'plan_id')).toBe(standard4.id);
  });

  test('a parameter change merges into the parameters; a context-only change is 200', async () => {
    const id = await readyInstance();
    const r = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, parameters: { maintenance: { dayOfWeek: 'sunday' } } },
    });
    expect(r.status).toBe(202);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(claim.spec.parameters?.['maintenance']).toEqual({ dayOfWeek: 'sunday', disableAppcatRelease: false });
    await h.crossplane.ready(claim);
    const ctx = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, context: { platform: 'cloudfoundry', instance_name: 'renamed' } },
    });
    expect(ctx.status).toBe(200);
    expect(ctx.body).toEqual({});
    const annotated = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(JSON.parse(annotated.metadata.annotations?.['osb.appcat.vshn.io/context'] ?? '{}')).toMatchObject({ instance_name: 'renamed' });
    expect(annotated.metadata.generation).toBe(claim.metadata.generation);
  });

  test("an update whose write loses a race with Crossplane's own write is tried again on a fresh read", async () => {
    const id = await readyInstance();
    const kube = await KubeClient.create(await h.env.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts']));
    try {
      // Crossplane writes the claim between the broker's read and its write, twice.
      let races = 2;
      const store = new (class extends Store {
        override async replaceClaim(api: ClaimAPI, claim: Claim): Promise<Claim | 'conflict' | 'gone'> {
          if (races-- > 0) await h.crossplane.ready(claim);
          return super.replaceClaim(api, claim);
        }
      })(kube);
      const racing = new Broker(all, store, {
        namespaces: new NamespaceMapping('osb-{organization_guid}'),
        createNamespaces: true,
        retryAfterSeconds: 1,
      });
      const r = await racing.update(id, { service_id: pg.id, plan_id: standard4.id }, { acceptsIncomplete: true });
      expect(r.status).toBe(202);
      expect(races).toBe(-1);
      expect((await h.crossplane.mustClaim('VSHNPostgreSQL', id)).metadata.labels?.['osb.appcat.vshn.io/plan-id']).toBe(standard4.id);
      await h.crossplane.ready(await h.crossplane.mustClaim('VSHNPostgreSQL', id));
      // Losing every attempt is a ConcurrencyError, and nothing changed.
      races = 5;
      await expect(racing.update(id, { service_id: pg.id, plan_id: standard8.id }, { acceptsIncomplete: true })).rejects.toMatchObject({
        status: 422,
        code: 'ConcurrencyError',
        message: 'the instance was changed concurrently; send the request again',
      });
      expect(races).toBe(2);
      expect((await h.crossplane.mustClaim('VSHNPostgreSQL', id)).metadata.labels?.['osb.appcat.vshn.io/plan-id']).toBe(standard4.id);
    } finally {
      kube.close();
    }
  });

  test('a failed update reports failed, with the instance still usable and the update repeatable', async () => {
    const id = await readyInstance();
    const r = await osb.call('patch', instancePath(id), { query: ASYNC, body: { service_id: pg.id, plan_id: premium4.id } });
    expect(r.status).toBe(202);
    await h.crossplane.failed(await h.crossplane.mustClaim('VSHNPostgreSQL', id), 'ComposeFailed', 'cannot apply the cluster');
    expect((await lastOperation(id, String(field(r, 'operation')))).body).toEqual({
      state: 'failed',
      description: 'cannot apply the cluster',
      instance_usable: true,
      update_repeatable: true,
    });
  });
});

describe('bindings that share the instance credentials (ObjectBucket)', () => {
  test('a ready instance binds synchronously with its connection secret; re-sent identical is 200, different 409', async () => {
    const id = await readyBucket();
    const bid = randomUUID();
    const body = { service_id: bucket.id, plan_id: dev.id, bind_resource: { app_guid: 'app-1' } };
    const r = await osb.call('put', bindingPath(id, bid), { body });
    expect(r.status).toBe(201);
    expect(field(r, 'credentials')).toEqual(BUCKET_SECRET);
    const again = await osb.call('put', bindingPath(id, bid), { body });
    expect(again.status).toBe(200);
    expect(field(again, 'credentials')).toEqual(BUCKET_SECRET);
    expect((await osb.call('put', bindingPath(id, bid), { body: { ...body, bind_resource: { app_guid: 'app-2' } } })).status).toBe(409);
    const fetched = await osb.call('get', bindingPath(id, bid));
    expect(fetched.status).toBe(200);
    expect(field(fetched, 'credentials')).toEqual(BUCKET_SECRET);
    // The record is a Secret beside the claim, owned by it.
    const claim = await h.crossplane.mustClaim('ObjectBucket', id);
    const record = await h.admin.request('GET', `/api/v1/namespaces/${claim.metadata.namespace}/secrets/${bindingSecretName(id, bid)}`);
    expect(record.status).toBe(200);
    expect((record.body as { metadata: { ownerReferences: { uid: string }[] } }).metadata.ownerReferences[0]?.uid).toBe(claim.metadata.uid);
  });

  test('the same binding id on two instances in one namespace are two bindings', async () => {
    const first = await readyBucket();
    const second = await readyBucket();
    const bid = randomUUID();
    const body = { service_id: bucket.id, plan_id: dev.id };
    expect((await osb.call('put', bindingPath(first, bid), { body })).status).toBe(201);
    expect((await osb.call('get', bindingPath(second, bid))).status).toBe(404);
    expect((await osb.call('put', bindingPath(second, bid), { body })).status).toBe(201);
    expect((await osb.call('delete', bindingPath(first, bid), { query: body })).status).toBe(200);
    expect((await osb.call('get', bindingPath(second, bid))).status).toBe(200);
  });

  test('binding an instance that is not ready: 422 ConcurrencyError, or asynchronous with binding last_operation', async () => {
    const id = randomUUID();
    expect((await osb.call('put', instancePath(id), { query: ASYNC, body: provisionBody(bucket.id, dev.id) })).status).toBe(202);
    const body = { service_id: bucket.id, plan_id: dev.id };
    const sync = await osb.call('put', bindingPath(id, randomUUID()), { body });
    expect(sync.status).toBe(422);
    expect(field(sync, 'error')).toBe('ConcurrencyError');
    const bid = randomUUID();
    const r = await osb.call('put', bindingPath(id, bid), { query: ASYNC, body });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ operation: 'bind' });
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body })).status).toBe(202);
    const pending = await osb.call('get', `${bindingPath(id, bid)}/last_operation`, { query: { operation: 'bind' } });
    expect(pending.body).toEqual({ state: 'in progress', description: 'Waiting for the instance to be ready.' });
    expect(pending.headers.get('retry-after')).toBe('1');
    expect((await osb.call('get', bindingPath(id, bid))).status).toBe(404);

    const claim = await h.crossplane.mustClaim('ObjectBucket', id);
    await h.crossplane.writeConnectionSecret(claim, BUCKET_SECRET);
    await h.crossplane.ready(claim);
    expect((await osb.call('get', `${bindingPath(id, bid)}/last_operation`, { query: { operation: 'bind' } })).body).toEqual({
      state: 'succeeded',
      description: 'The binding is ready.',
    });
    expect(field(await osb.call('get', bindingPath(id, bid)), 'credentials')).toEqual(BUCKET_SECRET);
  });

  test('binding a failed instance is 422; an unknown instance is 400; unknown bindings are 404, and 410 to delete', async () => {
    const id = randomUUID();
    expect((await provision(id)).status).toBe(202);
    await h.crossplane.failed(await h.crossplane.mustClaim('VSHNPostgreSQL', id), 'InvalidInput', 'refused');
    const failed = await osb.call('put', bindingPath(id, randomUUID()), { query: ASYNC, body: { service_id: pg.id, plan_id: hobby.id } });
    expect(failed.status).toBe(422);
    expect(field(failed, 'error')).toBe('InstanceFailed');
    expect((await osb.call('put', bindingPath(randomUUID(), randomUUID()), { body: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(400);
    expect(
      (await osb.call('put', bindingPath(id, randomUUID()), { body: { service_id: pg.id, plan_id: hobby.id, parameters: { role: 'admin' } } }))
        .status,
    ).toBe(400);
    expect((await osb.call('get', bindingPath(id, randomUUID()))).status).toBe(404);
    expect((await osb.call('get', `${bindingPath(id, randomUUID())}/last_operation`)).status).toBe(404);
    expect((await osb.call('delete', bindingPath(id, randomUUID()), { query: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(410);
    expect((await osb.call('delete', bindingPath(randomUUID(), randomUUID()), { query: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(410);
    expect((await osb.call('delete', bindingPath(id, randomUUID()), { query: { service_id: pg.id } })).status).toBe(400);
  });

  test('unbind deletes the binding record: 200, then 410; a DELETE with an empty JSON body is fine', async () => {
    const id = await readyBucket();
    const bid = randomUUID();
    expect((await osb.call('put', bindingPath(id, bid), { body: { service_id: bucket.id, plan_id: dev.id } })).status).toBe(201);
    const r = await osb.call('delete', bindingPath(id, bid), { query: { service_id: bucket.id, plan_id: dev.id }, rawBody: '' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({});
    const claim = await h.crossplane.mustClaim('ObjectBucket', id);
    expect((await h.admin.request('GET', `/api/v1/namespaces/${claim.metadata.namespace}/secrets/${bindingSecretName(id, bid)}`)).status).toBe(404);
    expect((await osb.call('delete', bindingPath(id, bid), { query: { service_id: bucket.id, plan_id: dev.id } })).status).toBe(410);
    expect((await osb.call('get', bindingPath(id, bid))).status).toBe(404);
  });
});

describe('bindings with a user of their own (VSHNPostgreSQL)', () => {
  const body = { service_id: pg.id, plan_id: hobby.id, bind_resource: { app_guid: 'app-1' } };
  const bindingOp = (id: string, bid: string): Promise<OSBResponse> =>
    osb.call('get', `${bindingPath(id, bid)}/last_operation`, { query: { operation: 'bind', service_id: pg.id } });

  test('bind lists a user on the claim and completes once its Secret exists; re-sent 202 then 200, different 409; unbind revokes', async () => {
    const id = await readyInstance();
    const bid = randomUUID();
    const sync = await osb.call('put', bindingPath(id, bid), { body });
    expect(sync.status).toBe(422);
    expect(field(sync, 'error')).toBe('AsyncRequired');
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(await h.crossplane.accessUsers(claim)).toEqual([]);

    const r = await osb.call('put', bindingPath(id, bid), { query: ASYNC, body });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ operation: 'bind' });
    const user = bindingUser(bid);
    const secretRef = { name: bindingCredentialsSecretName(id, bid), namespace: claim.metadata.namespace };
    expect(await h.crossplane.accessUsers(claim)).toEqual([{ user, writeConnectionSecretToRef: secretRef }]);
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body })).status).toBe(202);
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body: { ...body, bind_resource: { app_guid: 'app-2' } } })).status).toBe(409);
    const pending = await bindingOp(id, bid);
    expect(pending.body).toEqual({ state: 'in progress', description: `Waiting for the binding's user ${user} to be created.` });
    expect(pending.headers.get('retry-after')).toBe('1');
    expect((await osb.call('get', bindingPath(id, bid))).status).toBe(404);

    await h.crossplane.createUser(claim, user, 'binding-pw-51d2');
    expect((await bindingOp(id, bid)).body).toEqual({ state: 'succeeded', description: 'The binding is ready.' });
    const credentials = field(await osb.call('get', bindingPath(id, bid)), 'credentials');
    expect(credentials).toMatchObject({
      POSTGRESQL_USER: user,
      POSTGRESQL_PASSWORD: 'binding-pw-51d2',
      POSTGRESQL_DB: user,
      POSTGRESQL_URL: `postgres://${user}:binding-pw-51d2@pg.vshn-postgresql-instance.svc.cluster.local:5432/${user}?sslmode=require`,
    });
    const again = await osb.call('put', bindingPath(id, bid), { query: ASYNC, body });
    expect(again.status).toBe(200);
    expect(field(again, 'credentials')).toEqual(credentials);

    expect((await osb.call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(200);
    expect(await h.crossplane.accessUsers(claim)).toEqual([]);
    expect((await h.admin.request('GET', `/api/v1/namespaces/${claim.metadata.namespace}/secrets/${bindingSecretName(id, bid)}`)).status).toBe(404);
    expect((await osb.call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(410);
  });

  test('binds and unbinds at once on one instance through two replicas lose no user', async () => {
    const id = await readyInstance();
    const second = await h.startBroker();
    const other = new OSBClient(() => second.url, h.platform);
    try {
      const ids = Array.from({ length: 12 }, () => randomUUID());
      const binds = await Promise.all(ids.map((bid, i) => (i % 2 === 0 ? osb : other).call('put', bindingPath(id, bid), { query: ASYNC, body })));
      expect(binds.map((r) => r.status)).toEqual(ids.map(() => 202));
      const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
      expect((await h.crossplane.accessUsers(claim)).map((u) => u.user).sort()).toEqual(ids.map(bindingUser).sort());

      // Half go again while the other half's binds are sent again (a no-op each).
      const [gone, kept] = [ids.slice(0, 6), ids.slice(6)];
      const answers = await Promise.all([
        ...gone.map((bid, i) =>
          (i % 2 === 0 ? other : osb).call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: hobby.id } }),
        ),
        ...kept.map((bid, i) => (i % 2 === 0 ? osb : other).call('put', bindingPath(id, bid), { query: ASYNC, body })),
      ]);
      expect(answers.map((r) => r.status)).toEqual([...gone.map(() => 200), ...kept.map(() => 202)]);
      expect((await h.crossplane.accessUsers(claim)).map((u) => u.user).sort()).toEqual(kept.map(bindingUser).sort());
    } finally {
      osb.seen.push(...other.seen);
      osb.problems.push(...other.problems);
      await second.shutdown();
    }
  });

  test("a plan change keeps the bindings' users; a platform cannot set the list of users itself", async () => {
    const id = await readyInstance();
    const bid = randomUUID();
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body })).status).toBe(202);
    const update = await osb.call('patch', instancePath(id), { query: ASYNC, body: { service_id: pg.id, plan_id: standard4.id } });
    expect(update.status).toBe(202);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect(claim.spec.parameters?.['size']).toMatchObject({ plan: 'standard-4' });
    expect((await h.crossplane.accessUsers(claim)).map((u) => u.user)).toEqual([bindingUser(bid)]);

    const own = await osb.call('patch', instancePath(id), {
      query: ASYNC,
      body: { service_id: pg.id, parameters: { service: { access: [{ user: 'mallory' }] } } },
    });
    expect(own.status).toBe(400);
    expect(field(own, 'description')).toMatch(/parameters.service.access is not a parameter of this plan/);
    const created = await provision(randomUUID(), hobby.id, { parameters: { service: { access: [{ user: 'mallory' }] } } });
    expect(created.status).toBe(400);
  });

  test('a bind that stopped before listing its user: polling says failed, a re-sent bind completes it; unbind leaves no user behind', async () => {
    const id = await readyInstance();
    const bid = randomUUID();
    const user = bindingUser(bid);
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body })).status).toBe(202);
    // As if the broker had stopped between the binding's record and its entry on the claim.
    await h.crossplane.setAccessUsers(await h.crossplane.mustClaim('VSHNPostgreSQL', id), []);
    expect((await bindingOp(id, bid)).body).toEqual({
      state: 'failed',
      description: `the instance does not list the binding's user ${user}; send the bind again, or unbind`,
    });
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body })).status).toBe(202);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    expect((await h.crossplane.accessUsers(claim)).map((u) => u.user)).toEqual([user]);
    expect(field(await bindingOp(id, bid), 'state')).toBe('in progress');

    // As if an unbind had stopped after the record: the next unbind is 410 and takes the user too.
    expect((await h.admin.request('DELETE', `/api/v1/namespaces/${claim.metadata.namespace}/secrets/${bindingSecretName(id, bid)}`)).status).toBe(
      200,
    );
    expect((await osb.call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: hobby.id } })).status).toBe(410);
    expect(await h.crossplane.accessUsers(claim)).toEqual([]);
    expect((await bindingOp(id, bid)).status).toBe(404);
  });
});

describe('deprovision', () => {
  test('asynchronous: 202 while Crossplane deletes, re-sent 202, then last_operation and DELETE are 410', async () => {
    const id = await readyInstance();
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    await h.crossplane.setFinalizers(claim, ['finalizer.apiextensions.crossplane.io']);
    const query = { service_id: pg.id, plan_id: hobby.id };
    const sync = await osb.call('delete', instancePath(id), { query });
    expect(sync.status).toBe(422);
    expect(field(sync, 'error')).toBe('AsyncRequired');
    const r = await osb.call('delete', instancePath(id), { query: { ...query, ...ASYNC } });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ operation: 'deprovision' });
    const deleting = await lastOperation(id, 'deprovision');
    expect(deleting.body).toEqual({ state: 'in progress', description: 'Deleting the service (waiting for finalizer.apiextensions.crossplane.io).' });
    expect(deleting.headers.get('retry-after')).toBe('1');
    expect((await osb.call('delete', instancePath(id), { query: { ...query, ...ASYNC } })).status).toBe(202);
    expect((await osb.call('get', instancePath(id))).status).toBe(404);
    await h.crossplane.setFinalizers(claim, []);
    expect(await h.crossplane.exists(claim)).toBe(false);
    expect((await lastOperation(id, 'deprovision')).status).toBe(410);
    expect((await osb.call('delete', instancePath(id), { query: { ...query, ...ASYNC } })).status).toBe(410);
  });

  test('an unknown instance is 410; missing service_id/plan_id is 400; a half-made instance can be deleted', async () => {
    expect((await osb.call('delete', instancePath(randomUUID()), { query: { service_id: pg.id, plan_id: hobby.id, ...ASYNC } })).status).toBe(410);
    expect((await osb.call('delete', instancePath(randomUUID()), { query: { plan_id: hobby.id, ...ASYNC } })).status).toBe(400);
    const id = randomUUID();
    expect((await provision(id)).status).toBe(202);
    expect((await osb.call('delete', instancePath(id), { query: { service_id: pg.id, plan_id: hobby.id, ...ASYNC } })).status).toBe(202);
    expect(await h.crossplane.claim('VSHNPostgreSQL', id)).toBeUndefined();
    expect((await lastOperation(id, 'deprovision')).status).toBe(410);
    expect((await lastOperation(id, 'provision-1')).status).toBe(404);
  });
});

describe('stateless: Kubernetes is the store', () => {
  test('two replicas serve one platform: a concurrent conflicting provision gets one 202 and one 409, either replica answers', async () => {
    const second = await h.startBroker();
    const other = new OSBClient(() => second.url, h.platform);
    const id = randomUUID();
    const [a, b] = await Promise.all([
      osb.call('put', instancePath(id), { query: ASYNC, body: provisionBody(pg.id, hobby.id) }),
      other.call('put', instancePath(id), { query: ASYNC, body: provisionBody(pg.id, standard4.id) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([202, 409]);
    const same = await Promise.all([
      osb.call('put', instancePath(id), { query: ASYNC, body: provisionBody(pg.id, a.status === 202 ? hobby.id : standard4.id) }),
      other.call('put', instancePath(id), { query: ASYNC, body: provisionBody(pg.id, a.status === 202 ? hobby.id : standard4.id) }),
    ]);
    expect(same.map((r) => r.status)).toEqual([202, 202]);
    const claim = await h.crossplane.mustClaim('VSHNPostgreSQL', id);
    await h.crossplane.writeConnectionSecret(claim, PG_SECRET);
    await h.crossplane.ready(claim);
    expect(field(await other.call('get', `${instancePath(id)}/last_operation`, { query: { operation: 'provision-1' } }), 'state')).toBe('succeeded');
    const bid = randomUUID();
    const planId = String(claim.metadata.labels?.['osb.appcat.vshn.io/plan-id']);
    expect((await osb.call('put', bindingPath(id, bid), { query: ASYNC, body: { service_id: pg.id, plan_id: planId } })).status).toBe(202);
    await h.crossplane.createUser(claim, bindingUser(bid), 'replica-pw-0b7e');
    expect(field(await other.call('get', `${bindingPath(id, bid)}/last_operation`, { query: { operation: 'bind' } }), 'state')).toBe('succeeded');
    expect(field(await other.call('get', bindingPath(id, bid)), 'credentials')).toMatchObject({ POSTGRESQL_PASSWORD: 'replica-pw-0b7e' });
    expect((await other.call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: planId } })).status).toBe(200);
    expect((await osb.call('delete', bindingPath(id, bid), { query: { service_id: pg.id, plan_id: planId } })).status).toBe(410);
    osb.seen.push(...other.seen);
    osb.problems.push(...other.problems);
    await second.shutdown();
  });

  test('the broker works with exactly the RBAC of deploy/: its service account may not read ConfigMaps', async () => {
    const kc = await h.env.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts']);
    const { KubeClient } = await import('../src/kube.js');
    const sa = await KubeClient.create(kc);
    try {
      expect((await sa.request('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(403);
      expect((await sa.request('GET', '/api/v1/secrets')).status).toBe(403);
      expect((await sa.request('GET', '/apis/vshn.appcat.vshn.io/v1/vshnpostgresqls')).status).toBe(200);
    } finally {
      sa.close();
    }
  });
});

describe('operations endpoints', () => {
  test('/healthz, /readyz and /metrics answer without platform credentials; metrics count OSB requests by route', async () => {
    expect((await fetch(`${broker.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${broker.url}/readyz`)).status).toBe(200);
    const metrics = await (await fetch(`${broker.url}/metrics`)).text();
    expect(metrics).toMatch(/osb_http_request_duration_seconds_count\{method="GET",route="\/v2\/catalog",status="200"\} [1-9]/);
    expect(metrics).toMatch(/process_cpu_seconds_total/);
  });

  test('shutdown fails readiness first, while still answering, then closes', async () => {
    const b = await h.startBroker();
    let drained = (): void => undefined;
    const stopped = b.shutdown(
      new Promise<void>((resolve) => {
        drained = resolve;
      }),
    );
    expect((await fetch(`${b.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    expect((await new OSBClient(() => b.url, h.platform).call('get', '/v2/catalog')).status).toBe(200);
    drained();
    await stopped;
    await expect(fetch(`${b.url}/healthz`)).rejects.toThrow();
  });

  test('shutdown lets an in-flight request finish, then accepts no more', async () => {
    const b = await h.startBroker();
    const url = new URL(`${instancePath(randomUUID())}?accepts_incomplete=true`, b.url);
    const body = JSON.stringify(provisionBody(pg.id, hobby.id));
    // A request whose body is still arriving when shutdown begins.
    const arrived = new Promise<void>((resolve) => {
      b.app.server.once('request', () => {
        resolve();
      });
    });
    const answer = new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        {
          method: 'PUT',
          headers: {
            'content-type': 'application/json',
            'content-length': String(body.length),
            'x-broker-api-version': '2.17',
            authorization: osb.basicAuth(),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            resolve(res.statusCode ?? 0);
          });
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      void arrived.then(() => setImmediate(() => req.end(body.slice(10))));
    });
    await arrived;
    const stopped = b.shutdown();
    expect(await answer).toBe(202);
    await stopped;
    await expect(fetch(`${b.url}/healthz`)).rejects.toThrow();
  });
});

describe('the contract', () => {
  test('no log line holds a password, token or credential', () => {
    const text = h.logs.join('');
    expect(text.length).toBeGreaterThan(1000);
    for (const secret of [
      h.platform.password,
      h.platform.token,
      PG_SECRET.POSTGRESQL_PASSWORD,
      BUCKET_SECRET.AWS_SECRET_ACCESS_KEY,
      'binding-pw-51d2',
      osb.basicAuth().slice(6),
    ])
      expect(text.includes(secret)).toBe(false);
  });

  test('every response conformed to the OpenAPI document, and every endpoint was called on success and error paths', () => {
    expect(osb.problems).toEqual([]);
    const paths = openapi.doc['paths'] as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    for (const [path, item] of Object.entries(paths)) {
      for (const method of Object.keys(item) as ('get' | 'put' | 'patch' | 'delete')[]) {
        const statuses = new Set(osb.seen.filter((s) => s.template === path && s.method === method).map((s) => s.status));
        const success = [...statuses].some((s) => s < 300);
        const failure = [...statuses].some((s) => s >= 400);
        if (!success || (!failure && path !== '/v2/catalog')) missing.push(`${method.toUpperCase()} ${path}: saw ${[...statuses].join(', ')}`);
        // Every status the document declares for it, except what this broker never answers.
        for (const declared of openapi.statuses(path, method)) {
          if (!statuses.has(declared) && !NEVER.has(`${method} ${path} ${declared}`))
            missing.push(`${method.toUpperCase()} ${path}: declared ${declared} not exercised`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Declared statuses this broker never sends, and why. */
const NEVER = new Set([
  // Always asynchronous: a new instance is 202, never 201.
  'put /v2/service_instances/{instance_id} 201',
  // Bindings with the instance's credentials are synchronous once it is ready (201/200), asynchronous before; those with a
  // user of their own are asynchronous. Unbind is synchronous: removing the user from the claim is one write.
  'delete /v2/service_instances/{instance_id}/service_bindings/{binding_id} 202',
  'delete /v2/service_instances/{instance_id}/service_bindings/{binding_id} 422',
  // Deprovision is always asynchronous.
  'delete /v2/service_instances/{instance_id} 200',
  // Binding last_operation: unbind is synchronous, so there is no delete to report as gone.
  'get /v2/service_instances/{instance_id}/service_bindings/{binding_id}/last_operation 410',
  'get /v2/service_instances/{instance_id}/service_bindings/{binding_id}/last_operation 400',
  // 409 on update: the document does not list it; a conflicting write is 422 ConcurrencyError.
]);
