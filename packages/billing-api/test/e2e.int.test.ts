// End to end: the billing API registered with a real kube-apiserver (the
// aggregation layer), driven by the real kubectl as an admin, as a user
// bound to one entity's viewer role, as a user with only the basic role and
// as a user with no role; the ERP is the Odoo emulator.
import { randomUUID } from 'node:crypto';
import * as https from 'node:https';
import { join } from 'node:path';
import {
  type BillingApi,
  DEPLOY_DIR as DEPLOY,
  type HeldLease,
  LeaseBusy,
  LeaseLocks,
  type LocalStack,
  SERVER_USER,
  kubeClient,
  startLocalStack,
} from '@appcat/billing-api';
import type { OdooEmulator } from '@appcat/odoo-emulator';
import { type KeyPair, type TestEnv, createCertificateAuthority } from '@appcat/testenv';
import { parse as parseYaml } from 'yaml';
import { Kubectl } from './kubectl.js';

async function eventually<T>(fn: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function entityYaml(displayName: string, extra = ''): string {
  return `apiVersion: billing.appuio.io/v1
kind: BillingEntity
metadata:
  generateName: be-
${extra}spec:
  name: ${displayName}
  phone: "+41 44 000 00 00"
  emails: [info@example.ch]
  address: { line1: Bahnhofstrasse 1, postalCode: "8001", city: Zürich, country: Switzerland }
  accountingContact: { name: ${displayName} Finance, emails: [finance@example.ch] }
  languagePreference: de_CH
`;
}

/** A direct HTTPS call to the billing server, bypassing kube-apiserver. */
function direct(
  api: BillingApi,
  path: string,
  opts: { headers?: Record<string, string>; cert?: KeyPair; method?: string; body?: string } = {},
): Promise<{ status: number; body: string; contentType: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${api.server.url}${path}`,
      {
        method: opts.method ?? 'GET',
        ca: api.serving.ca,
        headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
        ...(opts.cert ? { cert: opts.cert.certPem, key: opts.cert.keyPem } : {}),
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body, contentType: res.headers['content-type'] ?? '' });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('billing API through kube-apiserver and kubectl', () => {
  let stack: LocalStack | undefined;
  let api: BillingApi;
  let emu: OdooEmulator;
  let env: TestEnv;
  const k = new Kubectl();
  let first = '';

  beforeAll(async () => {
    // bob is kept out of the basic role: only alice and carol get it.
    stack = await startLocalStack({
      basicUserGroup: 'billing-users',
      config: {
        erpTimeoutMs: 1000,
        breakerOpenMs: 1000,
        breakerThreshold: 3,
        readinessIntervalMs: 200,
        watchIntervalMs: 300,
        // Sweeps run when the test says (api.sweep()), so what a failed create left can be looked at first.
        sweepIntervalMs: 3600_000,
      },
    });
    ({ api, erp: emu, env } = stack);
    k.kubeconfigs['admin'] = env.kubeconfig.path;
    for (const user of ['alice', 'bob', 'carol']) k.kubeconfigs[user] = await stack.kubeconfigFor(user);
    for (const user of ['alice', 'carol']) {
      expect(
        (await k.run('admin', ['create', 'clusterrolebinding', `billing-user-${user}`, '--clusterrole=billing-api:basic-user', `--user=${user}`]))
          .code,
      ).toBe(0);
    }
  });

  afterAll(async () => {
    await stack?.stop();
    if (k.transcript.length > 0) console.log(`kubectl transcript:\n\n${k.transcript.join('\n\n')}`);
  });

  it('is discovered, and kubectl explain reads its OpenAPI', async () => {
    const resources = await k.run('admin', ['api-resources', '--api-group=billing.appuio.io']);
    expect(resources.stdout).toMatch(/billingentities\s+be\s+billing\.appuio\.io\/v1\s+false\s+BillingEntity/);
    // The aggregator merges OpenAPI documents in the background: allow it a moment.
    const explain = await eventually(async () => {
      const r = await k.run('admin', ['explain', 'billingentity.spec']);
      if (r.code !== 0) throw new Error(r.stderr);
      return r;
    }, 30_000);
    expect(explain.stdout).toMatch(/accountingContact\s+<Object>/);
    expect(explain.stdout).toMatch(/emails\s+<\[\]string>/);
  });

  it('creates with a server-assigned name and shows the table', async () => {
    const created = await k.run('admin', ['create', '-f', '-', '-o', 'name'], entityYaml('Acme AG'));
    expect(created.stderr).toBe('');
    first = created.stdout.trim().replace(/^billingentity\.billing\.appuio\.io\//, '');
    expect(first).toMatch(/^be-\d+$/);
    const table = await k.run('admin', ['get', 'be']);
    expect(table.stdout).toMatch(/^NAME\s+DISPLAY NAME\s+ACCOUNTING CONTACT\s+AGE\n/);
    expect(table.stdout).toMatch(new RegExp(`${first}\\s+Acme AG\\s+Acme AG Finance\\s+\\d+s`));
    // The creator was bound to the entity's admin role.
    const binding = await k.run('admin', ['get', 'clusterrolebinding', `billingentities-${first}-admin`, '-o', 'jsonpath={.subjects[0].name}']);
    expect(binding.stdout).toBe('admin');
  });

  it('refuses a client-chosen name and an invalid e-mail with 422 naming the field', async () => {
    const named = await k.run('admin', ['create', '-f', '-'], entityYaml('Named', '  name: my-entity\n').replace('  generateName: be-\n', ''));
    expect(named.code).not.toBe(0);
    expect(named.stderr).toMatch(/metadata\.name: names are assigned by the server/);
    const bad = await k.run('admin', ['create', '-f', '-'], entityYaml('Bad').replace('emails: [info@example.ch]', 'emails: [not-an-address]'));
    expect(bad.stderr).toMatch(/spec\.emails\[0\]: must be an e-mail address/);
    const country = await k.run('admin', ['create', '-f', '-'], entityYaml('Far').replace('country: Switzerland', 'country: Atlantis'));
    expect(country.stderr).toMatch(/spec\.address\.country: unknown country "Atlantis"/);
  });

  it('patches (merge, JSON patch), applies client-side and refuses server-side apply with 415', async () => {
    expect((await k.run('admin', ['patch', 'be', first, '--type=merge', '-p', '{"spec":{"phone":"+41 44 111 11 11"}}'])).stdout).toMatch(/patched/);
    expect(
      (await k.run('admin', ['patch', 'be', first, '--type=json', '-p', '[{"op":"add","path":"/spec/emails/-","value":"second@example.ch"}]'])).code,
    ).toBe(0);
    const after = await k.run('admin', ['get', 'be', first, '-o', 'jsonpath={.spec.phone} {.spec.emails}']);
    expect(after.stdout).toBe('+41 44 111 11 11 ["info@example.ch","second@example.ch"]');

    const manifest = entityYaml('Acme Holding', `  name: ${first}\n`).replace('  generateName: be-\n', '');
    const applied = await k.run('admin', ['apply', '-f', '-'], manifest);
    expect(applied.stdout).toMatch(new RegExp(`billingentity.billing.appuio.io/${first} configured`));
    expect((await k.run('admin', ['get', 'be', first, '-o', 'jsonpath={.spec.name}'])).stdout).toBe('Acme Holding');

    // kubectl edit sends the editor's change as a merge patch (BillingEntity is not a built-in kind).
    const edit = await k.run('admin', ['edit', 'be', first], undefined, { KUBE_EDITOR: `sed -i 's/^  phone: .*/  phone: +41 44 222 22 22/'` });
    expect(edit.stdout).toMatch(new RegExp(`billingentity.billing.appuio.io/${first} edited`));
    expect((await k.run('admin', ['get', 'be', first, '-o', 'jsonpath={.spec.phone}'])).stdout).toBe('+41 44 222 22 22');

    const ssa = await k.run('admin', ['apply', '--server-side', '-f', '-'], manifest);
    expect(ssa.code).not.toBe(0);
    expect(ssa.stderr).toMatch(/server-side apply is not supported for billingentities; supported patch types: application\/merge-patch\+json/);
  });

  it('streams changes to kubectl get -w', async () => {
    const watch = k.start('admin', ['get', 'be', '-w']);
    try {
      await eventually(() => (watch.output().includes(first) ? Promise.resolve() : Promise.reject(new Error('no initial row yet'))));
      await k.run('admin', ['patch', 'be', first, '--type=merge', '-p', '{"spec":{"name":"Acme Watched"}}']);
      await eventually(() =>
        watch.output().includes('Acme Watched') ? Promise.resolve() : Promise.reject(new Error(`no MODIFIED row yet: ${watch.output()}`)),
      );
    } finally {
      await watch.stop();
    }
  });

  it('shows a viewer exactly the entity they may see, and a user without a role nothing', async () => {
    const second = (await k.run('admin', ['create', '-f', '-', '-o', 'name'], entityYaml('Other GmbH'))).stdout.trim().split('/')[1] ?? '';
    expect(second).toMatch(/^be-\d+$/);
    await k.run('admin', ['create', 'clusterrolebinding', 'alice-views', `--clusterrole=billingentities-${first}-viewer`, '--user=alice']);
    await eventually(async () => {
      const list = await k.run('alice', ['get', 'be', '-o', 'name']);
      if (list.stdout.trim() !== `billingentity.billing.appuio.io/${first}`) throw new Error(`alice sees: ${list.stdout}${list.stderr}`);
    });
    expect((await k.run('alice', ['get', 'be', first, '-o', 'jsonpath={.spec.name}'])).stdout).toBe('Acme Watched');
    const other = await k.run('alice', ['get', 'be', second]);
    expect(other.stderr).toMatch(/forbidden: User "alice" cannot get resource "billingentities"/);
    const patch = await k.run('alice', ['patch', 'be', first, '--type=merge', '-p', '{"spec":{"phone":"1"}}']);
    expect(patch.stderr).toMatch(/forbidden/i);

    // A watch shows the viewer changes to their entity only.
    const watch = k.start('alice', ['get', 'be', '-w', '-o', 'custom-columns=NAME:.metadata.name,PHONE:.spec.phone']);
    try {
      await eventually(() => (watch.output().includes(first) ? Promise.resolve() : Promise.reject(new Error('no initial row yet'))));
      await k.run('admin', ['patch', 'be', second, '--type=merge', '-p', '{"spec":{"phone":"+41 00 000 00 04"}}']);
      await k.run('admin', ['patch', 'be', first, '--type=merge', '-p', '{"spec":{"phone":"+41 00 000 00 02"}}']);
      await eventually(() =>
        watch.output().includes('+41 00 000 00 02') ? Promise.resolve() : Promise.reject(new Error(`no change yet: ${watch.output()}`)),
      );
      expect(watch.output()).not.toContain(second);
      expect(watch.output()).not.toContain('+41 00 000 00 04');
    } finally {
      await watch.stop();
    }

    const carol = await k.run('carol', ['get', 'be']);
    expect(carol.stderr).toMatch(/No resources found/);
    const bob = await k.run('bob', ['get', 'be']);
    expect(bob.stderr).toMatch(/Forbidden.*User "bob" cannot list resource "billingentities"/);

    // A user who creates an entity administers it.
    const own = (await k.run('carol', ['create', '-f', '-', '-o', 'name'], entityYaml('Carol AG'))).stdout.trim().split('/')[1] ?? '';
    expect(own).toMatch(/^be-\d+$/);
    await eventually(async () => {
      const list = await k.run('carol', ['get', 'be', '-o', 'name']);
      if (list.stdout.trim() !== `billingentity.billing.appuio.io/${own}`) throw new Error(`carol sees: ${list.stdout}`);
    });
  });

  it('refuses spoofed front-proxy headers sent directly to the server', async () => {
    const a = api;
    const spoof = { 'X-Remote-User': 'admin', 'X-Remote-Group': 'system:masters' };
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof })).status).toBe(401);
    // A certificate from another CA with the proxy's name: still not the proxy.
    const rogueCA = await createCertificateAuthority('rogue');
    const rogue = await rogueCA.issue({ commonName: 'front-proxy-client', usage: 'client' });
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: rogue })).status).toBe(401);
    // A real user's client certificate: authenticated as that user, the headers ignored.
    const eve = await env.clientCA.issue({ commonName: 'eve', usage: 'client' });
    const asEve = await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: eve });
    expect(asEve.status).toBe(403);
    expect(asEve.body).toMatch(/User \\"eve\\" cannot list/);
    // The real front-proxy certificate is trusted with its headers.
    const proxied = await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: env.frontProxy.client });
    expect(proxied.status).toBe(200);
    // So is a proxy certificate from an intermediate of the request-header CA, presented with its chain ...
    const intermediate = await env.frontProxy.ca.intermediate('front-proxy-intermediate');
    const chained = await intermediate.issue({ commonName: 'front-proxy-client', usage: 'client' });
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: chained })).status).toBe(200);
    // ... but not without the intermediate, nor through an intermediate of another CA.
    const leafOnly = { ...chained, certPem: chained.certPem.slice(0, chained.certPem.indexOf('-----END CERTIFICATE-----') + 25) };
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: leafOnly })).status).toBe(401);
    const rogueChained = await (await rogueCA.intermediate('front-proxy-intermediate')).issue({ commonName: 'front-proxy-client', usage: 'client' });
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: rogueChained })).status).toBe(401);
    // Nor through a CA below an intermediate whose pathLenConstraint forbids further CAs.
    const leafIssuer = await env.frontProxy.ca.intermediate('front-proxy-leaves-only', { pathLength: 0 });
    const tooDeep = await (await leafIssuer.intermediate('front-proxy-sub')).issue({ commonName: 'front-proxy-client', usage: 'client' });
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: tooDeep })).status).toBe(401);
    const allowed = await leafIssuer.issue({ commonName: 'front-proxy-client', usage: 'client' });
    expect((await direct(a, '/apis/billing.appuio.io/v1/billingentities', { headers: spoof, cert: allowed })).status).toBe(200);
  });

  it('authenticates a service-account token by TokenReview and refuses a bogus one', async () => {
    expect((await k.run('admin', ['create', 'serviceaccount', 'robot'])).code).toBe(0);
    const token = (await k.run('admin', ['create', 'token', 'robot'])).stdout.trim();
    k.transcript[k.transcript.length - 1] = '[admin]$ kubectl create token robot\n<token>';
    const asRobot = await direct(api, '/apis/billing.appuio.io/v1/billingentities', { headers: { authorization: `Bearer ${token}` } });
    expect(asRobot.status).toBe(403);
    expect(asRobot.body).toMatch(/User \\"system:serviceaccount:default:robot\\" cannot list/);
    expect((await direct(api, '/apis/billing.appuio.io/v1/billingentities', { headers: { authorization: 'Bearer not-a-token' } })).status).toBe(401);
  });

  it('speaks aggregated discovery, and answers 410 for a watch from a too old resourceVersion and 504 on an ERP deadline', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const discovery = await direct(api, '/apis', { headers: { accept } });
    expect(discovery.contentType).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    expect(JSON.parse(discovery.body)).toMatchObject({ kind: 'APIGroupDiscoveryList', items: [{ metadata: { name: 'billing.appuio.io' } }] });

    const v2 = JSON.parse((await direct(api, '/openapi/v2')).body) as {
      definitions: Record<string, { 'x-kubernetes-group-version-kind'?: unknown }>;
    };
    expect(v2.definitions['io.appuio.billing.v1.BillingEntity']?.['x-kubernetes-group-version-kind']).toEqual([
      { group: 'billing.appuio.io', version: 'v1', kind: 'BillingEntity' },
    ]);

    const admin = await env.clientCA.issue({ commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
    const old = await direct(api, '/apis/billing.appuio.io/v1/billingentities?watch=true&resourceVersion=1', { cert: admin });
    expect(old.status).toBe(410);
    expect(JSON.parse(old.body)).toMatchObject({ kind: 'Status', reason: 'Expired', code: 410 });

    emu.faults = { ...emu.faults, latencyMs: 3000 };
    try {
      const slow = await direct(api, `/apis/billing.appuio.io/v1/billingentities/${first}`, { cert: admin });
      expect(slow.status).toBe(504);
      expect(JSON.parse(slow.body)).toMatchObject({ kind: 'Status', reason: 'Timeout', code: 504 });
    } finally {
      emu.faults = { ...emu.faults, latencyMs: 0 };
    }
  });

  it('answers 503 with the reason while the ERP is down, and recovers', async () => {
    emu.faults = { ...emu.faults, outage: true };
    try {
      const down = await k.run('admin', ['get', 'be', first]);
      expect(down.code).not.toBe(0);
      expect(down.stderr).toMatch(/the ERP is unavailable/);
      await eventually(async () => {
        if ((await direct(api, '/readyz')).status !== 503) throw new Error('still ready');
      });
    } finally {
      emu.faults = { ...emu.faults, outage: false };
    }
    await eventually(async () => {
      const up = await k.run('admin', ['get', 'be', first, '-o', 'name']);
      if (up.code !== 0) throw new Error(up.stderr);
    });
    // Readiness follows on the next probe of the ERP.
    await eventually(async () => {
      if ((await direct(api, '/readyz')).status !== 200) throw new Error('not ready yet');
    });
  });

  it('lets one of two concurrent updates from the same resourceVersion win; the other gets 409', async () => {
    const current = (await k.run('admin', ['get', 'be', first, '-o', 'json'])).stdout;
    const withPhone = (phone: string): string => {
      const obj = JSON.parse(current) as { spec: { phone: string } };
      obj.spec.phone = phone;
      return JSON.stringify(obj);
    };
    const results = await Promise.all([
      k.run('admin', ['replace', '-f', '-'], withPhone('+41 1')),
      k.run('admin', ['replace', '-f', '-'], withPhone('+41 2')),
    ]);
    expect(results.filter((r) => r.code === 0)).toHaveLength(1);
    const loser = results.find((r) => r.code !== 0);
    expect(loser?.stderr).toMatch(/Operation cannot be fulfilled on billingentities.billing.appuio.io "be-\d+": the object has been modified/);
  });

  it('lets exactly one of two concurrent updates from one resourceVersion win across two replicas; the other gets 409', async () => {
    const replica = await stack!.startReplica();
    const admin = await env.clientCA.issue({ commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
    const created = await direct(api, '/apis/billing.appuio.io/v1/billingentities', {
      method: 'POST',
      cert: admin,
      body: JSON.stringify(parseYaml(entityYaml('Race AG'))),
    });
    expect(created.status).toBe(201);
    const name = (JSON.parse(created.body) as { metadata: { name: string } }).metadata.name;
    const path = `/apis/billing.appuio.io/v1/billingentities/${name}`;
    const put = (server: BillingApi, entity: { spec: object }, phone: string) =>
      direct(server, path, { method: 'PUT', cert: admin, body: JSON.stringify({ ...entity, spec: { ...entity.spec, phone } }) });
    for (const round of [1, 2]) {
      const current = JSON.parse((await direct(api, path, { cert: admin })).body) as { spec: { phone: string } };
      // A slow ERP makes both replicas' version checks overlap: only the Lease keeps the second write out.
      emu.faults = { ...emu.faults, latencyMs: 150 };
      let results: Array<{ status: number; body: string }>;
      try {
        results = await Promise.all([put(api, current, `+41 ${round}1`), put(replica, current, `+41 ${round}2`)]);
      } finally {
        emu.faults = { ...emu.faults, latencyMs: 0 };
      }
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409);
      expect(JSON.parse(loser?.body ?? '{}')).toMatchObject({
        reason: 'Conflict',
        message: expect.stringMatching(/the object has been modified/) as string,
      });
      const winner = JSON.parse(results.find((r) => r.status === 200)?.body ?? '{}') as { spec: { phone: string } };
      expect((JSON.parse((await direct(replica, path, { cert: admin })).body) as { spec: { phone: string } }).spec.phone).toBe(winner.spec.phone);
    }
    // The lock was released: no Lease is left behind.
    const leases = await k.run('admin', ['get', 'leases', '-n', 'billing-system', '-o', 'name']);
    expect(leases.stdout).not.toContain(`billingentity-${name}`);
  });

  it('Leases exclude a second holder, which waits and then gets 409, and stop a holder whose lease could expire', async () => {
    // The server's own identity and RBAC: Leases in billing-system only.
    const identity = kubeClient(await env.userKubeConfig(SERVER_USER, ['system:serviceaccounts', 'system:serviceaccounts:billing-system']));
    const locks = (holder: string) => new LeaseLocks(identity, { namespace: 'billing-system', durationMs: 2000, waitMs: 300, holder });
    const [a, b] = [locks('replica-a'), locks('replica-b')];
    let release = (): void => undefined;
    const released = new Promise<void>((r) => (release = r));
    let held: HeldLease | undefined;
    const holding = a.hold('billingentity-test', 'the test entity', async (h) => {
      held = h;
      await released;
      return 'a';
    });
    await eventually(() => (held ? Promise.resolve() : Promise.reject(new Error('not held yet'))));
    const started = Date.now();
    const busy = await b.hold('billingentity-test', 'the test entity', () => Promise.resolve('b')).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(LeaseBusy);
    expect(busy).toMatchObject({ code: 409, message: 'the test entity is being changed by another request; try again' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    // A write that would outlast the lease is not started.
    expect(() => held?.assertHeld(1000)).not.toThrow();
    expect(() => held?.assertHeld(5000)).toThrow(/expired before the write/);
    release();
    expect(await holding).toBe('a');
    // Released: the other holder gets it at once.
    expect(await b.hold('billingentity-test', 'the test entity', () => Promise.resolve('b'))).toBe('b');
    // Outside its namespace the server may not take Leases.
    const foreign = new LeaseLocks(identity, { namespace: 'default', durationMs: 2000, waitMs: 0 });
    await expect(foreign.hold('x', 'x', () => Promise.resolve())).rejects.toMatchObject({ status: 403 });
  });

  it('rolls the ERP records back when the roles of a new entity cannot be made', async () => {
    // Take the server's right to manage ClusterRoles away for a moment.
    expect((await k.run('admin', ['delete', 'clusterrolebinding', 'billing-api'])).code).toBe(0);
    const partners = emu.db.table('res.partner');
    const before = new Set(partners.rows.keys());
    // Until the RBAC change is seen, a create may still succeed: those entities are no orphans.
    const succeeded = new Set<number>();
    try {
      const failed = await eventually(async () => {
        const r = await k.run('admin', ['create', '-f', '-', '-o', 'name'], entityYaml('Orphan AG'));
        if (r.code === 0) {
          succeeded.add(Number(r.stdout.trim().split('/be-')[1]));
          throw new Error('the create still succeeded');
        }
        return r;
      });
      expect(failed.stderr).toMatch(/could not create the roles of be-\d+; the ERP records were rolled back/);
    } finally {
      await k.run('admin', [
        'create',
        'clusterrolebinding',
        'billing-api',
        '--clusterrole=billing-api',
        '--serviceaccount=billing-system:billing-api',
      ]);
    }
    // Whatever the ERP got for the failed creates is gone: no entity exists that nobody may see.
    const kept = new Set([...succeeded].flatMap((id) => [id, partners.get(id)['parent_id'] as number]));
    expect([...partners.rows.keys()].filter((id) => !before.has(id) && !kept.has(id))).toEqual([]);
  });

  it('removes what a create left in flight when it died, on a later sweep', async () => {
    const partners = emu.db.table('res.partner');
    const before = new Set(partners.rows.keys());
    const added = () => [...partners.rows.values()].filter((r) => !before.has(r['id'] as number));

    // 1. The contact cannot be created and the undo fails too: the company stays, marked in flight.
    emu.faults = {
      ...emu.faults,
      failCalls: [
        { model: 'res.partner', method: 'create', skip: 1, times: 1 },
        { model: 'res.partner', method: 'unlink', skip: 0, times: 1 },
      ],
    };
    // Sent directly: kubectl would retry after the 503's Retry-After (and succeed).
    const admin = await env.clientCA.issue({ commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
    const failed = await direct(api, '/apis/billing.appuio.io/v1/billingentities', {
      method: 'POST',
      cert: admin,
      body: JSON.stringify(parseYaml(entityYaml('Crash AG'))),
    });
    emu.faults = { ...emu.faults, failCalls: [] };
    expect(failed.status).toBe(503);
    expect(failed.body).toMatch(/the ERP failed/);
    const [half] = added();
    expect(added()).toHaveLength(1);
    expect(half).toMatchObject({ name: 'Crash AG', is_company: true, x_control_api_inflight: expect.any(String) as string });

    // 2. A server that died holding its create's Lease, after both records and the roles existed.
    const marker = randomUUID();
    const company = partners.insert({ name: 'Ghost AG', is_company: true, x_control_api_inflight: marker }, Date.now());
    const contact = partners.insert({ name: 'Ghost', parent_id: company, type: 'invoice', x_control_api_inflight: marker }, Date.now());
    const role = `billingentities-be-${contact}-admin`;
    const roleYaml = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: ${role} }
rules: [{ apiGroups: [rbac.appuio.io], resources: [billingentities], verbs: [get], resourceNames: [be-${contact}] }]
`;
    expect((await k.run('admin', ['create', '-f', '-'], roleYaml)).code).toBe(0);
    const lease = `billingentity-create-${marker}`;
    const leaseYaml = `apiVersion: coordination.k8s.io/v1
kind: Lease
metadata: { name: ${lease}, namespace: billing-system }
spec: { holderIdentity: crashed-replica, leaseDurationSeconds: 1, renewTime: "${new Date().toISOString().replace('Z', '000Z')}" }
`;
    expect((await k.run('admin', ['create', '-f', '-'], leaseYaml)).code).toBe(0);
    expect((await k.run('admin', ['get', 'be', `be-${contact}`])).stderr).toMatch(/NotFound/);

    // A sweep removes the first at once (nobody holds its create's Lease); the second's holder may still be at work.
    expect(await api.sweep()).toBe(1);
    expect(added().map((r) => r['id'])).toEqual([company, contact]);
    // Once the dead holder's Lease has been seen unchanged for its duration, the next sweep takes it over.
    await new Promise((r) => setTimeout(r, 1200));
    expect(await api.sweep()).toBe(2);
    expect(added()).toEqual([]);
    expect((await k.run('admin', ['get', 'clusterrole', role])).stderr).toMatch(/NotFound/);
    expect((await k.run('admin', ['get', 'lease', '-n', 'billing-system', lease])).stderr).toMatch(/NotFound/);
  });

  it('deletes by archiving in the ERP; a second delete is 404', async () => {
    expect((await k.run('admin', ['delete', 'be', first])).stdout).toMatch(/deleted/);
    expect((await k.run('admin', ['get', 'be', first])).stderr).toMatch(/NotFound.*not found/);
    expect((await k.run('admin', ['delete', 'be', first])).stderr).toMatch(/not found/);
    const contact = emu.db.table('res.partner').get(Number(first.slice(3)));
    expect(contact['active']).toBe(false);
  });

  it('validates the deploy manifests with a strict server-side dry run', async () => {
    expect((await k.run('admin', ['apply', '-f', join(DEPLOY, 'namespace.yaml')])).code).toBe(0);
    const dryRun = await k.run('admin', ['apply', '--dry-run=server', '--validate=strict', '-f', DEPLOY]);
    expect(dryRun.code).toBe(0);
    // The APIService and the RBAC exist already (created without kubectl apply), so kubectl warns about
    // their missing last-applied annotation; nothing else may be said.
    expect(
      dryRun.stderr.replace(/^Warning: resource \S+ is missing the kubectl.kubernetes.io\/last-applied-configuration annotation .*\n/gm, ''),
    ).toBe('');
    expect(dryRun.stdout).toMatch(/deployment.apps\/billing-api created \(server dry run\)/);
    expect(dryRun.stdout).toMatch(/apiservice.apiregistration.k8s.io\/v1.billing.appuio.io configured \(server dry run\)/);
  });

  it('serves Prometheus metrics to an authorized caller', async () => {
    const admin = await env.clientCA.issue({ commonName: 'admin', organizations: ['system:masters'], usage: 'client' });
    const res = await direct(api, '/metrics', { cert: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatch(/billing_api_requests_total\{verb="list",code="200"\} \d+/);
  });
});
