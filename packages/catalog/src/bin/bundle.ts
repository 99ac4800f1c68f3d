// `bundle [PACKAGE...]`: the production bundle of every package that runs as
// its own image (a function, which names an XRD in its package.json under
// `appcat`, or a program that says `"bundle": true`), or of the named
// package directories.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundleFunction } from '../bundle.js';
import { repoRoot } from '../repo.js';

const root = repoRoot();
const only = process.argv.slice(2);
for (const dir of readdirSync(join(root, 'packages')).sort()) {
  const pkgPath = join(root, 'packages', dir, 'package.json');
  if (!existsSync(pkgPath) || (only.length > 0 && !only.includes(dir))) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { appcat?: unknown; bundle?: unknown };
  if (pkg.appcat === undefined && pkg.bundle !== true) continue;
  const b = await bundleFunction(root, join(root, 'packages', dir));
  const top = b.inputs
    .slice(0, 3)
    .map((i) => `${i.path.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, '')} ${(i.bytes / 1024).toFixed(0)} KiB`)
    .join(', ');
  process.stdout.write(`${relative(root, b.file)}: ${(b.bytes / 1024).toFixed(0)} KiB (${top}, ...)\n`);
}
