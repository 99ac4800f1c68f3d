// One example through the real Crossplane CLI.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { ExampleCase } from '@appcat/catalog';

const run = promisify(execFile);

export interface RenderOutcome {
  ok: boolean;
  /** The rendered YAML (ok) or the CLI's error message (not ok). */
  text: string;
}

export async function renderExample(crank: string, c: ExampleCase, functionsFile: string): Promise<RenderOutcome> {
  const args = ['render', c.xr, c.composition, functionsFile, '--xrd', c.xrd, '--include-function-results'];
  if (c.observed) args.push('--observed-resources', c.observed);
  try {
    const { stdout } = await run(crank, args, { maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, text: stdout };
  } catch (err) {
    const e = err as { code?: number | string; stderr?: string; message: string };
    if (typeof e.code !== 'number') throw err; // the CLI could not run at all
    return { ok: false, text: `${(e.stderr ?? e.message).trim()}\n` };
  }
}

/** The golden of a case: what it must render, or the error it must fail with. */
export function expectedOutcome(c: ExampleCase): RenderOutcome | undefined {
  if (existsSync(c.expectedError)) return { ok: false, text: readFileSync(c.expectedError, 'utf8') };
  if (existsSync(c.expectedOutput)) return { ok: true, text: readFileSync(c.expectedOutput, 'utf8') };
  return undefined;
}

/** Renders cases `concurrency` at a time, in order. */
export async function renderAll(crank: string, cases: readonly ExampleCase[], functionsFile: string, concurrency = 4): Promise<RenderOutcome[]> {
  const out: RenderOutcome[] = new Array<RenderOutcome>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i];
      if (c) out[i] = await renderExample(crank, c, functionsFile);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return out;
}
