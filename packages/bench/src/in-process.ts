// `make bench`, in process: a function's RunFunction called directly, without
// gRPC or protobuf, on chosen examples: what composing itself costs. Each
// measurement runs in a child process of its own (a fresh heap, one function
// loaded), so that a tree built from an earlier commit (BENCH_BASELINE, the
// root of such a tree with its packages compiled) can be measured in the same
// run, alternating with this one. Against a baseline this tree is measured
// twice: on the baseline's own request for the example (the same bytes, so
// the same work asked for) and on its own copy of the example, which may ask
// for more since the example grew with the API.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findExamples, packageDirOf, requestJSONForExample } from '@appcat/catalog';
import { RunFunctionRequest, RunFunctionResponse } from '@appcat/runtime';

export interface InProcessCase {
  fn: string;
  /** The example's id below examples/, e.g. vshn-postgresql/empty/4-cluster-ready. */
  example: string;
}

export interface InProcessSample {
  /** RunFunction alone, on a freshly decoded request each call. */
  p50: number;
  p99: number;
  /** RunFunction and the encoding of its response. */
  withEncodeP50: number;
  composed: number;
}

const CHILD_FLAG = '--in-process-child';

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Reads the request of an example the way the tree at `root` builds it (its catalog knows its own layout). */
async function requestBytesOf(root: string, c: InProcessCase): Promise<Uint8Array> {
  const catalog = (await import(pathToFileURL(join(root, 'packages', 'catalog', 'dist', 'index.js')).href)) as {
    findExamples: typeof findExamples;
    requestJSONForExample: typeof requestJSONForExample;
  };
  const example = catalog.findExamples(root).find((e) => e.id === `examples/${c.example}`);
  if (!example) throw new Error(`${root}: no example ${c.example}`);
  return RunFunctionRequest.encode(RunFunctionRequest.fromJSON(catalog.requestJSONForExample(example, c.fn))).finish();
}

/** Runs one case of the tree at `root` in this process, on the example as the tree at `examplesRoot` has it. */
async function measureHere(root: string, examplesRoot: string, c: InProcessCase, calls: number, warm: number): Promise<InProcessSample> {
  const bytes = await requestBytesOf(examplesRoot, c);
  const module = (await import(pathToFileURL(join(packageDirOf(root, c.fn), 'dist', 'function.js')).href)) as {
    runFunction: (req: RunFunctionRequest) => Promise<RunFunctionResponse>;
  };
  // The function applies defaults to the request it gets: every call gets a request decoded anew, as over gRPC.
  const fresh = (): RunFunctionRequest => RunFunctionRequest.decode(bytes);
  let composed = 0;
  for (let i = 0; i < warm; i++) composed = Object.keys((await module.runFunction(fresh())).desired?.resources ?? {}).length;
  const run: number[] = [];
  const withEncode: number[] = [];
  for (let i = 0; i < calls; i++) {
    const req = fresh();
    const t0 = process.hrtime.bigint();
    const rsp = await module.runFunction(req);
    const t1 = process.hrtime.bigint();
    RunFunctionResponse.encode(rsp).finish();
    const t2 = process.hrtime.bigint();
    run.push(Number(t1 - t0) / 1e6);
    withEncode.push(Number(t2 - t0) / 1e6);
  }
  run.sort((a, b) => a - b);
  withEncode.sort((a, b) => a - b);
  return { p50: percentile(run, 50), p99: percentile(run, 99), withEncodeP50: percentile(withEncode, 50), composed };
}

/**
 * Measures one case of the tree at `root` in a child process running `node`
 * with `flags`, on the example as the tree at `examplesRoot` has it.
 */
export function measureInProcess(
  node: string,
  flags: readonly string[],
  root: string,
  c: InProcessCase,
  calls: number,
  warm: number,
  examplesRoot = root,
): InProcessSample {
  const args = [CHILD_FLAG, root, examplesRoot, c.fn, c.example, String(calls), String(warm)];
  const out = execFileSync(node, [...flags, new URL(import.meta.url).pathname, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out) as InProcessSample;
}

if (process.argv[2] === CHILD_FLAG) {
  const [root = '', examplesRoot = '', fn = '', example = '', calls = '0', warm = '0'] = process.argv.slice(3);
  process.stdout.write(JSON.stringify(await measureHere(root, examplesRoot, { fn, example }, Number(calls), Number(warm))));
}

/** The examples whose in-process figures are compared across changes (the largest of each function is added by make bench). */
export const IN_PROCESS_EXAMPLES: readonly InProcessCase[] = [
  { fn: 'function-appcat-vshn-postgresql', example: 'vshn-postgresql/empty/4-cluster-ready' },
  { fn: 'function-appcat-vshn-postgresql', example: 'vshn-postgresql/full/4-cluster-ready' },
  { fn: 'function-appcat-vshn-postgresql', example: 'vshn-postgresql/names/63-characters/3-dependencies-ready' },
];

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

export interface InProcessOptions {
  node: string;
  flags: readonly string[];
  calls: number;
  warm: number;
  rounds: number;
  /** The root of a tree to compare with (its packages compiled), measured in the same rounds. */
  baseline?: string | undefined;
}

/** One column group of the table: a tree's function on an example as some tree has it. */
interface Run {
  tree: string;
  examples: string;
}

/**
 * The in-process table: RunFunction's p50 and p99 (and p50 with the response
 * encoded) per case, the median over rounds. With a baseline: its figures,
 * then this tree's on the baseline's request (same bytes) and on its own
 * example, each with its ratio to the baseline; all three measured in every
 * round, the order alternating.
 */
export function inProcessTable(root: string, cases: readonly InProcessCase[], o: InProcessOptions): string {
  const base = o.baseline;
  const own: Run = { tree: root, examples: root };
  const baseRun: Run | undefined = base === undefined ? undefined : { tree: base, examples: base };
  const sameRequest: Run | undefined = base === undefined ? undefined : { tree: root, examples: base };
  const runs = baseRun && sameRequest ? [baseRun, sameRequest, own] : [own];
  const rows: string[][] = [];
  for (const c of cases) {
    const samples = new Map<Run, InProcessSample[]>(runs.map((r) => [r, []]));
    for (let round = 0; round < o.rounds; round++) {
      for (const r of round % 2 ? [...runs].reverse() : runs) {
        const what = r === baseRun ? ' (baseline)' : r === sameRequest ? " (the baseline's request)" : '';
        process.stderr.write(`in process, round ${String(round + 1)}/${String(o.rounds)}: ${c.example}${what}\n`);
        try {
          samples.get(r)?.push(measureInProcess(o.node, o.flags, r.tree, c, o.calls, o.warm, r.examples));
        } catch (err) {
          // A baseline may not have the example yet.
          if (r === own) throw err;
          process.stderr.write(`${r.examples}: ${err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)}\n`);
        }
      }
    }
    const fig = (r: Run, f: (s: InProcessSample) => number): number => median((samples.get(r) ?? []).map(f));
    const ms = (v: number): string => (Number.isNaN(v) ? '–' : `${v.toFixed(3)} ms`);
    const composed = (r: Run): string => String((samples.get(r) ?? [])[0]?.composed ?? '–');
    const ratio = (r: Run, to: Run): string => {
      const v = fig(r, (s) => s.p50) / fig(to, (s) => s.p50);
      return Number.isNaN(v) ? '–' : `${v.toFixed(2)}×`;
    };
    const cells = (r: Run): string[] => [composed(r), ms(fig(r, (s) => s.p50)), ms(fig(r, (s) => s.p99)), ms(fig(r, (s) => s.withEncodeP50))];
    if (!baseRun || !sameRequest) rows.push([c.fn, c.example, ...cells(own)]);
    else
      rows.push([
        c.fn,
        c.example,
        ...cells(baseRun),
        composed(sameRequest),
        ms(fig(sameRequest, (s) => s.p50)),
        ratio(sameRequest, baseRun),
        ...cells(own),
        ratio(own, baseRun),
      ]);
  }
  const figures = ['composed', 'p50', 'p99', 'p50 with encoding'];
  const header =
    base === undefined
      ? ['function', 'example', ...figures]
      : [
          'function',
          'example',
          ...figures.map((f) => `baseline ${f}`),
          "baseline's request: composed",
          'p50',
          'p50 ÷ baseline',
          'this example: composed',
          'p50',
          'p99',
          'p50 with encoding',
          'p50 ÷ baseline',
        ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`;
}
