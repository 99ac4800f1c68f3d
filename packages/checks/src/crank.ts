import { join } from 'node:path';
import { repoRoot } from '@appcat/catalog';

/** The Crossplane CLI: `crank` or `crossplane` on the PATH wins (make sets CRANK), else the one `make` built into bin/. */
export function crankPath(root = repoRoot()): string {
  return process.env['CRANK'] ?? join(root, 'bin', 'crank');
}
