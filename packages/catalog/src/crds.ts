// The third-party CRDs of tools/crds.lock.yaml, laid out as <source>/<name>
// in a cache directory: each file from the offline mirror when it has it,
// else from its Go module or release URL, and always checked against its
// SHA-256. Nothing third-party is committed to the repository.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './repo.js';

export interface LockedFile {
  /** The file's name in the mirror and in the materialised directory. */
  name: string;
  /** Its path inside the module or below the URL. */
  path: string;
  sha256: string;
}

export interface LockedSource {
  /** `module@version`, for a source the Go module proxy serves. */
  module?: string;
  /** A release URL at a fixed tag, ending in `/`, for one it does not. */
  url?: string;
  licence: string;
  files: LockedFile[];
}

export type CRDLock = Record<string, LockedSource>;

export function readCRDLock(root = repoRoot()): CRDLock {
  const doc = parse(readFileSync(join(root, 'tools', 'crds.lock.yaml'), 'utf8')) as { sources: CRDLock };
  return doc.sources;
}

/** The offline mirror: $APPCAT_CRD_MIRROR, else ../shared/crds beside the repository when it exists. */
export function crdMirror(root = repoRoot()): string | undefined {
  const configured = process.env['APPCAT_CRD_MIRROR'];
  if (configured) return configured;
  const shared = resolve(root, '..', 'shared', 'crds');
  return existsSync(shared) ? shared : undefined;
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** Where a Go module's files are: the module cache, after `go mod download` when missing. */
function moduleDir(moduleAtVersion: string): string {
  const out = execFileSync('go', ['mod', 'download', '-json', moduleAtVersion], { encoding: 'utf8', cwd: tmpdir() });
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${moduleAtVersion}: ${info.Error ?? 'no directory'}`);
  return info.Dir;
}

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export interface MaterialiseOptions {
  root?: string;
  /** The lock to read (default tools/crds.lock.yaml). */
  lock?: CRDLock;
  /** The mirror to use first (default crdMirror()); null for none. */
  mirror?: string | null;
  /** The directory to lay the files out in (default a cache directory keyed by the lock). */
  dir?: string;
}

/**
 * Lays out every locked CRD as <dir>/<source>/<name> and returns <dir>. A
 * file already there with the right hash is kept; a mirror file with another
 * hash is an error, never used.
 */
export async function materialiseCRDs(opts: MaterialiseOptions = {}): Promise<string> {
  const root = opts.root ?? repoRoot();
  const lock = opts.lock ?? readCRDLock(root);
  const mirror = opts.mirror === null ? undefined : (opts.mirror ?? crdMirror(root));
  const cache = process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache');
  const dir = opts.dir ?? join(cache, 'appcat-crds', sha256(Buffer.from(JSON.stringify(lock))).slice(0, 16));
  const modules = new Map<string, string>();
  for (const [source, spec] of Object.entries(lock)) {
    for (const file of spec.files) {
      const target = join(dir, source, file.name);
      if (existsSync(target) && sha256(readFileSync(target)) === file.sha256) continue;
      const data = await fetchLocked(source, spec, file, mirror, modules);
      mkdirSync(dirname(target), { recursive: true });
      // A name of its own: test files running at once may lay out the same cache, and the rename is atomic.
      const tmp = `${target}.${randomUUID()}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, target);
    }
  }
  return dir;
}

async function fetchLocked(
  source: string,
  spec: LockedSource,
  file: LockedFile,
  mirror: string | undefined,
  modules: Map<string, string>,
): Promise<Buffer> {
  const what = `${source}/${file.name}`;
  const check = (data: Buffer, from: string): Buffer => {
    const actual = sha256(data);
    if (actual !== file.sha256) throw new Error(`${what} from ${from} has SHA-256 ${actual}, tools/crds.lock.yaml pins ${file.sha256}`);
    return data;
  };
  const mirrored = mirror ? join(mirror, source, file.name) : undefined;
  if (mirrored && existsSync(mirrored)) return check(readFileSync(mirrored), mirrored);
  if (spec.module) {
    let moduleRoot = modules.get(spec.module);
    if (!moduleRoot) {
      moduleRoot = moduleDir(spec.module);
      modules.set(spec.module, moduleRoot);
    }
    return check(readFileSync(join(moduleRoot, file.path)), `${spec.module} ${file.path}`);
  }
  if (spec.url) {
    const url = new URL(file.path, spec.url).toString();
    return check(await download(url), url);
  }
  throw new Error(`${source}: tools/crds.lock.yaml names neither a module nor a url`);
}
