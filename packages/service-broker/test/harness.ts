// The test world: a real kube-apiserver (packages/testenv) with the claim
// CRDs Crossplane would derive from our XRDs, the broker's RBAC from
// deploy/, brokers on 127.0.0.1 that talk to Kubernetes as the broker's
// service account, and the test playing Crossplane on the claims.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { stringify } from 'yaml';
import { startTestEnv, type TestEnv } from '@appcat/testenv';
import { claimCRD } from '@appcat/checks';
import { isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import { startBroker, type RunningBroker } from '../src/app.js';
import type { Config } from '../src/config.js';
import { KubeClient, messageOf } from '../src/kube.js';
import type { ClaimAPI } from '../src/plans.js';
import type { Claim, Condition, Secret } from '../src/store.js';
import { must, packageDir, plansDir, services, xrdsDir } from './helpers.js';

export const SERVICE_ACCOUNT = 'system:serviceaccount:appcat-service-broker:service-broker';

/** An entry of VSHNPostgreSQL's spec.parameters.service.access (the XRD's fields). */
export interface AccessUser {
  user: string;
  database?: string;
  privileges?: string[];
  writeConnectionSecretToRef?: { name: string; namespace: string };
}

export interface Platform {
  username: string;
  password: string;
  token: string;
}

export interface Harness {
  env: TestEnv;
  admin: KubeClient;
  platform: Platform;
  crossplane: Crossplane;
  /** Everything every broker logged, to show no credential ever reaches a log. */
  logs: string[];
  startBroker(overrides?: Partial<Config>): Promise<RunningBroker>;
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'service-broker-test-'));
  const clients: KubeClient[] = [];
  const brokers: RunningBroker[] = [];
  let env: TestEnv | undefined;
  const stop = async (): Promise<void> => {
    for (const b of brokers.splice(0)) await b.shutdown().catch(() => undefined);
    for (const c of clients.splice(0)) c.close();
    await env?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    env = await startTestEnv();
    const crds = readYamlDocuments(join(xrdsDir, 'objectbucket.yaml'))
      .concat(
        readYamlDocuments(join(xrdsDir, 'vshn-postgresql.yaml')),
        readYamlDocuments(join(xrdsDir, 'exoscale-postgresql.yaml')),
        readYamlDocuments(join(xrdsDir, 'keycloak.yaml')),
      )
      .map((xrd) => claimCRD(xrd))
      .filter((c) => c !== undefined);
    const crdFile = join(dir, 'claim-crds.yaml');
    writeFileSync(crdFile, crds.map((c) => `---\n${stringify(c)}`).join(''));
    await env.installCRDs(crdFile);

    const admin = await KubeClient.create(env.adminClient());
    clients.push(admin);
    // A CRD is served before its storage answers lists; wait for that.
    for (const api of services().map((x) => x.claim)) {
      for (let i = 0; (await admin.request('GET', `/apis/${api.group}/${api.version}/${api.plural}`)).status !== 200; i++) {
        if (i > 100) throw new Error(`${api.plural} cannot be listed`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // The broker's namespace, service account and RBAC exactly as deployed.
    for (const doc of readYamlDocuments(join(packageDir, 'deploy', 'service-broker.yaml'))) {
      if (!['Namespace', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding'].includes(str(doc['kind']))) continue;
      const reply = await admin.request('POST', collectionPath(doc), doc);
      if (reply.status !== 201) throw new Error(`applying ${str(doc['kind'])}: ${messageOf(reply)}`);
    }
    const brokerKube = await KubeClient.create(
      await env.userKubeConfig(SERVICE_ACCOUNT, ['system:serviceaccounts', 'system:serviceaccounts:appcat-service-broker']),
    );
    clients.push(brokerKube);

    const platform: Platform = { username: 'akkeris', password: randomBytes(18).toString('base64url'), token: randomBytes(24).toString('base64url') };
    const credentialsFile = join(dir, 'credentials.yaml');
    writeFileSync(credentialsFile, stringify({ basic: [{ username: platform.username, password: platform.password }], bearer: [platform.token] }));

    const logs: string[] = [];
    const logStream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString('utf8'));
        done();
      },
    });
    const harness: Harness = {
      env,
      admin,
      platform,
      crossplane: new Crossplane(admin),
      logs,
      startBroker: async (overrides = {}) => {
        const config: Config = {
          host: '127.0.0.1',
          port: 0,
          credentialsFile,
          plansDir,
          xrdsDir,
          namespaceTemplate: 'osb-{organization_guid}',
          createNamespaces: true,
          retryAfterSeconds: 1,
          shutdownDelaySeconds: 0,
          logLevel: 'info',
          ...overrides,
        };
        const b = await startBroker(config, brokerKube, { stream: logStream });
        brokers.push(b);
        return b;
      },
      stop,
    };
    return harness;
  } catch (err) {
    await stop();
    throw err;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function collectionPath(doc: JsonObject): string {
  const apiVersion = str(doc['apiVersion']);
  const kind = str(doc['kind']);
  const ns = isObject(doc['metadata']) && typeof doc['metadata']['namespace'] === 'string' ? doc['metadata']['namespace'] : undefined;
  const plural = `${kind.toLowerCase()}s`.replace(/ss$/, 'sses');
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  return ns !== undefined ? `${base}/namespaces/${ns}/${plural}` : `${base}/${plural}`;
}

/** What Crossplane and our functions do to a claim, done by the test. */
export class Crossplane {
  private readonly apis: ClaimAPI[] = services().map((s) => s.claim);

  constructor(private readonly kube: KubeClient) {}

  private api(kind: string): ClaimAPI {
    return must(
      this.apis.find((a) => a.kind === kind),
      `claim kind ${kind}`,
    );
  }

  /** The claim the broker made for an instance, found by its label as an operator would. */
  async claim(kind: string, instanceId: string): Promise<Claim | undefined> {
    const api = this.api(kind);
    const selector = encodeURIComponent(`osb.appcat.vshn.io/instance-id=${instanceId}`);
    const reply = await this.kube.request('GET', `/apis/${api.group}/${api.version}/${api.plural}?labelSelector=${selector}`);
    if (reply.status !== 200 || !isObject(reply.body) || !Array.isArray(reply.body['items'])) throw new Error(`listing claims: ${messageOf(reply)}`);
    return reply.body['items'][0] as unknown as Claim | undefined;
  }

  async mustClaim(kind: string, instanceId: string): Promise<Claim> {
    return must(await this.claim(kind, instanceId), `${kind} of instance ${instanceId}`);
  }

  private path(claim: Claim): string {
    return `/apis/${claim.apiVersion}/namespaces/${claim.metadata.namespace}/${this.api(claim.kind).plural}/${claim.metadata.name}`;
  }

  async refresh(claim: Claim): Promise<Claim> {
    const reply = await this.kube.request('GET', this.path(claim));
    if (reply.status !== 200) throw new Error(`reading claim: ${messageOf(reply)}`);
    return reply.body as Claim;
  }

  async setConditions(claim: Claim, conditions: Omit<Condition, 'lastTransitionTime' | 'observedGeneration'>[]): Promise<void> {
    const current = await this.refresh(claim);
    const now = new Date().toISOString();
    const body = {
      status: { conditions: conditions.map((c) => ({ ...c, lastTransitionTime: now, observedGeneration: current.metadata.generation ?? 1 })) },
    };
    const reply = await this.kube.request('PATCH', `${this.path(claim)}/status`, body, 'application/merge-patch+json');
    if (reply.status !== 200) throw new Error(`setting conditions: ${messageOf(reply)}`);
  }

  provisioning(claim: Claim, message: string): Promise<void> {
    return this.setConditions(claim, [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'False', reason: 'Creating' },
      { type: 'ServiceReady', status: 'False', reason: 'Provisioning', message },
    ]);
  }

  ready(claim: Claim): Promise<void> {
    return this.setConditions(claim, [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'True', reason: 'Available' },
      { type: 'ServiceReady', status: 'True', reason: 'Available' },
    ]);
  }

  failed(claim: Claim, reason: string, message: string): Promise<void> {
    return this.setConditions(claim, [
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
      { type: 'Ready', status: 'False', reason: 'Creating' },
      { type: 'ServiceReady', status: 'False', reason, message },
    ]);
  }

  /** The connection secret Crossplane writes where the claim asks for it. */
  async writeConnectionSecret(claim: Claim, data: Record<string, string>): Promise<void> {
    const name = claim.spec.writeConnectionSecretToRef?.name;
    if (name === undefined) throw new Error('the claim asks for no connection secret');
    const secret: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: claim.metadata.namespace },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    };
    const reply = await this.kube.request('POST', `/api/v1/namespaces/${claim.metadata.namespace}/secrets`, secret);
    if (reply.status !== 201) throw new Error(`writing connection secret: ${messageOf(reply)}`);
  }

  /** The claim's list of extra users (spec.parameters.service.access), as the API server stored it. */
  async accessUsers(claim: Claim): Promise<AccessUser[]> {
    const service = (await this.refresh(claim)).spec.parameters?.['service'];
    const access = isObject(service) ? service['access'] : undefined;
    return Array.isArray(access) ? (access as unknown as AccessUser[]) : [];
  }

  /** Sets the claim's list of users, as another writer of the claim would. */
  async setAccessUsers(claim: Claim, users: AccessUser[]): Promise<void> {
    const reply = await this.kube.request(
      'PATCH',
      this.path(claim),
      { spec: { parameters: { service: { access: users } } } },
      'application/merge-patch+json',
    );
    if (reply.status !== 200) throw new Error(`setting the users: ${messageOf(reply)}`);
  }

  /**
   * What the function, provider-sql and provider-kubernetes do for a listed
   * user: the role with a generated password, and the user's Secret where
   * the entry asks, with the keys the function writes there.
   */
  async createUser(claim: Claim, user: string, password: string): Promise<Secret> {
    const entry = must(
      (await this.accessUsers(claim)).find((u) => u.user === user),
      `user ${user} on the claim`,
    );
    const ref = must(entry.writeConnectionSecretToRef, `user ${user}'s writeConnectionSecretToRef`);
    const data = {
      POSTGRESQL_USER: user,
      POSTGRESQL_DB: entry.database ?? user,
      POSTGRESQL_HOST: 'pg.vshn-postgresql-instance.svc.cluster.local',
      POSTGRESQL_PORT: '5432',
      POSTGRESQL_PASSWORD: password,
      'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    };
    const secret: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: ref.name, namespace: ref.namespace },
      data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
    };
    const reply = await this.kube.request('POST', `/api/v1/namespaces/${ref.namespace}/secrets`, secret);
    if (reply.status !== 201) throw new Error(`writing user ${user}'s secret: ${messageOf(reply)}`);
    return secret;
  }

  /** A user no longer listed: Crossplane deletes the role and the Object that wrote its Secret, and with it the Secret. */
  async dropUser(claim: Claim, user: string, secret: { namespace: string; name: string }): Promise<void> {
    if ((await this.accessUsers(claim)).some((u) => u.user === user)) throw new Error(`user ${user} is still listed on the claim`);
    const reply = await this.kube.request('DELETE', `/api/v1/namespaces/${secret.namespace}/secrets/${secret.name}`);
    if (reply.status !== 200) throw new Error(`deleting user ${user}'s secret: ${messageOf(reply)}`);
  }

  /** Crossplane's finalizer keeps a deleted claim until its composite is gone. */
  async setFinalizers(claim: Claim, finalizers: string[]): Promise<void> {
    const reply = await this.kube.request('PATCH', this.path(claim), { metadata: { finalizers } }, 'application/merge-patch+json');
    if (reply.status !== 200) throw new Error(`setting finalizers: ${messageOf(reply)}`);
  }

  async exists(claim: Claim): Promise<boolean> {
    return (await this.kube.request('GET', this.path(claim))).status === 200;
  }
}
