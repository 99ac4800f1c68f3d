// Composition functions through Crossplane's package manager with the
// External runtime played by the test: each function is an xpkg pushed to a
// local registry (crane on 127.0.0.1) and installed as a Function; the test
// serves it as a local process with mutual TLS and points the active
// FunctionRevision at that process, as a runtime would.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Crossplane } from './crossplane.js';
import { Kube, type Obj, until } from './kube.js';
import { freePort, isRunning, logTail, startProcess, stopProcess } from './process.js';
import { defaultBinDir, type TestEnv } from './testenv.js';

const run = promisify(execFile);

/** `crane registry serve` on 127.0.0.1 (blobs in memory), stopped with the TestEnv. */
export async function startRegistry(env: TestEnv, binDir = defaultBinDir()): Promise<{ host: string; stop(): Promise<void> }> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const child = startProcess(
    'registry',
    join(binDir, 'diewithparent'),
    [join(binDir, 'crane'), 'registry', 'serve', `--address=${host}`],
    join(env.dir, 'registry.log'),
  );
  const stop = (): Promise<void> => stopProcess(child);
  env.onStop(stop);
  await until(`registry at ${host}`, async () => {
    if (!isRunning(child)) throw new Error(`registry exited:\n${logTail(child)}`);
    return (await reachable(port)) ? true : undefined;
  });
  return { host, stop };
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => {
      resolve(false);
    });
  });
}

/**
 * A function package for the tests: the xpkg the Crossplane CLI builds from
 * the package directory (metadata only, which is all the External runtime
 * needs), unless a built xpkg (runtime image embedded) is given.
 */
export interface FunctionPackage {
  /** The Function's name (metadata.name of crossplane.yaml). */
  name: string;
  /** The directory holding crossplane.yaml. */
  packageRoot: string;
  /** A built .xpkg to push as it is instead. */
  xpkg?: string;
}

/** Builds (unless given) and pushes the xpkg; returns its reference in the registry. */
export async function publishFunction(
  pkg: FunctionPackage,
  registry: string,
  opts: { cli: string; workDir: string; tag?: string; binDir?: string },
): Promise<string> {
  const binDir = opts.binDir ?? defaultBinDir();
  let file = pkg.xpkg;
  if (!file) {
    mkdirSync(opts.workDir, { recursive: true });
    file = join(opts.workDir, `${pkg.name}.xpkg`);
    await run(opts.cli, [
      'xpkg',
      'build',
      `--package-root=${pkg.packageRoot}`,
      `--examples-root=${join(opts.workDir, 'no-examples')}`,
      `--package-file=${file}`,
    ]);
  }
  const ref = `${registry}/appcat/${pkg.name}:${opts.tag ?? 'v0.0.0-e2e'}`;
  await run(join(binDir, 'crane'), ['push', file, ref]);
  return ref;
}

export interface FunctionProcess {
  name: string;
  /** 127.0.0.1:PORT */
  endpoint: string;
  logFile: string;
  /** The server certificate the process presents (the runtime's TLS Secret carries it). */
  serverCertPem: string;
  stop(): Promise<void>;
}

/**
 * Serves a function as a local process with mutual TLS: a server certificate
 * for 127.0.0.1 from Crossplane's CA; the process gets `--address` and
 * `--tls-server-certs-dir` (the function SDKs' flags) after `args`.
 */
export async function serveFunctionProcess(
  env: TestEnv,
  crossplane: Crossplane,
  fn: { name: string; command: string; args: string[] },
): Promise<FunctionProcess> {
  const dir = join(env.dir, 'functions', fn.name);
  mkdirSync(dir, { recursive: true });
  const server = await crossplane.ca.issue({ commonName: fn.name, ipAddresses: ['127.0.0.1'], dnsNames: ['localhost'], usage: 'server' });
  writeFileSync(join(dir, 'ca.crt'), crossplane.ca.certPem);
  writeFileSync(join(dir, 'tls.crt'), server.certPem);
  writeFileSync(join(dir, 'tls.key'), server.keyPem, { mode: 0o600 });
  const port = await freePort();
  const logFile = join(env.dir, `${fn.name}.log`);
  const child = startProcess(fn.name, fn.command, [...fn.args, `--address=127.0.0.1:${port}`, `--tls-server-certs-dir=${dir}`], logFile);
  const stop = (): Promise<void> => stopProcess(child);
  env.onStop(stop);
  await until(`${fn.name} on 127.0.0.1:${port}`, async () => {
    if (!isRunning(child)) throw new Error(`${fn.name} exited:\n${logTail(child)}`);
    return (await reachable(port)) ? true : undefined;
  });
  return { name: fn.name, endpoint: `127.0.0.1:${port}`, logFile, serverCertPem: server.certPem, stop };
}

/**
 * Installs a Function from `ref` and plays its External runtime: once the
 * package manager has made the active FunctionRevision, the revision gets the
 * process's endpoint and a TLS server Secret, and the Function becomes healthy.
 */
export async function installFunction(env: TestEnv, crossplane: Crossplane, ref: string, served: FunctionProcess, timeoutMs = 90_000): Promise<void> {
  const kube = new Kube(env.call);
  await kube.create({ apiVersion: 'pkg.crossplane.io/v1', kind: 'Function', metadata: { name: served.name }, spec: { package: ref } });
  const revision = await until(
    `the active FunctionRevision of ${served.name}`,
    async () => {
      const revisions = await kube.list('pkg.crossplane.io/v1', 'FunctionRevision', { labelSelector: `pkg.crossplane.io/package=${served.name}` });
      const active = revisions.find((r) => (r['spec'] as { desiredState?: string } | undefined)?.desiredState === 'Active');
      if (active) return active;
      const fn = await kube.get('pkg.crossplane.io/v1', 'Function', served.name);
      throw new Error(`Function status ${JSON.stringify(fn?.['status'] ?? {})}, ${revisions.length} revisions`);
    },
    timeoutMs,
  );
  const secretName = `${served.name}-tls-server`;
  await kube.ensure({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: secretName, namespace: crossplane.namespace },
    type: 'kubernetes.io/tls',
    data: { 'tls.crt': Buffer.from(served.serverCertPem).toString('base64'), 'tls.key': '' },
  });
  await kube.patch(revision, { status: { endpoint: served.endpoint, tlsServerSecretName: secretName } }, 'status');
  await until(
    `Function ${served.name} healthy`,
    async () => {
      const fn = await kube.get('pkg.crossplane.io/v1', 'Function', served.name);
      const rev = await kube.get('pkg.crossplane.io/v1', 'FunctionRevision', revision.metadata.name);
      // The package manager may rewrite the revision's status: keep the runtime's part in place
      // (its endpoint, and RuntimeHealthy, which a runtime reports once the function serves).
      if (rev && (!conditionTrue(rev, 'RuntimeHealthy') || (rev['status'] as { endpoint?: string } | undefined)?.endpoint !== served.endpoint)) {
        const conditions = ((rev['status'] as { conditions?: Array<{ type: string }> } | undefined)?.conditions ?? []).filter(
          (c) => c.type !== 'RuntimeHealthy',
        );
        conditions.push({
          type: 'RuntimeHealthy',
          status: 'True',
          reason: 'HealthyPackageRevision',
          lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        } as { type: string });
        await kube.patch(rev, { status: { endpoint: served.endpoint, tlsServerSecretName: secretName, conditions } }, 'status');
      }
      if (fn && conditionTrue(fn, 'Healthy') && conditionTrue(fn, 'Installed')) return true;
      throw new Error(`Function status ${JSON.stringify(fn?.['status'] ?? {})}, revision status ${JSON.stringify(rev?.['status'] ?? {})}`);
    },
    timeoutMs,
  ).catch((err: unknown) => {
    throw new Error(`${(err as Error).message}\n--- crossplane ---\n${tail(crossplane.logFile)}`);
  });
}

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

/** True when the object's status has condition `type` with status "True". */
export function conditionTrue(obj: Obj, type: string): boolean {
  const conditions = (obj['status'] as { conditions?: Array<{ type: string; status: string }> } | undefined)?.conditions ?? [];
  return conditions.some((c) => c.type === type && c.status === 'True');
}
