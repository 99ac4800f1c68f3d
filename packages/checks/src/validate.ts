// The Crossplane CLI's offline validation (`crossplane beta validate`) of
// claims and composites against our XRDs. The CLI would download the
// Crossplane package for its built-in schemas; a cache directory prepared
// with the pinned Crossplane CRDs (tools/crds.lock.yaml) keeps it offline.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CROSSPLANE_IMAGE = 'crossplane/crossplane:v2.3.4';

export interface ValidateOutcome {
  ok: boolean;
  /** The CLI's report, one line per resource. */
  output: string;
}

/**
 * Validates `resources` (files or directories) against the XRDs/CRDs in
 * `extensions`; `crds` is the directory materialiseCRDs laid out.
 */
export async function crankValidate(
  crank: string,
  crds: string,
  extensions: readonly string[],
  resources: readonly string[],
): Promise<ValidateOutcome> {
  const cache = mkdtempSync(join(tmpdir(), 'appcat-validate-'));
  try {
    cpSync(join(crds, 'crossplane'), join(cache, CROSSPLANE_IMAGE.replace(':', '@')), { recursive: true });
    const args = ['beta', 'validate', extensions.join(','), resources.join(','), '--crossplane-image', CROSSPLANE_IMAGE, '--cache-dir', cache];
    try {
      const { stdout, stderr } = await run(crank, args, { maxBuffer: 16 * 1024 * 1024 });
      return { ok: true, output: stdout + stderr };
    } catch (err) {
      const e = err as { code?: number | string; stdout?: string; stderr?: string };
      if (typeof e.code !== 'number') throw err;
      return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}
