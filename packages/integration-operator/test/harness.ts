// What the end-to-end tests share: a real API server with the CRDs and the
// operator's RBAC from deploy/, the operator running in-process as its
// service account, apparatus stand-ins on loopback, and small helpers.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  PatchStrategy,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { type TestEnv, startTestEnv } from '@appcat/testenv';
import { parseAllDocuments } from 'yaml';
import { pino } from 'pino';
import { GROUP, VERSION } from '../src/api/schema.js';
import type { Condition, Plug, Side, Socket } from '../src/api/types.js';
import { Operator, type OperatorOptions } from '../src/operator.js';
import { orUndefinedWhenNotFound } from '../src/kube/client.js';

export const packageDir = join(import.meta.dirname, '..');
export const OPERATOR_NS = 'integration-system';
export const OPERATOR_USER = `system:serviceaccount:${OPERATOR_NS}:integration-operator`;

export function readYaml(path: string): KubernetesObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS() as KubernetesObject | null)
    .filter((d): d is KubernetesObject => d !== null);
}

export async function eventually<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`${what}: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}

export const check = (ok: boolean, message: string): void => {
  if (!ok) throw new Error(message);
};

/** An apparatus stand-in: records every call and answers what `answer` says. */
export interface ApparatusStub {
  url: string;
  calls: { path: string; body: Record<string, unknown> }[];
  answer: (path: string, body: Record<string, unknown>) => { status?: number; body?: unknown };
  close(): Promise<void>;
}

export async function startApparatus(answer: ApparatusStub['answer'] = () => ({})): Promise<ApparatusStub> {
  const stub: ApparatusStub = { url: '', calls: [], answer, close: () => Promise.resolve() };
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    req.on('end', () => {
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const path = req.url ?? '/';
      stub.calls.push({ path, body });
      const out = stub.answer(path, body);
      res.writeHead(out.status ?? 200, { 'content-type': 'application/json' }).end(out.body === undefined ? '' : JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stub.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  };
  return stub;
}

export class Cluster {
  readonly core: CoreV1Api;
  readonly custom: CustomObjectsApi;
  readonly objects: KubernetesObjectApi;
  readonly rbac: RbacAuthorizationV1Api;
  private readonly operators: Operator[] = [];

  private constructor(readonly env: TestEnv) {
    this.core = env.makeClient(CoreV1Api);
    this.custom = env.makeClient(CustomObjectsApi);
    this.objects = KubernetesObjectApi.makeApiClient(env.adminClient());
    this.rbac = env.makeClient(RbacAuthorizationV1Api);
  }

  /** Starts the API server with the CRDs and the operator's namespace and RBAC (not its Deployment). */
  static async start(): Promise<Cluster> {
    const env = await startTestEnv();
    try {
      await env.installCRDs(join(packageDir, 'deploy', 'crds'));
      const cluster = new Cluster(env);
      for (const doc of readYaml(join(packageDir, 'deploy', 'operator.yaml'))) {
        if (doc.kind !== 'Deployment') await cluster.objects.create(doc);
      }
      return cluster;
    } catch (err) {
      await env.stop();
      throw err;
    }
  }

  /** The operator as its service account, with short retry and lease timings for tests. */
  async startOperator(opts: Partial<OperatorOptions> = {}): Promise<Operator> {
    const operator = new Operator({
      kubeConfig: await this.operatorKubeConfig(),
      lease: { namespace: OPERATOR_NS, durationS: 6, retryPeriodMs: 500 },
      maxRetryDelayMs: 2_000,
      reapIntervalMs: 500,
      apparatus: { retries: 1, retryDelayMs: 50, timeoutMs: 2_000 },
      logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
      ...opts,
    });
    this.operators.push(operator);
    await operator.start();
    return operator;
  }

  operatorKubeConfig(): Promise<KubeConfig> {
    return this.env.userKubeConfig(OPERATOR_USER);
  }

  async stop(): Promise<void> {
    try {
      for (const op of this.operators) await op.stop();
    } finally {
      await this.env.stop();
    }
  }

  async namespace(name: string): Promise<void> {
    await this.core.createNamespace({ body: { metadata: { name } } });
  }

  /** Lets a namespace's service account manage the given resources there. */
  async grant(namespace: string, serviceAccount: string, rules: { apiGroups: string[]; resources: string[] }[]): Promise<void> {
    const name = `${serviceAccount}-integration`;
    await this.rbac.createNamespacedRole({
      namespace,
      body: { metadata: { name }, rules: rules.map((r) => ({ ...r, verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] })) },
    });
    await this.rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
        subjects: [{ kind: 'ServiceAccount', name: serviceAccount, namespace }],
      },
    });
  }

  /** Server-side applies a manifest (a plain object as read from YAML) into the namespace. */
  async apply(doc: object, namespace: string): Promise<void> {
    const manifest = doc as { metadata?: Record<string, unknown> };
    const body = { ...manifest, metadata: { ...manifest.metadata, namespace } } as KubernetesObject;
    await this.objects.patch(body, undefined, undefined, 'e2e', true, PatchStrategy.ServerSideApply);
  }

  async get<T extends Side>(kind: T['kind'], namespace: string, name: string): Promise<T | undefined> {
    const plural = kind === 'Plug' ? 'plugs' : 'sockets';
    return (await orUndefinedWhenNotFound(this.custom.getNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, name }))) as
      T | undefined;
  }

  async delete(kind: Side['kind'], namespace: string, name: string): Promise<void> {
    const plural = kind === 'Plug' ? 'plugs' : 'sockets';
    await orUndefinedWhenNotFound(this.custom.deleteNamespacedCustomObject({ group: GROUP, version: VERSION, namespace, plural, name }));
  }

  async exists(apiVersion: string, kind: string, namespace: string, name: string): Promise<boolean> {
    return (await orUndefinedWhenNotFound(this.objects.read({ apiVersion, kind, metadata: { name, namespace } }))) !== undefined;
  }

  async read(apiVersion: string, kind: string, namespace: string, name: string): Promise<Record<string, unknown>> {
    const object: object = await this.objects.read({ apiVersion, kind, metadata: { name, namespace } });
    return object as Record<string, unknown>;
  }

  /** Waits until the plug's condition has the status (and reason, when given). */
  async plugCondition(
    namespace: string,
    name: string,
    type: string,
    status: 'True' | 'False',
    reason?: string,
    timeoutMs?: number,
  ): Promise<Condition> {
    return eventually(
      `plug ${namespace}/${name} ${type}=${status}${reason ? ` (${reason})` : ''}`,
      async () => {
        const plug = await this.get<Plug>('Plug', namespace, name);
        const c = plug?.status?.conditions?.find((x) => x.type === type);
        check(c?.status === status && (reason === undefined || c.reason === reason), `is ${c ? `${c.status} (${c.reason}: ${c.message})` : 'unset'}`);
        return c!;
      },
      timeoutMs,
    );
  }

  async gone(what: string, probe: () => Promise<boolean>): Promise<void> {
    await eventually(`${what} is gone`, async () => {
      check(!(await probe()), 'still there');
    });
  }

  async socketOf(namespace: string, name: string): Promise<Socket | undefined> {
    return this.get<Socket>('Socket', namespace, name);
  }

  async eventReasons(namespace: string, name: string): Promise<string[]> {
    const list = await this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${name}` });
    return list.items.map((e) => e.reason ?? '');
  }
}
