// Kubernetes is the broker's only store. An instance is its claim: labels
// select it by instance id, annotations keep what the platform asked for and
// the operation in flight. A binding is a Secret beside the claim, owned by
// it, and, where the service makes users, an entry of the claim's list of
// users. Nothing lives in the broker's memory, so replicas and restarts agree.
import { isObject, shortHash, type JsonObject } from '@appcat/runtime';
import { BrokerError } from './errors.js';
import { messageOf, type KubeClient, type KubeReply } from './kube.js';
import type { ClaimAPI } from './plans.js';

export const PREFIX = 'osb.appcat.vshn.io';
export const LABELS = {
  instance: `${PREFIX}/instance-id`,
  binding: `${PREFIX}/binding-id`,
  service: `${PREFIX}/service-id`,
  plan: `${PREFIX}/plan-id`,
  platform: `${PREFIX}/platform`,
  user: `${PREFIX}/originating-user`,
  managedBy: 'app.kubernetes.io/managed-by',
} as const;
export const ANNOTATIONS = {
  instance: `${PREFIX}/instance-id`,
  binding: `${PREFIX}/binding-id`,
  request: `${PREFIX}/request`,
  parameters: `${PREFIX}/parameters`,
  context: `${PREFIX}/context`,
  operation: `${PREFIX}/operation`,
  identity: `${PREFIX}/originating-identity`,
  maintenance: `${PREFIX}/maintenance-version`,
  bound: `${PREFIX}/bound`,
  /** The user a binding added to the claim's list of users, when it has one of its own. */
  user: `${PREFIX}/user`,
} as const;
export const MANAGER = 'appcat-service-broker';

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** An id as a label value: itself when Kubernetes allows it (GUIDs do), else a stable hash. */
export function labelValue(id: string): string {
  return id.length <= 63 && LABEL_VALUE.test(id) ? id : `h${shortHash(id, 40)}`;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: JsonObject[];
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

export interface Claim {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: JsonObject & { parameters?: JsonObject; writeConnectionSecretToRef?: { name: string } };
  status?: { conditions?: Condition[]; [field: string]: unknown };
}

export interface Secret {
  apiVersion: 'v1';
  kind: 'Secret';
  metadata: ObjectMeta;
  type?: string;
  data?: Record<string, string>;
}

function isClaim(v: unknown): v is Claim {
  return isObject(v) && isObject(v['metadata']) && typeof v['metadata']['name'] === 'string';
}

/** A failure talking to the API server: the platform gets a 5xx and retries (or mitigates orphans). */
function apiFailure(what: string, reply: KubeReply): BrokerError {
  return new BrokerError(
    reply.status === 403 ? 500 : 503,
    'InternalError',
    `${what}: the Kubernetes API answered ${reply.status}: ${messageOf(reply)}`,
  );
}

const enc = encodeURIComponent;

export class Store {
  constructor(private readonly kube: KubeClient) {}

  private base(api: ClaimAPI): string {
    return `/apis/${api.group}/${api.version}`;
  }

  private claimPath(api: ClaimAPI, namespace: string, name?: string): string {
    return `${this.base(api)}/namespaces/${enc(namespace)}/${api.plural}${name !== undefined ? `/${enc(name)}` : ''}`;
  }

  /**
   * The claim of an instance id among the given claim kinds, or undefined.
   * Lists are consistent reads, except for the kinds in `cached`: those come
   * from the API server's watch cache as it is (resourceVersion=0). A
   * consistent list of a kind that was not written last waits for the cache
   * to catch up (about 100 ms); provision only needs the other kinds to
   * refuse an id a platform reused for another service, which a cache a few
   * milliseconds old answers as well.
   */
  async findClaim(apis: ClaimAPI[], instanceId: string, cached: ClaimAPI[] = []): Promise<{ api: ClaimAPI; claim: Claim } | undefined> {
    const selector = enc(`${LABELS.instance}=${labelValue(instanceId)}`);
    const found = await Promise.all(
      apis.map(async (api) => {
        const fromCache = cached.includes(api) ? '&resourceVersion=0' : '';
        const reply = await this.kube.request('GET', `${this.base(api)}/${api.plural}?labelSelector=${selector}${fromCache}`);
        if (reply.status === 404) return []; // the claim kind is not installed (yet)
        if (reply.status !== 200 || !isObject(reply.body) || !Array.isArray(reply.body['items'])) throw apiFailure(`listing ${api.kind}`, reply);
        return (reply.body['items'] as unknown[]).filter(isClaim).map((claim) => ({ api, claim }));
      }),
    );
    // The label may be a hash; the annotation is the id itself.
    return found.flat().find(({ claim }) => claim.metadata.annotations?.[ANNOTATIONS.instance] === instanceId);
  }

  /** Creates a claim; 'exists' when one of that name is there already (a concurrent or earlier request). */
  async createClaim(api: ClaimAPI, claim: Claim): Promise<Claim | 'exists'> {
    const reply = await this.kube.request('POST', this.claimPath(api, claim.metadata.namespace), claim);
    if (reply.status === 409) return 'exists';
    if (reply.status === 400 || reply.status === 422) {
      throw new BrokerError(400, 'BadRequest', `the service refused the parameters: ${messageOf(reply)}`);
    }
    if (reply.status !== 201 || !isClaim(reply.body)) throw apiFailure(`creating ${api.kind}`, reply);
    return reply.body;
  }

  /** One claim by name, read consistently; undefined when it is gone. */
  async getClaim(api: ClaimAPI, namespace: string, name: string): Promise<Claim | undefined> {
    const reply = await this.kube.request('GET', this.claimPath(api, namespace, name));
    if (reply.status === 404) return undefined;
    if (reply.status !== 200 || !isClaim(reply.body)) throw apiFailure(`reading ${api.kind} ${namespace}/${name}`, reply);
    return reply.body;
  }

  /** Replaces a claim at its resourceVersion; 'conflict' when another writer came first, 'gone' when it was deleted. */
  async replaceClaim(api: ClaimAPI, claim: Claim): Promise<Claim | 'conflict' | 'gone'> {
    const reply = await this.kube.request('PUT', this.claimPath(api, claim.metadata.namespace, claim.metadata.name), claim);
    if (reply.status === 409) return 'conflict';
    if (reply.status === 404) return 'gone';
    if (reply.status === 400 || reply.status === 422) {
      throw new BrokerError(400, 'BadRequest', `the service refused the change: ${messageOf(reply)}`);
    }
    if (reply.status !== 200 || !isClaim(reply.body)) throw apiFailure(`updating ${api.kind}`, reply);
    return reply.body;
  }

  /** Deletes a claim (Crossplane then deletes the composite and everything composed, and finally the claim). */
  async deleteClaim(api: ClaimAPI, claim: Claim): Promise<void> {
    const reply = await this.kube.request('DELETE', this.claimPath(api, claim.metadata.namespace, claim.metadata.name), {
      apiVersion: 'v1',
      kind: 'DeleteOptions',
      propagationPolicy: 'Background',
      ...(claim.metadata.uid !== undefined ? { preconditions: { uid: claim.metadata.uid } } : {}),
    });
    if (reply.status === 404 || reply.status === 409) return; // already gone, or replaced by a new one of that name
    if (reply.status !== 200 && reply.status !== 202) throw apiFailure(`deleting ${api.kind}`, reply);
  }

  async ensureNamespace(name: string): Promise<void> {
    const get = await this.kube.request('GET', `/api/v1/namespaces/${enc(name)}`);
    if (get.status === 200) return;
    if (get.status !== 404) throw apiFailure(`reading namespace ${name}`, get);
    const reply = await this.kube.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { [LABELS.managedBy]: MANAGER } },
    });
    if (reply.status !== 201 && reply.status !== 409) throw apiFailure(`creating namespace ${name}`, reply);
  }

  async getSecret(namespace: string, name: string): Promise<Secret | undefined> {
    const reply = await this.kube.request('GET', `/api/v1/namespaces/${enc(namespace)}/secrets/${enc(name)}`);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200 || !isClaim(reply.body)) throw apiFailure(`reading secret ${namespace}/${name}`, reply);
    return reply.body as unknown as Secret;
  }

  async createSecret(secret: Secret): Promise<Secret | 'exists'> {
    const reply = await this.kube.request('POST', `/api/v1/namespaces/${enc(secret.metadata.namespace)}/secrets`, secret);
    if (reply.status === 409) return 'exists';
    if (reply.status !== 201) throw apiFailure(`creating secret ${secret.metadata.name}`, reply);
    return reply.body as Secret;
  }

  async replaceSecret(secret: Secret): Promise<Secret | 'conflict' | 'gone'> {
    const reply = await this.kube.request('PUT', `/api/v1/namespaces/${enc(secret.metadata.namespace)}/secrets/${enc(secret.metadata.name)}`, secret);
    if (reply.status === 409) return 'conflict';
    if (reply.status === 404) return 'gone';
    if (reply.status !== 200) throw apiFailure(`updating secret ${secret.metadata.name}`, reply);
    return reply.body as Secret;
  }

  async deleteSecret(secret: Secret): Promise<void> {
    const reply = await this.kube.request('DELETE', `/api/v1/namespaces/${enc(secret.metadata.namespace)}/secrets/${enc(secret.metadata.name)}`);
    if (reply.status !== 200 && reply.status !== 404) throw apiFailure(`deleting secret ${secret.metadata.name}`, reply);
  }

  /** Whether the API server answers (readiness). */
  async reachable(): Promise<boolean> {
    try {
      return (await this.kube.request('GET', '/version')).status === 200;
    } catch {
      return false;
    }
  }
}

/** A JSON annotation's value, or undefined when absent or unreadable. */
export function jsonAnnotation(meta: ObjectMeta, key: string): unknown {
  const raw = meta.annotations?.[key];
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
