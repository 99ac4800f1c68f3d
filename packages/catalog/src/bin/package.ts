// `package [FUNCTION...]`: the runtime image and xpkg of every Function in
// compositions/functions.yaml (or of those named), into
// packages/function-<name>/dist/package/. Needs the bundles (`make build`) and
// bin/crane and bin/crank (`make tools`).
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getString, readYamlDocuments } from '@appcat/runtime';
import { buildPackage, fetchImageInputs } from '../image.js';
import { repoRoot } from '../repo.js';

const root = repoRoot();
const only = new Set(process.argv.slice(2));
const tools = { crane: join(root, 'bin', 'crane'), crank: process.env['CRANK'] ?? join(root, 'bin', 'crank') };
for (const [name, path] of Object.entries(tools)) {
  if (!existsSync(path) && path.includes('/')) throw new Error(`${path} is missing: run make tools (${name})`);
}
const started = performance.now();
const inputs = fetchImageInputs(root);
const fetched = performance.now();
process.stdout.write(`inputs ready in ${((fetched - started) / 1000).toFixed(1)} s\n`);
const functions = readYamlDocuments(join(root, 'compositions', 'functions.yaml'))
  .map((f) => getString(f, 'metadata.name') ?? '')
  .filter((f) => only.size === 0 || only.has(f));
for (const fn of functions) {
  const t = performance.now();
  const p = await buildPackage(root, fn, tools, inputs);
  process.stdout.write(
    `${fn}: image ${p.digest} (${(p.compressedBytes / 2 ** 20).toFixed(1)} MiB compressed, ${(p.unpackedBytes / 2 ** 20).toFixed(1)} MiB unpacked), ` +
      `${relative(root, p.xpkg)} ${p.xpkgDigest.slice(0, 19)}…, ${((performance.now() - t) / 1000).toFixed(1)} s\n`,
  );
}
process.stdout.write(`packages built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
