// The runtime image of a function, built without a container engine: Node's
// official Linux build and the C libraries it links against (registry
// packages pinned in tools/image.lock.yaml), a non-root user, and the
// function's production bundle. GNU tar writes each layer with fixed owners,
// modes and times, crane assembles the image (through a registry of its own
// on 127.0.0.1), so the same inputs give the same digest. The Dockerfile
// describes the same image for people with Docker; a test keeps them equal.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { BUNDLE_DIR, BUNDLE_FILE } from './bundle.js';
import { packageDirOf } from './functions.js';

/** Where Node lives in the image (as in the distroless Node images). */
export const IMAGE_NODE = '/nodejs/bin/node';
/** The function's directory in the image: its bundle and nothing else. */
export const IMAGE_WORKDIR = '/function';
export const IMAGE_BUNDLE = `${IMAGE_WORKDIR}/${BUNDLE_FILE}`;
/** The unprivileged user (and group) the function runs as. */
export const IMAGE_USER = '65532:65532';
/**
 * Node's flags in the entrypoint. A 4 MiB young generation (semi-space):
 * V8's default for a process this size lets it grow to 16 MiB, which after
 * sustained load costs ~20 MiB of RSS for a few percent of throughput (see
 * the README's measurements).
 */
export const IMAGE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
export const IMAGE_ENTRYPOINT: readonly string[] = [IMAGE_NODE, ...IMAGE_NODE_FLAGS, IMAGE_BUNDLE];
export const IMAGE_PORT = '9443/tcp';
/**
 * The image's environment. MALLOC_ARENA_MAX=2: glibc gives each thread that
 * allocates (V8's compiler and GC threads, libuv's pool) a malloc arena of
 * its own, and memory freed there stays in the process; two arenas cut RSS
 * after 10,000 calls by 13–24 MiB (see the README) at no measurable CPU per
 * call.
 */
export const IMAGE_ENV: readonly string[] = ['PATH=/nodejs/bin:/usr/bin:/bin', 'MALLOC_ARENA_MAX=2'];

/** Where `make package` writes a function's image and package, relative to its package directory. */
export const PACKAGE_DIR = join('dist', 'package');

export interface ImageLock {
  node: { package: string; version: string; integrity: string; licence: string };
  debian: { release: string; architecture: string; packages: { name: string; version: string; sha256: string }[] };
}

export function readImageLock(root: string): ImageLock {
  return parse(readFileSync(join(root, 'tools', 'image.lock.yaml'), 'utf8')) as ImageLock;
}

/** What the Dockerfile says of the runtime image. */
export interface DockerfileImage {
  nodeVersion: string;
  user: string;
  workdir: string;
  entrypoint: string[];
  exposed: string[];
  /** NAME=value, from the runtime stage's ENV instructions (one NAME=value pair each, no quotes). */
  env: string[];
}

/** Reads the Dockerfile's Node version and its runtime stage (the last FROM) as the image config would carry them. */
export function readDockerfile(root: string): DockerfileImage {
  const lines = readFileSync(join(root, 'Dockerfile'), 'utf8').split('\n');
  const nodeVersion = /^ARG NODE_VERSION=(\S+)$/m.exec(lines.join('\n'))?.[1];
  const runtime = lines.slice(lines.findLastIndex((l) => l.startsWith('FROM ')));
  const last = (instruction: string): string | undefined =>
    runtime
      .filter((l) => l.startsWith(`${instruction} `))
      .map((l) => l.slice(instruction.length + 1).trim())
      .at(-1);
  const entrypoint = last('ENTRYPOINT');
  if (!nodeVersion || !entrypoint) throw new Error('Dockerfile: no ARG NODE_VERSION=<version> or no ENTRYPOINT in the runtime stage');
  return {
    nodeVersion,
    user: last('USER') ?? '',
    workdir: last('WORKDIR') ?? '',
    entrypoint: JSON.parse(entrypoint) as string[],
    env: runtime.filter((l) => l.startsWith('ENV ')).flatMap((l) => l.slice('ENV '.length).trim().split(/\s+/)),
    exposed: (last('EXPOSE') ?? '')
      .split(/\s+/)
      .filter((p) => p !== '')
      .map((p) => (p.includes('/') ? p : `${p}/tcp`)),
  };
}

/** The per-user download cache, shared with the Go tools. */
function cacheDir(): string {
  const base = process.env['TOOLS_CACHE_DIR'] ?? join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'appcat-tools');
  const dir = join(base, 'image-inputs');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const digestOf = (file: string, algorithm: 'sha256' | 'sha512', encoding: 'hex' | 'base64'): string =>
  createHash(algorithm).update(readFileSync(file)).digest(encoding);

/** The image's downloaded inputs, each checked against the lock. */
export interface ImageInputs {
  nodeTarball: string;
  debs: string[];
}

/** Fetches (or finds in the cache) Node's package and the .debs, verifying each. */
export function fetchImageInputs(root: string, lock = readImageLock(root)): ImageInputs {
  const dockerfile = readDockerfile(root);
  if (dockerfile.nodeVersion !== lock.node.version) {
    throw new Error(
      `the Dockerfile names Node ${dockerfile.nodeVersion}, tools/image.lock.yaml pins ${lock.node.version}: pin the same version in both`,
    );
  }
  const cache = cacheDir();
  const nodeTarball = join(cache, `${lock.node.package}-${lock.node.version}.tgz`);
  const nodeOk = (): boolean => existsSync(nodeTarball) && `sha512-${digestOf(nodeTarball, 'sha512', 'base64')}` === lock.node.integrity;
  if (!nodeOk()) {
    rmSync(nodeTarball, { force: true });
    execFileSync('npm', ['pack', '--silent', '--pack-destination', cache, `${lock.node.package}@${lock.node.version}`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!nodeOk()) throw new Error(`${lock.node.package}@${lock.node.version}: the tarball does not match the integrity in tools/image.lock.yaml`);
  }
  const debs = lock.debian.packages.map((p) => {
    // apt-get names the file <name>_<version with ':' as %3a>_<arch>.deb.
    const file = join(cache, `${p.name}_${p.version.replace(/:/g, '%3a')}_${lock.debian.architecture}.deb`);
    const ok = (): boolean => existsSync(file) && digestOf(file, 'sha256', 'hex') === p.sha256;
    if (!ok()) {
      rmSync(file, { force: true });
      const download = (): void => {
        execFileSync('apt-get', ['download', '-q', `${p.name}:${lock.debian.architecture}=${p.version}`], {
          cwd: cache,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      };
      try {
        try {
          download();
        } catch (err) {
          // A fresh machine may have no package index yet: read it once (as root) and try again.
          if (process.getuid?.() !== 0) throw err;
          execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'pipe'] });
          download();
        }
      } catch (err) {
        const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim() ?? String(err);
        throw new Error(
          `apt-get download ${p.name}=${p.version} (Debian ${lock.debian.release}) failed: ${stderr}; run apt-get update, or pin a version the package index has`,
        );
      }
      if (!ok()) throw new Error(`${p.name}_${p.version}: the .deb does not match the SHA-256 in tools/image.lock.yaml`);
    }
    return file;
  });
  return { nodeTarball, debs };
}

/** Every file below `dir`, as paths relative to it. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = join(prefix, e.name);
    return e.isDirectory() ? [rel, ...walk(dir, rel)] : [rel];
  });
}

/**
 * Fixed modes, so the layer does not depend on the umask or the archives' own
 * modes: directories 0755 (/tmp 1777), executables and shared objects 0755,
 * everything else 0644.
 */
function normaliseModes(dir: string): void {
  for (const rel of walk(dir)) {
    const path = join(dir, rel);
    const st = lstatSync(path);
    if (!st.isFile() && !st.isDirectory()) continue; // symlinks carry no mode of their own
    chmodSync(path, st.isDirectory() ? (rel === 'tmp' ? 0o1777 : 0o755) : (st.mode & 0o100) !== 0 ? 0o755 : 0o644);
  }
}

/** A layer tarball of `dir` with GNU tar: names sorted, owner root, time 0, no extended attributes. */
function layerTar(dir: string, out: string): void {
  normaliseModes(dir);
  execFileSync('tar', [
    '--create',
    '--file',
    out,
    '--directory',
    dir,
    '--sort=name',
    '--format=gnu',
    '--mtime=@0',
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--no-acls',
    '--no-xattrs',
    '--no-selinux',
    '.',
  ]);
}

/**
 * The base layer, the same for every function: Node's binary and licence,
 * the shared libraries of libc6, libgcc-s1 and libstdc++6 (with their
 * copyright files, nothing else of the packages), the users, and /tmp.
 */
function baseLayer(inputs: ImageInputs, work: string): string {
  const dir = join(work, 'base');
  const unpacked = join(work, 'debs');
  mkdirSync(join(dir, 'nodejs', 'bin'), { recursive: true });
  execFileSync('tar', ['--extract', '--gzip', '--file', inputs.nodeTarball, '--directory', work, 'package/bin/node', 'package/LICENSE']);
  renameSync(join(work, 'package', 'bin', 'node'), join(dir, 'nodejs', 'bin', 'node'));
  renameSync(join(work, 'package', 'LICENSE'), join(dir, 'nodejs', 'LICENSE'));
  for (const deb of inputs.debs) {
    execFileSync('dpkg-deb', ['--extract', deb, unpacked]);
  }
  // Shared objects and the links to them (libstdc++.so.6 → libstdc++.so.6.0.30, /lib64's loader), and the
  // packages' copyright files (libgcc-s1's and libstdc++6's doc directories are links to gcc-12-base's).
  const keep = (rel: string): boolean =>
    /^(lib|lib64|usr\/lib)\/(x86_64-linux-gnu\/)?[^/]+\.so(\.[\d.]+)?$/.test(rel) ||
    /^usr\/share\/doc\/[^/]+\/copyright$/.test(rel) ||
    /^usr\/share\/doc\/(libgcc-s1|libstdc\+\+6)$/.test(rel);
  for (const rel of walk(unpacked).filter(keep)) {
    const from = join(unpacked, rel);
    const to = join(dir, rel);
    mkdirSync(dirname(to), { recursive: true });
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else copyFileSync(from, to);
  }
  mkdirSync(join(dir, 'etc'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n');
  writeFileSync(join(dir, 'etc', 'group'), 'root:x:0:\nnonroot:x:65532:\n');
  for (const d of ['tmp', 'root', join('home', 'nonroot')]) mkdirSync(join(dir, d), { recursive: true });
  const out = join(work, 'base.tar');
  layerTar(dir, out);
  return out;
}

/** The program's layer: each file at its path in the image (workdir is created even when empty). */
function programLayer(files: Readonly<Record<string, string>>, workdir: string, work: string): string {
  const dir = join(work, 'program');
  mkdirSync(join(dir, workdir.slice(1)), { recursive: true });
  for (const [to, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, to.slice(1))), { recursive: true });
    copyFileSync(from, join(dir, to.slice(1)));
  }
  const out = join(work, 'program.tar');
  layerTar(dir, out);
  return out;
}

/** `crane registry serve` on a free 127.0.0.1 port, in memory, for the length of one build. */
async function localRegistry(crane: string): Promise<{ host: string; stop: () => void }> {
  const child = spawn(crane, ['registry', 'serve', '--address', '127.0.0.1:0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => {
      reject(new Error(`crane registry serve exited with ${code}`));
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      const m = /serving on port (\d+)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  child.removeAllListeners('exit');
  return {
    host: `127.0.0.1:${port}`,
    stop: () => {
      child.kill('SIGTERM');
    },
  };
}

/** A runtime image on the base layer: the program's files, how it starts, as whom. */
export interface ImageSpec {
  /** The repository name the image is built under (the tarball names it by digest only). */
  name: string;
  /** Path in the image → file to copy there. */
  files: Readonly<Record<string, string>>;
  workdir: string;
  entrypoint: readonly string[];
  exposedPorts: readonly string[];
  /** KEY=VALUE beside the image's PATH. */
  env?: readonly string[];
}

/** The config of an OCI image, as far as this catalog's images set it. */
export interface ImageConfig {
  architecture: string;
  os: string;
  config: { Entrypoint?: string[]; Cmd?: string[]; User?: string; WorkingDir?: string; ExposedPorts?: Record<string, object>; Env?: string[] };
  rootfs: { diff_ids: string[] };
}

export interface ImageLayout {
  config: ImageConfig;
  /** The layers' blob files, in order. */
  layers: string[];
  /** Bytes of the layers, compressed. */
  compressedBytes: number;
}

/** Reads the one image of an OCI image layout: its config and its layers. */
export function readImageLayout(dir: string): ImageLayout {
  const blob = (digest: string): string => join(dir, 'blobs', ...digest.split(':'));
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0]?.digest ?? ''), 'utf8')) as {
    config: { digest: string };
    layers: { digest: string; size: number }[];
  };
  return {
    config: JSON.parse(readFileSync(blob(manifest.config.digest), 'utf8')) as ImageConfig,
    layers: manifest.layers.map((l) => blob(l.digest)),
    compressedBytes: manifest.layers.reduce((n, l) => n + l.size, 0),
  };
}

export interface BuiltImage {
  /** The image's manifest digest. */
  digest: string;
  /** Bytes of the image's layers, compressed, and of its root filesystem unpacked. */
  compressedBytes: number;
  unpackedBytes: number;
  /** The OCI image layout and the image as a tarball. */
  layout: string;
  tarball: string;
}

export interface BuiltPackage extends BuiltImage {
  fn: string;
  xpkg: string;
  xpkgDigest: string;
}

export interface PackageTools {
  crane: string;
  crank: string;
}

const run = (cmd: string, args: readonly string[], cwd?: string): string =>
  execFileSync(cmd, args, { encoding: 'utf8', cwd, stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/**
 * Builds an image into `out` (emptied first): `image/` (OCI layout) and
 * `image.tar`, two layers: the base and the program's files.
 */
export async function buildImage(spec: ImageSpec, crane: string, inputs: ImageInputs, out: string): Promise<BuiltImage> {
  for (const file of Object.values(spec.files)) if (!existsSync(file)) throw new Error(`${file} is missing: run make build`);
  rmSync(out, { recursive: true, force: true });
  const work = join(out, 'work-image');
  mkdirSync(work, { recursive: true });
  const layers = [baseLayer(inputs, work), programLayer(spec.files, spec.workdir, work)];
  const unpackedBytes = layers.reduce((n, l) => n + statSync(l).size, 0);
  const registry = await localRegistry(crane);
  const layout = join(out, 'image');
  const tarball = join(out, 'image.tar');
  let digest: string;
  try {
    const ref = `${registry.host}/${spec.name}:build`;
    run(crane, ['append', '--oci-empty-base', ...layers.flatMap((l) => ['--new_layer', l]), '--new_tag', ref]);
    run(crane, [
      'mutate',
      ref,
      '--tag',
      ref,
      '--set-platform',
      'linux/amd64',
      `--entrypoint=${spec.entrypoint.join(',')}`,
      '--user',
      IMAGE_USER,
      '--workdir',
      spec.workdir,
      ...spec.exposedPorts.flatMap((p) => ['--exposed-ports', p]),
      ...[...IMAGE_ENV, ...(spec.env ?? [])].flatMap((e) => ['--env', e]),
    ]);
    digest = run(crane, ['digest', ref]);
    run(crane, ['pull', '--format', 'oci', ref, layout]);
    // The tarball names the image by digest only, so it does not depend on the registry's port.
    run(crane, ['pull', '--format', 'tarball', `${registry.host}/${spec.name}@${digest}`, tarball]);
  } finally {
    registry.stop();
  }
  rmSync(work, { recursive: true, force: true });
  const { compressedBytes } = readImageLayout(layout);
  return { digest, compressedBytes, unpackedBytes, layout, tarball };
}

/**
 * `make package` for a deployable that is an image only (not a function):
 * built from `root`'s image inputs into `<packageDir>/dist/package/`, with a
 * package.json naming the reference its manifests run it as and the digest.
 * Returns the line to print.
 */
export async function packageImage(root: string, packageDir: string, spec: ImageSpec, reference: string): Promise<string> {
  const out = join(packageDir, PACKAGE_DIR);
  const crane = join(root, 'bin', 'crane');
  if (!existsSync(crane)) throw new Error(`${crane} is missing: run make tools (crane)`);
  const started = performance.now();
  const image = await buildImage(spec, crane, fetchImageInputs(root), out);
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ reference, ...image, layout: 'image', tarball: 'image.tar' }, null, 2)}\n`);
  const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);
  return (
    `${reference}: image ${image.digest} (${mib(image.compressedBytes)} MiB compressed, ${mib(image.unpackedBytes)} MiB unpacked), ` +
    `${relative(root, image.tarball)}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`
  );
}

/** What `make package` recorded for an image-only deployable (packageImage). */
export function readPackagedImage(packageDir: string): { reference: string; layout: string } {
  const built = join(packageDir, PACKAGE_DIR, 'package.json');
  if (!existsSync(built)) throw new Error(`${built} is missing: run make package`);
  const { reference } = JSON.parse(readFileSync(built, 'utf8')) as { reference: string };
  return { reference, layout: join(packageDir, PACKAGE_DIR, 'image') };
}

/**
 * The program's layer (the last) of an image layout: its entries, sorted as
 * tar lists them, and the SHA-256 of each file by its path in the image.
 */
export function readProgramLayer(layoutDir: string): { listing: string[]; sha256: Map<string, string> } {
  const layer = readImageLayout(layoutDir).layers.at(-1) ?? '';
  const listing = run('tar', ['--list', '--gzip', '--file', layer]).split('\n').filter(Boolean).sort();
  const rootfs = mkdtempSync(join(tmpdir(), 'program-layer-'));
  try {
    run('tar', ['--extract', '--gzip', '--file', layer, '--directory', rootfs]);
    const sha256 = new Map<string, string>();
    for (const entry of listing.filter((e) => !e.endsWith('/'))) sha256.set(entry.slice(1), digestOf(join(rootfs, entry), 'sha256', 'hex'));
    return { listing, sha256 };
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

/**
 * Builds a function's image and xpkg into `outDir` (default
 * `<package>/dist/package`): `image/` (OCI layout), `image.tar`,
 * `<function>.xpkg` and `package.json` with the digests.
 */
export async function buildPackage(root: string, fn: string, tools: PackageTools, inputs: ImageInputs, outDir?: string): Promise<BuiltPackage> {
  const pkgDir = packageDirOf(root, fn);
  const out = outDir ?? join(pkgDir, PACKAGE_DIR);
  const image = await buildImage(
    {
      name: fn,
      files: { [IMAGE_BUNDLE]: join(pkgDir, BUNDLE_DIR, BUNDLE_FILE) },
      workdir: IMAGE_WORKDIR,
      entrypoint: IMAGE_ENTRYPOINT,
      exposedPorts: [IMAGE_PORT],
    },
    tools.crane,
    inputs,
    out,
  );
  const { tarball } = image;
  const work = join(out, 'work');
  mkdirSync(work, { recursive: true });
  const xpkg = join(out, `${fn}.xpkg`);
  run(tools.crank, [
    'xpkg',
    'build',
    '--package-root',
    join(pkgDir, 'package'),
    '--examples-root',
    join(work, 'no-examples'),
    '--embed-runtime-image-tarball',
    tarball,
    '--package-file',
    xpkg,
  ]);
  const xpkgDigest = `sha256:${digestOf(xpkg, 'sha256', 'hex')}`;
  rmSync(work, { recursive: true, force: true });
  const built: BuiltPackage = { fn, ...image, xpkg, xpkgDigest };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ ...built, layout: 'image', tarball: 'image.tar', xpkg: `${fn}.xpkg` }, null, 2)}\n`);
  return built;
}
