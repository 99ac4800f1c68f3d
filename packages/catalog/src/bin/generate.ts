// `generate [--check] [--root DIR] [PACKAGE...]`: writes (or with --check,
// verifies) src/generated.ts of every package (or the named package
// directories) that names an XRD and an input CRD in its package.json.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readYamlDocuments } from '@appcat/runtime';
import { embedParameters, generateModule } from '../codegen.js';

interface PackageJson {
  name: string;
  appcat?: { xrd: string; input: string; composes?: Record<string, string>; embeds?: string[] };
}

const { values, positionals: only } = parseArgs({
  options: { check: { type: 'boolean', default: false }, root: { type: 'string', default: '.' } },
  allowPositionals: true,
});
const root = resolve(values.root);
let stale = 0;
for (const dir of readdirSync(join(root, 'packages'))) {
  const pkgPath = join(root, 'packages', dir, 'package.json');
  if (!existsSync(pkgPath) || (only.length > 0 && !only.includes(dir))) continue;
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as PackageJson;
  if (!pkg.appcat) continue;
  const pkgDir = join(root, 'packages', dir);
  const xrdPath = resolve(pkgDir, pkg.appcat.xrd);
  const inputPath = resolve(pkgDir, pkg.appcat.input);
  const out = join(pkgDir, 'src', 'generated.ts');
  const composes = Object.fromEntries(
    Object.entries(pkg.appcat.composes ?? {}).map(([name, path]) => {
      const abs = resolve(pkgDir, path);
      return [name, { path: abs, label: relative(root, abs) }];
    }),
  );
  // The XRD's generated parts (the parameters of the XRDs it embeds) first: the module is generated from the result.
  const sources = Object.fromEntries(
    (pkg.appcat.embeds ?? []).map((path) => {
      const abs = resolve(pkgDir, path);
      const [doc] = readYamlDocuments(abs);
      if (!doc) throw new Error(`empty XRD ${path}`);
      return [relative(root, abs), doc];
    }),
  );
  const xrdText = readFileSync(xrdPath, 'utf8');
  const embedded = Object.keys(sources).length > 0 ? embedParameters(xrdText, sources, relative(root, xrdPath)) : xrdText;
  const text = await generateModule({ xrdPath, inputPath, xrdLabel: relative(root, xrdPath), inputLabel: relative(root, inputPath), composes, xrdText: embedded });
  for (const [path, wanted, current] of [
    [xrdPath, embedded, xrdText],
    [out, text, existsSync(out) ? readFileSync(out, 'utf8') : ''],
  ] as const) {
    if (current === wanted) continue;
    if (values.check) {
      stale++;
      process.stderr.write(`${relative(root, path)} is stale: run make generate\n`);
    } else {
      writeFileSync(path, wanted);
      process.stdout.write(`wrote ${relative(root, path)}\n`);
    }
  }
}
process.exit(stale > 0 ? 1 : 0);
