// The packages of `make package`: each runtime image's root filesystem,
// started as the image starts it, serves RunFunction and answers exactly as
// the compiled function does; each xpkg is read by the Crossplane CLI; the
// Dockerfile describes the image; the same inputs give the same digests.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FunctionRunnerClient, getString, readYamlDocuments, RunFunctionResponse, Severity } from '@appcat/runtime';
import {
  buildPackage,
  fetchImageInputs,
  findExamples,
  IMAGE_ENTRYPOINT,
  IMAGE_ENV,
  IMAGE_USER,
  IMAGE_WORKDIR,
  PACKAGE_DIR,
  packageDirOf,
  readDockerfile,
  readImageLayout,
  readImageLock,
  repoRoot,
  requestForExample,
  startFunctions,
  type BuiltPackage,
  type ImageConfig,
} from '../src/index.js';

const TIMEOUT_MS = 180_000;

const root = repoRoot();
const functions = readYamlDocuments(join(root, 'compositions', 'functions.yaml')).map((f) => getString(f, 'metadata.name') ?? '');
const crane = join(root, 'bin', 'crane');
const crank = process.env['CRANK'] ?? join(root, 'bin', 'crank');
const scratch = mkdtempSync(join(tmpdir(), 'appcat-package-test-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

function built(fn: string): BuiltPackage {
  const file = join(packageDirOf(root, fn), PACKAGE_DIR, 'package.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run make package`);
  const dir = join(packageDirOf(root, fn), PACKAGE_DIR);
  const p = JSON.parse(readFileSync(file, 'utf8')) as BuiltPackage;
  return { ...p, layout: join(dir, p.layout), tarball: join(dir, p.tarball), xpkg: join(dir, p.xpkg) };
}

/** The example stage a function's image is called with: the first whose composition has a step for it and renders. */
function exampleFor(fn: string): ReturnType<typeof findExamples>[number] {
  const c = findExamples(root).find((e) => readFileSync(e.composition, 'utf8').includes(`name: ${fn}`) && existsSync(e.expectedOutput));
  if (!c) throw new Error(`no example renders with ${fn}`);
  return c;
}

/**
 * Starts the image's entrypoint as its user: in a chroot into the unpacked
 * root filesystem when this process may (root), else through the image's own
 * dynamic loader and libraries, so neither the host's Node nor its C
 * libraries are used.
 */
function startImage(rootfs: string, config: ImageConfig): ChildProcess {
  const entrypoint = [...(config.config.Entrypoint ?? []), ...(config.config.Cmd ?? []), '--insecure', '--address', '127.0.0.1:0'];
  const [uid, gid] = (config.config.User ?? '').split(':');
  if (process.getuid?.() === 0) {
    return spawn('chroot', [`--userspec=${uid ?? ''}:${gid ?? uid ?? ''}`, rootfs, ...entrypoint], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  const [node, ...args] = entrypoint;
  const inRoot = (p: string): string => join(rootfs, p);
  const libraries = ['lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu'].map(inRoot).join(':');
  return spawn(
    inRoot('lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'),
    ['--library-path', libraries, inRoot(node ?? ''), ...args.map((a) => (a.startsWith('/') ? inRoot(a) : a))],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: inRoot(config.config.WorkingDir ?? '/') },
  );
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => {
      reject(new Error(`the image's entrypoint exited with ${String(code)}: ${stderr}`));
    });
    child.stdout?.once('data', (d: Buffer) => {
      resolve((JSON.parse(d.toString().split('\n')[0] ?? '') as { port: number }).port);
    });
  });
}

function stopped(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGTERM');
  });
}

describe.each(functions)('%s', (fn) => {
  test(
    'its image, started as the image starts it, answers RunFunction as the compiled function does',
    async () => {
      const p = built(fn);
      const { config, layers } = readImageLayout(p.layout);
      const rootfs = join(scratch, `${fn}-rootfs`);
      mkdirSync(rootfs, { recursive: true });
      for (const layer of layers) execFileSync('tar', ['--extract', '--gzip', '--file', layer, '--directory', rootfs]);

      const example = exampleFor(fn);
      const request = requestForExample(example, fn);
      const image = startImage(rootfs, config);
      const reference = await startFunctions(root, new Set([fn]));
      try {
        const port = await listeningPort(image);
        const fromImage = new FunctionRunnerClient(`127.0.0.1:${port}`);
        const fromDist = new FunctionRunnerClient(`127.0.0.1:${reference.ports.get(fn) ?? 0}`);
        try {
          const [got, want] = await Promise.all([fromImage.runFunction(request), fromDist.runFunction(request)]);
          expect(got.results.filter((r) => r.severity === Severity.SEVERITY_FATAL)).toEqual([]);
          expect(Object.keys(got.desired?.resources ?? {}).length).toBeGreaterThan(0);
          expect(RunFunctionResponse.toJSON(got)).toEqual(RunFunctionResponse.toJSON(want));
        } finally {
          fromImage.close();
          fromDist.close();
        }
        // It runs as the image's user, not as whoever started it.
        const status = readFileSync(`/proc/${String(image.pid)}/status`, 'utf8');
        if (process.getuid?.() === 0) expect(/^Uid:\s+(\d+)/m.exec(status)?.[1]).toBe(IMAGE_USER.split(':')[0]);
      } finally {
        await Promise.all([stopped(image), reference.stop()]);
        rmSync(rootfs, { recursive: true, force: true });
      }
    },
    TIMEOUT_MS,
  );

  test('its xpkg is read by the Crossplane CLI: the Function metadata and the input CRD', () => {
    const p = built(fn);
    const out = join(scratch, `${fn}-extract.gz`);
    execFileSync(crank, ['xpkg', 'extract', '--from-xpkg', p.xpkg, '--output', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    const docs = gunzipSync(readFileSync(out)).toString('utf8');
    const meta = readYamlDocuments(join(packageDirOf(root, fn), 'package', 'crossplane.yaml'))[0];
    expect(docs).toContain('kind: Function');
    expect(docs).toContain(`name: ${getString(meta ?? {}, 'metadata.name') ?? '?'}`);
    expect(docs).toContain('kind: CustomResourceDefinition');
    // The runtime image is embedded: the package holds the image's layers besides its own.
    const listing = execFileSync('tar', ['--list', '--file', p.xpkg], { encoding: 'utf8' });
    for (const layer of readImageLayout(p.layout).layers) expect(listing).toContain(`${basename(layer)}.tar.gz`);
  });

  test('the Dockerfile describes its image: Node version, user, working directory, entrypoint, port', () => {
    const { config } = readImageLayout(built(fn).layout);
    const docker = readDockerfile(root);
    expect(config.config.Entrypoint).toEqual(docker.entrypoint);
    expect(config.config.Entrypoint).toEqual([...IMAGE_ENTRYPOINT]);
    expect(config.config.User).toBe(docker.user);
    expect(config.config.User).toBe(IMAGE_USER);
    expect(config.config.WorkingDir).toBe(docker.workdir);
    expect(config.config.WorkingDir).toBe(IMAGE_WORKDIR);
    expect(Object.keys(config.config.ExposedPorts ?? {})).toEqual(docker.exposed);
    expect(config.config.Env).toEqual(docker.env);
    expect(config.config.Env).toEqual([...IMAGE_ENV]);
    expect([config.os, config.architecture]).toEqual(['linux', 'amd64']);
    expect(docker.nodeVersion).toBe(readImageLock(root).node.version);
  });
});

test('the Node in the image is the version the Dockerfile names', () => {
  const { layers } = readImageLayout(built(functions[0] ?? '').layout);
  const rootfs = join(scratch, 'node-version');
  mkdirSync(rootfs, { recursive: true });
  execFileSync('tar', ['--extract', '--gzip', '--file', layers[0] ?? '', '--directory', rootfs]);
  const libraries = ['lib/x86_64-linux-gnu', 'usr/lib/x86_64-linux-gnu'].map((p) => join(rootfs, p)).join(':');
  const version = execFileSync(
    join(rootfs, 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'),
    ['--library-path', libraries, join(rootfs, 'nodejs/bin/node'), '--version'],
    { encoding: 'utf8' },
  ).trim();
  expect(version).toBe(`v${readDockerfile(root).nodeVersion}`);
});

test(
  'the same inputs give the same image and package digests',
  async () => {
    const fn = functions[0] ?? '';
    const again = await buildPackage(root, fn, { crane, crank }, fetchImageInputs(root), join(scratch, 'rebuilt'));
    const first = built(fn);
    expect(again.digest).toBe(first.digest);
    expect(again.xpkgDigest).toBe(first.xpkgDigest);
  },
  TIMEOUT_MS,
);
