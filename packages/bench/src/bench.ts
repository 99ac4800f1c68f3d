// `make bench`: each function as Crossplane runs it (its own process, gRPC
// on loopback) against its largest example, and beside ours the Go functions
// function-auto-ready (the floor: decode, mark readiness, encode) and
// function-patch-and-transform (composing the same resources from patches)
// on the vshn-postgresql request: latency and throughput sequentially and at
// concurrency 16, the server's CPU per call, memory after start, after the
// first call, after load and at its peak, and the time from process start to
// the first served call. A benchmark, not a test. The client sends requests
// pre-encoded and decodes only the responses it checks, so what is measured is
// the server, not the client's codec. One server runs at a time, in rounds
// whose order alternates, and each figure is the median over the rounds.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import {
  BUNDLE_DIR,
  BUNDLE_FILE,
  fetchImageInputs,
  findExamples,
  IMAGE_ENV,
  IMAGE_NODE_FLAGS,
  packageDirOf,
  repoRoot,
  requestJSONForExample,
  type ExampleCase,
} from '@appcat/catalog';
import * as grpc from '@grpc/grpc-js';
import { getString, isObject, readYamlDocuments, RunFunctionRequest, RunFunctionResponse, Severity, type JsonObject } from '@appcat/runtime';
import { IN_PROCESS_EXAMPLES, inProcessTable, type InProcessCase } from './in-process.js';
import { composedIdentities, patchCount, PATCH_AND_TRANSFORM_EXAMPLE, readPatchAndTransformInput } from './reference.js';

const SEQUENTIAL_CALLS = Number(process.env['BENCH_CALLS'] ?? 2000);
// Our functions run as the runtime image runs them: the production bundle
// with the image's Node flags (BENCH_NODE_FLAGS overrides them, e.g. to
// compare young-generation sizes); BENCH_TARGET=dist runs the compiled
// modules instead.
const TARGET = process.env['BENCH_TARGET'] ?? 'bundle';
const NODE_FLAGS =
  process.env['BENCH_NODE_FLAGS'] === undefined ? [...IMAGE_NODE_FLAGS] : process.env['BENCH_NODE_FLAGS'].split(' ').filter((f) => f !== '');
const CONCURRENT_CALLS = SEQUENTIAL_CALLS * 2;
// The image's environment (its PATH aside) for ours, as the image runs them; BENCH_IMAGE_ENV=0 leaves it out.
const IMAGE_RUN_ENV: Record<string, string> =
  process.env['BENCH_IMAGE_ENV'] === '0'
    ? {}
    : Object.fromEntries(IMAGE_ENV.filter((e) => !e.startsWith('PATH=')).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
// BENCH_ONLY=in-process measures RunFunction in process only (BENCH_BASELINE: a
// tree to compare with, see in-process.ts); BENCH_ONLY=grpc only the servers.
const ONLY = process.env['BENCH_ONLY'];
const WARM_CALLS = 200;
const CONCURRENCY = 16;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 2);
const OURS = 'function-appcat-vshn-postgresql';
const AUTO_READY = 'function-auto-ready';
const PATCH_AND_TRANSFORM = 'function-patch-and-transform';

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};

/** The unit of /proc/<pid>/stat's times (USER_HZ), in ms. */
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time the process (all its threads) has used, user and system, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at "state"; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const RUN_FUNCTION = '/apiextensions.fn.proto.v1.FunctionRunnerService/RunFunction';
const raw = (b: Buffer): Buffer => b;

/** A RunFunction client that sends bytes as they are and hands back the response's bytes. */
class RawClient {
  private readonly client: grpc.Client;

  constructor(address: string) {
    this.client = new grpc.Client(address, grpc.credentials.createInsecure());
  }

  call(request: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(RUN_FUNCTION, raw, raw, request, (err: grpc.ServiceError | null, rsp?: Buffer) => {
        if (rsp && !err) resolve(rsp);
        else reject(err ?? new Error('empty response'));
      });
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Decodes a response and fails on a FATAL result: the benchmark measures the answer the example gets. */
function decodeChecked(bytes: Buffer): RunFunctionResponse {
  const rsp = RunFunctionResponse.decode(bytes);
  if (rsp.results.some((r) => r.severity === Severity.SEVERITY_FATAL))
    throw new Error(`fatal result: ${rsp.results.map((r) => r.message).join('; ')}`);
  return rsp;
}

function desiredResources(rsp: RunFunctionResponse): Record<string, JsonObject> {
  return Object.fromEntries(Object.entries(rsp.desired?.resources ?? {}).map(([k, r]) => [k, r.resource ?? {}]));
}

async function timed(client: RawClient, req: Buffer, out: number[]): Promise<Buffer> {
  const t = process.hrtime.bigint();
  const rsp = await client.call(req);
  out.push(Number(process.hrtime.bigint() - t) / 1e6);
  return rsp;
}

const encode = (json: JsonObject): Buffer => Buffer.from(RunFunctionRequest.encode(RunFunctionRequest.fromJSON(json)).finish());

/** The largest example (by its request's bytes) that the function renders successfully. */
function largestExample(fn: string, cases: readonly ExampleCase[]): { c: ExampleCase; request: Buffer } | undefined {
  return cases
    .filter((c) => readFileSync(c.composition, 'utf8').includes(`name: ${fn}`) && existsSync(c.expectedOutput))
    .map((c) => ({ c, request: encode(requestJSONForExample(c, fn)) }))
    .sort((a, b) => b.request.length - a.request.length)[0];
}

/** A free loopback port: the Go functions do not report the port they bound, so every server is given one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        if (a && typeof a === 'object') resolve(a.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/** Resolves once something accepts TCP connections on the port (polled every millisecond). */
async function listening(port: number, exited: () => string | undefined, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const why = exited();
    if (why) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const sock = createConnection({ host: '127.0.0.1', port }, () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => {
        resolve(false);
      });
    });
    if (ok) return;
    if (performance.now() > deadline) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** A function server to measure: how to start it and the request it gets. */
interface Server {
  label: string;
  command: string;
  args: string[];
  example: string;
  request: Buffer;
  /** Checks a (first or last) response beyond its results. */
  check?: (rsp: RunFunctionResponse) => void;
  /** Environment beyond the bench's own. */
  env?: Record<string, string>;
}

interface Sample {
  startupMs: number;
  startupCpuMs: number;
  p50: number;
  p99: number;
  c16p50: number;
  c16p99: number;
  seqPerSec: number;
  c16PerSec: number;
  seqCpuMs: number;
  c16CpuMs: number;
  startMiB: number;
  firstCallMiB: number;
  loadedMiB: number;
  peakMiB: number;
}

/**
 * Starts the server with `--insecure --address 127.0.0.1:<port>` (ours and the
 * Go functions take the same flags), runs `work` with a client once it serves
 * its first call, and stops it, waiting for it to exit, even on failure.
 */
async function withServer<T>(s: Server, work: (client: RawClient, pid: number, started: bigint, startMiB: number) => Promise<T>): Promise<T> {
  const port = await freePort();
  // The server's output goes to a file, so that logging costs the server as
  // it would in a pod and the client nothing.
  const logDir = mkdtempSync(join(tmpdir(), 'appcat-bench-'));
  const log = openSync(join(logDir, 'log'), 'w');
  const tail = (): string => readFileSync(join(logDir, 'log'), 'utf8').slice(-2000);
  const started = process.hrtime.bigint();
  const child = spawn(s.command, [...s.args, '--insecure', '--address', `127.0.0.1:${port}`], {
    stdio: ['ignore', log, log],
    env: { ...process.env, ...s.env },
  });
  closeSync(log);
  let exit: string | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = `${s.label} exited (${signal ?? code ?? ''})`;
      resolve();
    });
    child.once('error', (err) => {
      exit = `${s.label} did not start: ${err.message}`;
      resolve();
    });
  });
  try {
    await listening(port, () => (exit ? `${exit}: ${tail()}` : undefined));
    const pid = child.pid ?? 0;
    const startMiB = rssMiB(pid, 'VmRSS');
    const client = new RawClient(`127.0.0.1:${port}`);
    try {
      return await work(client, pid, started, startMiB);
    } catch (err) {
      throw new Error(`${s.label}: ${err instanceof Error ? err.message : String(err)}\n${tail()}`);
    } finally {
      client.close();
    }
  } finally {
    if (!exit) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(killer);
    rmSync(logDir, { recursive: true, force: true });
  }
}

/**
 * CPU time of every thread of the process so far, in milliseconds, from the
 * scheduler's nanosecond counters: the start-up cost, which a loaded machine
 * inflates far less than the wall-clock time to the first call.
 */
function threadsCpuMs(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended
    }
  }
  return ns / 1e6;
}

function measure(s: Server): Promise<Sample> {
  return withServer(s, async (client, pid, started, startMiB) => {
    const req = s.request;
    s.check?.(decodeChecked(await client.call(req)));
    const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
    const startupCpuMs = threadsCpuMs(pid);
    const firstCallMiB = rssMiB(pid, 'VmRSS');
    const warm: number[] = [];
    for (let i = 0; i < WARM_CALLS; i++) await timed(client, req, warm);

    const seq: number[] = [];
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    for (let i = 0; i < SEQUENTIAL_CALLS; i++) await timed(client, req, seq);
    const seqPerSec = SEQUENTIAL_CALLS / ((performance.now() - t0) / 1000);
    const seqCpuMs = (cpuMs(pid) - cpu0) / SEQUENTIAL_CALLS;

    const conc: number[] = [];
    let next = 0;
    let last: Buffer | undefined;
    const cpu1 = cpuMs(pid);
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < CONCURRENT_CALLS) last = await timed(client, req, conc);
      }),
    );
    const c16PerSec = CONCURRENT_CALLS / ((performance.now() - t1) / 1000);
    const c16CpuMs = (cpuMs(pid) - cpu1) / CONCURRENT_CALLS;
    if (last) s.check?.(decodeChecked(last));
    const loadedMiB = rssMiB(pid, 'VmRSS');
    const peakMiB = rssMiB(pid, 'VmHWM');
    seq.sort((a, b) => a - b);
    conc.sort((a, b) => a - b);
    return {
      startupMs,
      startupCpuMs,
      p50: percentile(seq, 50),
      p99: percentile(seq, 99),
      c16p50: percentile(conc, 50),
      c16p99: percentile(conc, 99),
      seqPerSec,
      c16PerSec,
      seqCpuMs,
      c16CpuMs,
      startMiB,
      firstCallMiB,
      loadedMiB,
      peakMiB,
    };
  });
}

const ourServer = (root: string, fn: string, c: ExampleCase, request = encode(requestJSONForExample(c, fn))): Server => ({
  label: fn,
  command: NODE,
  args:
    TARGET === 'dist' ? [join(packageDirOf(root, fn), 'dist', 'main.js')] : [...NODE_FLAGS, join(packageDirOf(root, fn), BUNDLE_DIR, BUNDLE_FILE)],
  example: c.id,
  request,
  env: IMAGE_RUN_ENV,
});

/**
 * The Node our functions run on: the runtime image's (its pinned official
 * build, unpacked once into bin/), or BENCH_NODE.
 */
function imageNode(root: string): string {
  const { nodeTarball } = fetchImageInputs(root);
  const dir = join(root, 'bin', `.image-${basename(nodeTarball, '.tgz')}`);
  const node = join(dir, 'package', 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['--extract', '--gzip', '--file', nodeTarball, '--directory', dir]);
  }
  return node;
}

const root = repoRoot();
const NODE = process.env['BENCH_NODE'] ?? imageNode(root);
const NODE_VERSION = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
const cases = findExamples(root);
const functions = readYamlDocuments(join(root, 'compositions', 'functions.yaml')).map((f) => getString(f, 'metadata.name') ?? '');
const ours: Server[] = [];
for (const fn of functions) {
  const largest = largestExample(fn, cases);
  if (largest) ours.push(ourServer(root, fn, largest.c, largest.request));
  else process.stderr.write(`${fn}: no example renders successfully, skipped\n`);
}
if (ONLY !== 'grpc') {
  const inProcess: InProcessCase[] = [...IN_PROCESS_EXAMPLES];
  for (const s of ours) {
    const example = s.example.replace(/^examples\//, '');
    if (!inProcess.some((c) => c.fn === s.label && c.example === example)) inProcess.push({ fn: s.label, example });
  }
  const calls = Number(process.env['BENCH_IN_PROCESS_CALLS'] ?? SEQUENTIAL_CALLS);
  const baseline = process.env['BENCH_BASELINE'];
  process.stdout.write(
    `RunFunction in process (Node ${NODE_VERSION}, ${TARGET === 'dist' ? 'no flags' : NODE_FLAGS.join(' ')}): ${String(calls)} calls after ${String(WARM_CALLS)} warm-up calls, ` +
      `each on a request decoded anew; medians of ${String(ROUNDS)} rounds, one child process per figure` +
      `${baseline === undefined ? '' : `, the baseline ${baseline} and this tree (on the baseline's request and on its own example) alternating`}.\n\n`,
  );
  process.stdout.write(
    inProcessTable(root, inProcess, { node: NODE, flags: TARGET === 'dist' ? [] : NODE_FLAGS, calls, warm: WARM_CALLS, rounds: ROUNDS, baseline }),
  );
  process.stdout.write('\n');
  if (ONLY === 'in-process') process.exit(0);
}

// The Go functions are compared with ours on the example their input was
// derived from (the last stage of the full example), which need not be the
// largest one by bytes; ours is then measured on both.
const referenceCase = cases
  .filter((c) => c.id.startsWith(`${PATCH_AND_TRANSFORM_EXAMPLE}/`))
  .sort((a, b) => a.id.localeCompare(b.id))
  .at(-1);
if (!referenceCase) throw new Error(`${PATCH_AND_TRANSFORM_EXAMPLE}: no stages to compare the Go functions on`);
const reference = ours.find((s) => s.label === OURS && s.example === referenceCase.id) ?? ourServer(root, OURS, referenceCase);
if (!ours.includes(reference)) ours.splice(ours.findIndex((s) => s.label === OURS) + 1, 0, reference);

// Our response to the reference request, once and unmeasured: the composed
// resources the Go functions must match, and the desired state a later
// pipeline step (function-auto-ready) receives.
const ourResponse = await withServer(reference, async (client) => decodeChecked(await client.call(reference.request)));
const ourComposed = JSON.stringify(composedIdentities(desiredResources(ourResponse)));
const sameComposed = (label: string) => (rsp: RunFunctionResponse) => {
  const theirs = JSON.stringify(composedIdentities(desiredResources(rsp)));
  if (theirs !== ourComposed) throw new Error(`${label} composes other resources than ${OURS}:\n  ours:   ${ourComposed}\n  theirs: ${theirs}`);
};

const referenceJSON = requestJSONForExample(referenceCase, OURS);
const ptInput = readPatchAndTransformInput(root);
// What Crossplane passes the next step: our desired state, readiness not yet decided.
const desired = RunFunctionResponse.toJSON(ourResponse) as JsonObject;
const desiredState = isObject(desired['desired']) ? desired['desired'] : {};
const desiredResourcesUndecided = Object.fromEntries(
  Object.entries(isObject(desiredState['resources']) ? desiredState['resources'] : {}).map(([k, v]) => [
    k,
    isObject(v) ? { ...v, ready: undefined } : v,
  ]),
);
const goBin = (name: string): string => {
  const path = join(root, 'bin', name);
  if (!existsSync(path)) throw new Error(`${path} is missing: make reference-functions builds it`);
  return path;
};
const theirs: Server[] = [
  {
    label: AUTO_READY,
    command: goBin(AUTO_READY),
    args: [],
    example: reference.example,
    request: encode({ ...referenceJSON, input: undefined, desired: { ...desiredState, resources: desiredResourcesUndecided } }),
    check: sameComposed(AUTO_READY),
  },
  {
    label: PATCH_AND_TRANSFORM,
    command: goBin(PATCH_AND_TRANSFORM),
    args: [],
    example: reference.example,
    request: encode({ ...referenceJSON, input: ptInput }),
    check: sameComposed(PATCH_AND_TRANSFORM),
  },
];

// The compared servers side by side, then our others; the order is reversed every other round.
const order: Server[] = [reference, ...theirs, ...ours.filter((s) => s !== reference)];
const samples = new Map<Server, Sample[]>(order.map((s) => [s, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const s of round % 2 ? [...order].reverse() : order) {
    process.stderr.write(`round ${round + 1}/${ROUNDS}: ${s.label}\n`);
    samples.get(s)?.push(await measure(s));
  }
}
const med = (s: Server, f: (x: Sample) => number): number => median((samples.get(s) ?? []).map(f));

const ms = (v: number): string => `${v.toFixed(2)} ms`;
const mib = (v: number): string => `${v.toFixed(0)} MiB`;
const rate = (v: number): string => v.toFixed(0);
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return `${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}\n`;
}

interface Figure {
  name: string;
  of: (x: Sample) => number;
  show: (v: number) => string;
}
const figures: Figure[] = [
  { name: 'p50 c1', of: (x) => x.p50, show: ms },
  { name: 'p99 c1', of: (x) => x.p99, show: ms },
  { name: 'p50 c16', of: (x) => x.c16p50, show: ms },
  { name: 'p99 c16', of: (x) => x.c16p99, show: ms },
  { name: 'calls/s c1', of: (x) => x.seqPerSec, show: rate },
  { name: 'calls/s c16', of: (x) => x.c16PerSec, show: rate },
  { name: 'CPU/call c1', of: (x) => x.seqCpuMs, show: ms },
  { name: 'CPU/call c16', of: (x) => x.c16CpuMs, show: ms },
  { name: 'RSS after start', of: (x) => x.startMiB, show: mib },
  { name: 'RSS after 1st call', of: (x) => x.firstCallMiB, show: mib },
  { name: 'RSS after load', of: (x) => x.loadedMiB, show: mib },
  { name: 'RSS peak (VmHWM)', of: (x) => x.peakMiB, show: mib },
  { name: 'start → 1st call', of: (x) => x.startupMs, show: (v) => `${v.toFixed(0)} ms` },
  { name: 'CPU to 1st call', of: (x) => x.startupCpuMs, show: (v) => `${v.toFixed(0)} ms` },
];

const all = [...ours, ...theirs];
const calls = WARM_CALLS + SEQUENTIAL_CALLS + CONCURRENT_CALLS + 1;
process.stdout.write(
  `Node ${NODE_VERSION}; ours ${TARGET === 'dist' ? 'as compiled modules' : `as bundles, node ${NODE_FLAGS.join(' ')}`}${Object.entries(IMAGE_RUN_ENV)
    .map(([k, v]) => `, ${k}=${v}`)
    .join('')}; per server ${SEQUENTIAL_CALLS} sequential (c1) and ${CONCURRENT_CALLS} concurrent (c16) calls after ${WARM_CALLS} warm-up calls ` +
    `(RSS after load: after ${calls} calls); medians of ${ROUNDS} rounds, one server at a time, order alternating. ` +
    `${PATCH_AND_TRANSFORM} applies ${patchCount(ptInput)} patches per call; ${AUTO_READY} gets our desired state, as the step after ours.\n` +
    `Each of our functions on its largest example (request: the encoded RunFunctionRequest); ` +
    `the Go functions, and ${OURS} beside them, on ${reference.example}.\n\n`,
);
process.stdout.write(
  table(
    ['function', 'example', 'request', ...figures.map((f) => f.name), 'start → 1st call, all rounds'],
    all.map((s) => {
      const starts = (samples.get(s) ?? []).map((x) => x.startupMs);
      return [
        s.label,
        s.example.replace(/^examples\//, ''),
        `${s.request.length} B`,
        ...figures.map((f) => f.show(med(s, f.of))),
        `${Math.min(...starts).toFixed(0)}–${Math.max(...starts).toFixed(0)} ms`,
      ];
    }),
  ),
);
process.stdout.write(`\nOurs (${OURS}) beside the Go functions on the same request; ratio = ours ÷ theirs.\n\n`);
process.stdout.write(
  table(
    ['figure', 'ours', ...theirs.flatMap((t) => [t.label, 'ratio'])],
    figures.map((f) => {
      const o = med(reference, f.of);
      return [f.name, f.show(o), ...theirs.flatMap((t) => [f.show(med(t, f.of)), `${(o / med(t, f.of)).toFixed(2)}×`])];
    }),
  ),
);
