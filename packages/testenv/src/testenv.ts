// A real etcd + kube-apiserver for tests, in the spirit of controller-runtime's
// envtest: fresh temp dir, fresh PKI, free loopback ports, RBAC enforced, and
// the front-proxy (request-header) setup an aggregated API server needs.
// Binaries come from tools/build.sh (etcd, kube-apiserver). Typical use, one
// env per test file:
//   let env: TestEnv | undefined;
//   beforeAll(async () => { env = await startTestEnv(); });
//   afterAll(async () => { await env?.stop(); });
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ApiConstructor, type ApiType, KubeConfig } from '@kubernetes/client-node';
import { type AggregatedAPI, registerAPIService } from './aggregation.js';
import { type CertificateAuthority, type KeyPair, createCertificateAuthority } from './certs.js';
import { type CustomResourceDefinition, type InstallCRDsOptions, installCRDs } from './crds.js';
import { type ApiCall, request } from './http.js';
import { kubeconfigYaml } from './kubeconfig.js';
import { type Child, freePorts, isRunning, logTail, startProcess, stopProcess, trackDir } from './process.js';

export interface TestEnvOptions {
  /** Where `etcd` and `kube-apiserver` live (default: $TESTENV_BIN_DIR, else <repo>/bin). */
  binDir?: string;
  /** Give up starting after this long (default 30 s). */
  startTimeoutMs?: number;
  /**
   * --enable-aggregator-routing (default false). When true, kube-apiserver
   * proxies to an aggregated server through EndpointSlice addresses, which
   * must not be loopback; when false an ExternalName Service "localhost"
   * works, which suits servers started by the tests. See registerAPIService.
   */
  aggregatorRouting?: boolean;
  /** Extra kube-apiserver flags, appended after the defaults (a later flag wins). */
  apiServerArgs?: string[];
}

/**
 * What an aggregated API server needs to trust requests proxied by
 * kube-apiserver: the CA that signed the proxy's client certificate, the
 * names (CN) it may carry, and the headers that carry the user. Groups come as
 * one header per group (Node's req.headers joins them with ', ').
 */
export interface FrontProxy {
  ca: CertificateAuthority;
  caFile: string;
  /** The client certificate kube-apiserver presents when proxying (--proxy-client-cert-file). */
  client: KeyPair;
  allowedNames: string[];
  usernameHeaders: string[];
  groupHeaders: string[];
  extraHeadersPrefixes: string[];
}

export interface TestEnv {
  /** https://127.0.0.1:PORT */
  server: string;
  /** Temp dir holding the PKI, etcd data, logs and kubeconfig; removed by stop(). */
  dir: string;
  /** Admin (O=system:masters) kubeconfig. */
  kubeconfig: { yaml: string; path: string };
  /** Signs the API server's serving certificate (trust it to talk to the server). */
  serverCA: CertificateAuthority;
  /** --client-ca-file: client certificates it signs authenticate as CN=user, O=groups. */
  clientCA: CertificateAuthority;
  frontProxy: FrontProxy;
  logs: { etcd: string; apiServer: string };
  adminClient(): KubeConfig;
  /** A raw call as admin, the body sent as JSON exactly as given. */
  call: ApiCall;
  makeClient<T extends ApiType>(apiClass: ApiConstructor<T>): T;
  /** A kubeconfig authenticating as `user` in `groups`, by client certificate. */
  userKubeConfig(user: string, groups?: string[]): Promise<KubeConfig>;
  /** Registers an aggregated API server (Service + APIService) and waits until it is Available. */
  registerAPIService(api: AggregatedAPI): Promise<void>;
  /** Applies the CRDs found in the files/directories and waits until they are served. */
  installCRDs(dirOrFiles: string | string[], opts?: InstallCRDsOptions): Promise<CustomResourceDefinition[]>;
  /**
   * Registers what must stop before the API server does (Crossplane, controllers,
   * function processes started against it); stop() runs these newest first.
   */
  onStop(stop: () => Promise<void>): void;
  /** Stops what onStop registered, then kube-apiserver and etcd, and removes `dir`. Safe to call more than once. */
  stop(): Promise<void>;
}

const ADMIN = { user: 'admin', groups: ['system:masters'] };
const FRONT_PROXY_CLIENT = 'front-proxy-client';

/** <repo>/bin, the repo being the nearest ancestor holding pnpm-workspace.yaml. */
export function defaultBinDir(): string {
  if (process.env['TESTENV_BIN_DIR']) return resolve(process.env['TESTENV_BIN_DIR']);
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'bin');
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error('testenv: no pnpm-workspace.yaml above this package; set TESTENV_BIN_DIR');
}

function binary(binDir: string, name: string): string {
  const path = join(binDir, name);
  if (!existsSync(path)) {
    throw new Error(`testenv: ${path} not found; build it with tools/build.sh etcd kube-apiserver (or set TESTENV_BIN_DIR)`);
  }
  return path;
}

const DIR_PREFIX = 'testenv-';
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A SIGKILLed test process cannot remove its temp dir (its children die with
// it, see process.ts): remove such leftovers, recognised by a dead owner pid.
function sweepStaleDirs(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = join(tmpdir(), name);
    try {
      const owner = Number(readFileSync(join(dir, OWNER_FILE), 'utf8'));
      if (owner > 0 && !alive(owner)) rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours, or being created right now
    }
  }
}

/** With TESTENV_LOG_DIR set, the processes' logs outlive the environment (for a failed CI run). */
function keepLogs(dir: string): void {
  const target = process.env['TESTENV_LOG_DIR'];
  if (!target) return;
  const into = join(target, basename(dir));
  mkdirSync(into, { recursive: true });
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.log'))) copyFileSync(join(dir, name), join(into, name));
}

async function waitFor(what: string, children: Child[], deadline: number, probe: () => Promise<boolean>): Promise<void> {
  let last = '';
  for (;;) {
    const dead = children.find((c) => !isRunning(c));
    if (dead) throw new Error(`${dead.name} exited during startup (code ${dead.proc.exitCode ?? dead.proc.signalCode})`);
    try {
      if (await probe()) return;
    } catch (err) {
      last = ` (last error: ${(err as Error).message})`;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startTestEnv(opts: TestEnvOptions = {}): Promise<TestEnv> {
  const binDir = opts.binDir ?? defaultBinDir();
  const etcdBin = binary(binDir, 'etcd');
  const apiServerBin = binary(binDir, 'kube-apiserver');
  // A port found free can be taken before the child binds it: retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(etcdBin, apiServerBin, opts);
    } catch (err) {
      if (attempt >= 3 || !/address already in use/i.test((err as Error).message)) throw err;
    }
  }
}

async function startOnce(etcdBin: string, apiServerBin: string, opts: TestEnvOptions): Promise<TestEnv> {
  const started = Date.now();
  const deadline = started + (opts.startTimeoutMs ?? 30_000);
  sweepStaleDirs();
  const dir = mkdtempSync(join(tmpdir(), DIR_PREFIX));
  const removeDir = trackDir(dir);
  const file = (name: string, content: string): string => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode: 0o600 });
    return path;
  };
  const children: Child[] = [];
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    // What runs against the API server goes first; one failure does not keep the rest running.
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
    // API server first: it would otherwise keep retrying a vanished etcd.
    for (const child of [...children].reverse()) await stopProcess(child);
    keepLogs(dir);
    removeDir();
  };

  try {
    file(OWNER_FILE, String(process.pid));

    const [serverCA, clientCA, frontProxyCA] = await Promise.all([
      createCertificateAuthority('testenv-server-ca'),
      createCertificateAuthority('testenv-client-ca'),
      createCertificateAuthority('testenv-front-proxy-ca'),
    ]);
    const [serving, admin, proxyClient] = await Promise.all([
      serverCA.issue({
        commonName: 'kube-apiserver',
        dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc'],
        ipAddresses: ['127.0.0.1'],
        usage: 'server',
      }),
      clientCA.issue({ commonName: ADMIN.user, organizations: ADMIN.groups, usage: 'client' }),
      frontProxyCA.issue({ commonName: FRONT_PROXY_CLIENT, usage: 'client' }),
    ]);
    // Service-account tokens are signed with this key (ECDSA is accepted).
    const sa = generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });

    const [etcdPort, peerPort, apiPort] = await freePorts(3);
    const server = `https://127.0.0.1:${apiPort}`;
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    const peerUrl = `http://127.0.0.1:${peerPort}`;
    const frontProxy: FrontProxy = {
      ca: frontProxyCA,
      caFile: file('front-proxy-ca.crt', frontProxyCA.certPem),
      client: proxyClient,
      allowedNames: [FRONT_PROXY_CLIENT],
      usernameHeaders: ['X-Remote-User'],
      groupHeaders: ['X-Remote-Group'],
      extraHeadersPrefixes: ['X-Remote-Extra-'],
    };
    const kubeconfig = kubeconfigYaml(server, serverCA.certPem, ADMIN.user, admin);
    const kubeconfigPath = file('kubeconfig.yaml', kubeconfig);
    const logs = { etcd: join(dir, 'etcd.log'), apiServer: join(dir, 'kube-apiserver.log') };

    // etcd without TLS: it listens on loopback only and lives for one test file.
    const etcd = startProcess(
      'etcd',
      etcdBin,
      [
        '--name=testenv',
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=${peerUrl}`,
        `--initial-advertise-peer-urls=${peerUrl}`,
        `--initial-cluster=testenv=${peerUrl}`,
        '--unsafe-no-fsync=true',
        '--log-level=warn', // keeps the log tail in startup errors readable
      ],
      logs.etcd,
    );
    children.push(etcd);
    await waitFor('etcd', children, deadline, async () => {
      const res = await request(`${etcdUrl}/health`, { timeoutMs: 1000 });
      return res.status === 200 && res.body.includes('"true"');
    });

    const apiServer = startProcess(
      'kube-apiserver',
      apiServerBin,
      [
        `--etcd-servers=${etcdUrl}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        // No kubernetes Service endpoints: loopback is not a valid endpoint IP.
        '--endpoint-reconciler-type=none',
        `--secure-port=${apiPort}`,
        `--cert-dir=${join(dir, 'apiserver-certs')}`,
        `--tls-cert-file=${file('serving.crt', serving.certPem)}`,
        `--tls-private-key-file=${file('serving.key', serving.keyPem)}`,
        `--client-ca-file=${file('client-ca.crt', clientCA.certPem)}`,
        '--authorization-mode=RBAC',
        `--service-account-issuer=${server}`,
        `--service-account-key-file=${file('sa.pub', sa.publicKey)}`,
        `--service-account-signing-key-file=${file('sa.key', sa.privateKey)}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        '--disable-admission-plugins=ServiceAccount',
        '--allow-privileged=true',
        `--requestheader-client-ca-file=${frontProxy.caFile}`,
        `--requestheader-allowed-names=${frontProxy.allowedNames.join(',')}`,
        `--requestheader-username-headers=${frontProxy.usernameHeaders.join(',')}`,
        `--requestheader-group-headers=${frontProxy.groupHeaders.join(',')}`,
        `--requestheader-extra-headers-prefix=${frontProxy.extraHeadersPrefixes.join(',')}`,
        `--proxy-client-cert-file=${file('front-proxy-client.crt', proxyClient.certPem)}`,
        `--proxy-client-key-file=${file('front-proxy-client.key', proxyClient.keyPem)}`,
        `--enable-aggregator-routing=${opts.aggregatorRouting ?? false}`,
        ...(opts.apiServerArgs ?? []),
      ],
      logs.apiServer,
    );
    children.push(apiServer);

    const adminTls = { ca: serverCA.certPem, cert: admin.certPem, key: admin.keyPem };
    await waitFor('kube-apiserver /readyz', children, deadline, async () => {
      const res = await request(`${server}/readyz`, { ...adminTls, timeoutMs: 2000 });
      return res.status === 200;
    });

    const call: ApiCall = (method, path, body, contentType) =>
      request(`${server}${path}`, { ...adminTls, method, body, contentType, timeoutMs: 10_000 });
    const adminClient = (): KubeConfig => {
      const kc = new KubeConfig();
      kc.loadFromString(kubeconfig);
      return kc;
    };
    let stopping: Promise<void> | undefined;

    return {
      server,
      dir,
      kubeconfig: { yaml: kubeconfig, path: kubeconfigPath },
      serverCA,
      clientCA,
      frontProxy,
      logs,
      adminClient,
      call,
      makeClient: (apiClass) => adminClient().makeApiClient(apiClass),
      userKubeConfig: async (user, groups = []) => {
        const cred = await clientCA.issue({ commonName: user, organizations: groups, usage: 'client' });
        const kc = new KubeConfig();
        kc.loadFromString(kubeconfigYaml(server, serverCA.certPem, user, cred));
        return kc;
      },
      installCRDs: (dirOrFiles, crdOpts) => installCRDs(call, dirOrFiles, crdOpts),
      registerAPIService: (api) => registerAPIService(call, opts.aggregatorRouting ?? false, api),
      onStop: (stop) => {
        stoppers.push(stop);
      },
      stop: () => (stopping ??= stopAll()),
    };
  } catch (err) {
    const tails = children.map((c) => `--- ${c.name} (${c.logFile}) ---\n${logTail(c)}`).join('\n');
    await stopAll();
    throw new Error(`testenv: startup failed after ${Date.now() - started} ms: ${(err as Error).message}\n${tails}`);
  }
}
