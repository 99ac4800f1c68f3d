// The whole stack on one machine, for `make billing-api`, the end-to-end
// test and the benchmark: a real kube-apiserver with the aggregation layer
// (packages/testenv), the Odoo emulator as the ERP, and the billing API
// registered as an APIService, with the server's RBAC from deploy/rbac.yaml.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type OdooEmulator, startOdooEmulator } from '@appcat/odoo-emulator';
import { type TestEnv, createCertificateAuthority, startTestEnv } from '@appcat/testenv';
import { parseAllDocuments } from 'yaml';
import { type BillingApi, type BillingApiConfig, DEFAULTS, startBillingApi } from './app.js';
import { expectStatus, kubeClient } from './kube/client.js';

export const DEPLOY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'deploy');
export const SERVER_USER = 'system:serviceaccount:billing-system:billing-api';
const INFLIGHT_FIELD = 'x_control_api_inflight';

export interface LocalStackOptions {
  /** Group bound to billing-api:basic-user (default system:authenticated, as deployed). */
  basicUserGroup?: string;
  /** Overrides of the server configuration (timeouts, intervals). */
  config?: Partial<BillingApiConfig>;
}

export interface LocalStack {
  env: TestEnv;
  erp: OdooEmulator;
  api: BillingApi;
  /** Temp dir with the kubeconfigs and the Odoo key file; removed by stop(). */
  dir: string;
  /** Another server like `api`, on its own port, with the same ERP and identity (not behind the APIService). */
  startReplica(): Promise<BillingApi>;
  /** Writes a kubeconfig for `user` (client certificate) and returns its path. */
  kubeconfigFor(user: string, groups?: string[]): Promise<string>;
  stop(): Promise<void>;
}

const PATHS: Record<string, (namespace: string | undefined) => string> = {
  ClusterRole: () => '/apis/rbac.authorization.k8s.io/v1/clusterroles',
  ClusterRoleBinding: () => '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
  Role: (ns) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns ?? 'default'}/roles`,
  RoleBinding: (ns) => `/apis/rbac.authorization.k8s.io/v1/namespaces/${ns ?? 'default'}/rolebindings`,
};

export async function startLocalStack(opts: LocalStackOptions = {}): Promise<LocalStack> {
  const dir = mkdtempSync(join(tmpdir(), 'billing-api-local-'));
  const stops: Array<() => Promise<void>> = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const env = await startTestEnv();
    stops.push(() => env.stop());
    const apiKey = Buffer.from(crypto.getRandomValues(new Uint8Array(20))).toString('hex');
    const keyFile = join(dir, 'odoo.key');
    writeFileSync(keyFile, apiKey, { mode: 0o600 });
    const erp = await startOdooEmulator({ apiKey, password: apiKey, customPartnerFields: [INFLIGHT_FIELD] });
    stops.push(() => erp.close());

    const admin = kubeClient(env.adminClient());
    // The server's namespace (its Leases), as deployed.
    const namespace = parseAllDocuments(readFileSync(join(DEPLOY_DIR, 'namespace.yaml'), 'utf8'))[0]?.toJS() as unknown;
    await expectStatus(admin, [201], 'POST', '/api/v1/namespaces', namespace);
    const rbac = readFileSync(join(DEPLOY_DIR, 'rbac.yaml'), 'utf8').replace(
      /name: system:authenticated/,
      `name: ${opts.basicUserGroup ?? 'system:authenticated'}`,
    );
    for (const doc of parseAllDocuments(rbac)) {
      const obj = doc.toJS() as { kind: string; metadata: { namespace?: string } };
      const path = PATHS[obj.kind];
      if (!path) throw new Error(`deploy/rbac.yaml: unexpected kind ${obj.kind}`);
      await expectStatus(admin, [201], 'POST', path(obj.metadata.namespace), obj);
    }

    const ca = await createCertificateAuthority('billing-api-ca');
    const serving = await ca.issue({
      commonName: 'billing-api',
      dnsNames: ['billing-api.default.svc', 'localhost'],
      ipAddresses: ['127.0.0.1'],
      usage: 'server',
    });
    writeFileSync(join(dir, 'tls.crt'), `${serving.certPem.trimEnd()}\n${ca.certPem}`);
    writeFileSync(join(dir, 'tls.key'), serving.keyPem, { mode: 0o600 });
    const identity = await env.userKubeConfig(SERVER_USER, ['system:serviceaccounts', 'system:serviceaccounts:billing-system']);
    const config: BillingApiConfig = {
      ...DEFAULTS,
      host: '127.0.0.1',
      port: 0,
      tlsCertFile: join(dir, 'tls.crt'),
      tlsKeyFile: join(dir, 'tls.key'),
      odoo: { url: erp.url, db: 'odoo', login: 'admin', apiKeyFile: keyFile, protocol: 'json2', inflightField: INFLIGHT_FIELD },
      logLevel: 'warn',
      ...opts.config,
    };
    const start = async (): Promise<BillingApi> => {
      const started = await startBillingApi(config, { kube: kubeClient(identity) });
      stops.push(() => started.close());
      return started;
    };
    const api = await start();
    await env.registerAPIService({
      group: 'billing.appuio.io',
      version: 'v1',
      port: api.server.port,
      caPem: ca.certPem,
      service: { name: 'billing-api' },
    });

    return {
      env,
      erp,
      api,
      dir,
      startReplica: start,
      async kubeconfigFor(user, groups = []) {
        const path = join(dir, `${user.replace(/[^a-zA-Z0-9_.-]/g, '_')}.kubeconfig`);
        writeFileSync(path, (await env.userKubeConfig(user, groups)).exportConfig(), { mode: 0o600 });
        return path;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
