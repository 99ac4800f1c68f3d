import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest directory above this module with pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the repository root (pnpm-workspace.yaml)');
    dir = parent;
  }
  return dir;
}

/** `../shared` beside the repository: the real CRDs live there. */
export function sharedDir(root = repoRoot()): string {
  return process.env['APPCAT_SHARED_DIR'] ?? resolve(root, '..', 'shared');
}

/** The Crossplane CLI: `crank` or `crossplane` on the PATH wins, else the one `make` built into bin/. */
export function crankPath(root = repoRoot()): string {
  return process.env['CRANK'] ?? join(root, 'bin', 'crank');
}
