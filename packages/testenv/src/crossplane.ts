// Real Crossplane core and kube-controller-manager against a TestEnv, out of
// cluster: core with the External package runtime (no kubelet runs packages),
// kube-controller-manager for the garbage collection and namespace deletion
// Crossplane relies on. Each is one process, stopped with the TestEnv.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type CertificateAuthority, createCertificateAuthority } from './certs.js';
import { installCRDs } from './crds.js';
import { request } from './http.js';
import { Kube, until } from './kube.js';
import { type Child, freePorts, isRunning, logTail, startProcess, stopProcess } from './process.js';
import { defaultBinDir, type TestEnv } from './testenv.js';

/** A Crossplane release line the tools build: 2 (tools/crank) or 1.20 (tools/crossplane-1.20). */
export type CrossplaneLine = '2' | '1.20';

interface LineTools {
  /** Wrapper module under tools/ that pins the release. */
  toolsDir: string;
  module: string;
  core: string;
  cli: string;
}

const LINES: Record<CrossplaneLine, LineTools> = {
  '2': { toolsDir: 'crank', module: 'github.com/crossplane/crossplane/v2', core: 'crossplane', cli: 'crank' },
  '1.20': { toolsDir: 'crossplane-1.20', module: 'github.com/crossplane/crossplane', core: 'crossplane-1.20', cli: 'crank-1.20' },
};

/** The release a line is pinned to (its wrapper module's go.mod). */
export function crossplaneVersion(line: CrossplaneLine, binDir = defaultBinDir()): string {
  const { toolsDir, module } = LINES[line];
  const goMod = readFileSync(join(dirname(binDir), 'tools', toolsDir, 'go.mod'), 'utf8');
  const m = new RegExp(`^\\s*(?:require\\s+)?${module.replace(/[.]/g, '\\.')}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!m?.[1]) throw new Error(`tools/${toolsDir}/go.mod requires no ${module}`);
  return m[1];
}

/** The Crossplane CLI of a line, as built into binDir. */
export function crossplaneCLI(line: CrossplaneLine, binDir = defaultBinDir()): string {
  return join(binDir, LINES[line].cli);
}

/** The pinned module's cluster/crds: core needs every one of them, and of its own release. */
export function crossplaneCRDDir(line: CrossplaneLine, binDir = defaultBinDir()): string {
  const { toolsDir, module } = LINES[line];
  const out = execFileSync('go', ['mod', 'download', '-json', `${module}@${crossplaneVersion(line, binDir)}`], {
    cwd: join(dirname(binDir), 'tools', toolsDir),
    encoding: 'utf8',
  });
  return join((JSON.parse(out) as { Dir: string }).Dir, 'cluster', 'crds');
}

export interface CrossplaneOptions {
  line?: CrossplaneLine;
  binDir?: string;
  /** Give up waiting for /readyz after this long (default 120 s). */
  startTimeoutMs?: number;
  /** Extra `crossplane core start` flags. */
  args?: string[];
}

export interface Crossplane {
  line: CrossplaneLine;
  version: string;
  namespace: string;
  /**
   * The one CA of the function mTLS: it signed Crossplane's client certificate
   * and signs each function's server certificate (see serveFunctionProcess).
   */
  ca: CertificateAuthority;
  /** http://127.0.0.1:PORT/metrics */
  metricsUrl: string;
  logFile: string;
  stop(): Promise<void>;
}

function binary(binDir: string, name: string): string {
  return join(binDir, name);
}

async function ensureNamespace(kube: Kube, name: string): Promise<void> {
  await kube.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** Applies every CRD of the line's release and starts core; resolves once /readyz answers. */
export async function startCrossplane(env: TestEnv, opts: CrossplaneOptions = {}): Promise<Crossplane> {
  const line = opts.line ?? '2';
  const binDir = opts.binDir ?? defaultBinDir();
  const version = crossplaneVersion(line, binDir);
  const namespace = 'crossplane-system';
  const kube = new Kube(env.call);
  await ensureNamespace(kube, namespace);
  await installCRDs(env.call, crossplaneCRDDir(line, binDir), { timeoutMs: 60_000 });

  const dir = join(env.dir, `crossplane-${line}`);
  const tlsDir = join(dir, 'tls-client');
  mkdirSync(tlsDir, { recursive: true });
  // The package cache must exist: Crossplane writes each pulled package through to it (a closed pipe otherwise).
  mkdirSync(join(dir, 'xpkg-cache'), { recursive: true });
  const ca = await createCertificateAuthority('testenv-functions-ca');
  const client = await ca.issue({ commonName: 'crossplane', usage: 'client' });
  writeFileSync(join(tlsDir, 'ca.crt'), ca.certPem);
  writeFileSync(join(tlsDir, 'tls.crt'), client.certPem);
  writeFileSync(join(tlsDir, 'tls.key'), client.keyPem, { mode: 0o600 });

  // Metrics and health listen on every interface (no flag binds them to one): free ports.
  const [metricsPort, healthPort] = await freePorts(2);
  const logFile = join(env.dir, `crossplane-${line}.log`);
  const child = startProcess(
    'crossplane',
    binary(binDir, 'diewithparent'),
    [
      binary(binDir, LINES[line].core),
      'core',
      'start',
      '--enable-webhooks=false',
      '--package-runtime=External',
      `--tls-client-certs-dir=${tlsDir}`,
      `--xpkg-cache-dir=${join(dir, 'xpkg-cache')}`,
      `--metrics-port=${metricsPort}`,
      `--health-probe-port=${healthPort}`,
      ...(opts.args ?? []),
    ],
    logFile,
    { KUBECONFIG: env.kubeconfig.path, POD_NAMESPACE: namespace },
  );
  const stop = (): Promise<void> => stopProcess(child);
  env.onStop(stop);
  await waitUntilServing(child, `http://127.0.0.1:${healthPort}/readyz`, opts.startTimeoutMs ?? 120_000);
  return { line, version, namespace, ca, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, logFile, stop };
}

async function waitUntilServing(child: Child, url: string, timeoutMs: number): Promise<void> {
  await until(
    `${child.name} at ${url}`,
    async () => {
      if (!isRunning(child)) throw new Error(`${child.name} exited (code ${child.proc.exitCode ?? child.proc.signalCode}):\n${logTail(child)}`);
      const res = await request(url, { timeoutMs: 1000 }).catch(() => undefined);
      return res?.status === 200 ? true : undefined;
    },
    timeoutMs,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\n${logTail(child)}`);
  });
}

/**
 * Starts kube-controller-manager with only the garbage collector and the
 * namespace controller. Its garbage collector discovers new kinds every 30 s:
 * start it once the kinds it must collect (composites, claims) are served.
 */
export async function startControllerManager(env: TestEnv, binDir = defaultBinDir()): Promise<{ logFile: string; stop(): Promise<void> }> {
  const logFile = join(env.dir, 'kube-controller-manager.log');
  const child = startProcess(
    'kube-controller-manager',
    binary(binDir, 'kube-controller-manager'),
    [
      `--kubeconfig=${env.kubeconfig.path}`,
      '--controllers=garbagecollector,namespace',
      '--leader-elect=false',
      '--use-service-account-credentials=false',
      '--secure-port=0',
    ],
    logFile,
  );
  const stop = (): Promise<void> => stopProcess(child);
  env.onStop(stop);
  // No serving port to probe (--secure-port=0): a short life sign instead.
  await new Promise((r) => setTimeout(r, 500));
  if (!isRunning(child)) throw new Error(`kube-controller-manager exited:\n${logTail(child)}`);
  return { logFile, stop };
}
