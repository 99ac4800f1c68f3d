// The production build of a function: one ES module holding the function and
// only the code it reaches (esbuild, from the compiled dist/ modules), which
// is what the runtime image ships. Node's builtins stay imports; CommonJS
// dependencies that `require` them get a `require` of their own.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';

/** Where a function's bundle is written, relative to its package directory. */
export const BUNDLE_DIR = join('dist', 'bundle');
export const BUNDLE_FILE = 'main.mjs';

export interface Bundle {
  /** The bundle's path. */
  file: string;
  bytes: number;
  /** Input files by the bytes each contributes, largest first. */
  inputs: { path: string; bytes: number }[];
}

const REQUIRE_SHIM = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Bundles `<packageDir>/dist/main.js` into `<packageDir>/dist/bundle/main.mjs`, with a metafile beside it. */
export async function bundleFunction(root: string, packageDir: string): Promise<Bundle> {
  const outDir = join(packageDir, BUNDLE_DIR);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, BUNDLE_FILE);
  const result = await build({
    absWorkingDir: root,
    entryPoints: [join(packageDir, 'dist', 'main.js')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Whitespace and syntax only: identifiers keep their names for stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'eof',
    banner: { js: REQUIRE_SHIM },
    metafile: true,
    logLevel: 'warning',
  });
  const meta: Metafile = result.metafile;
  writeFileSync(join(outDir, 'meta.json'), `${JSON.stringify(meta, null, 1)}\n`);
  const output = Object.values(meta.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .map(([path, v]) => ({ path: relative(root, join(root, path)), bytes: v.bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { file, bytes: output?.bytes ?? 0, inputs };
}
