// `make bench`: each function as Crossplane runs it (its own process, gRPC
// on loopback) against its largest example: latency, throughput
// sequentially and at concurrency 16, the server's CPU per call, memory idle,
// after load and at its peak, and the time from process start to the first
// served call. A benchmark, not a test. The client sends the request
// pre-encoded and decodes only the responses it checks, so what is measured
// is the server, not the client's codec.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { findExamples, IMAGE_NODE_FLAGS, packageDirOf, repoRoot, requestForExample, type ExampleCase } from '@appcat/catalog';
import * as grpc from '@grpc/grpc-js';
import { getString, readYamlDocuments, RunFunctionRequest, RunFunctionResponse, Severity } from '@appcat/runtime';

const SEQUENTIAL_CALLS = Number(process.env['BENCH_CALLS'] ?? 3300);
// What is started: the function's compiled module (dist/main.js), or with
// BENCH_TARGET=bundle its production bundle with the image's Node flags
// (BENCH_NODE_FLAGS overrides them, e.g. to compare young-generation sizes).
const TARGET = process.env['BENCH_TARGET'] ?? 'dist';
const NODE_FLAGS = process.env['BENCH_NODE_FLAGS'];
// BENCH_ONLY=name,name: just those functions.
const ONLY = new Set((process.env['BENCH_ONLY'] ?? '').split(',').filter((f) => f !== ''));
const CONCURRENT_CALLS = SEQUENTIAL_CALLS * 2;
const CONCURRENCY = 16;

function rssKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** CPU time the process has used, user and system, in milliseconds (/proc/<pid>/stat, clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at "state"; utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time of every thread of the process so far, in milliseconds, from the
 * scheduler's nanosecond counters: the start-up cost that a loaded machine
 * does not inflate the way it inflates wall-clock time.
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
function check(bytes: Buffer): void {
  const rsp = RunFunctionResponse.decode(bytes);
  if (rsp.results.some((r) => r.severity === Severity.SEVERITY_FATAL))
    throw new Error(`fatal result: ${rsp.results.map((r) => r.message).join('; ')}`);
}

async function timed(client: RawClient, req: Buffer, out: number[]): Promise<Buffer> {
  const t = process.hrtime.bigint();
  const rsp = await client.call(req);
  out.push(Number(process.hrtime.bigint() - t) / 1e6);
  return rsp;
}

/** The largest example (by its files) that the function renders successfully. */
function largestExample(root: string, fn: string, cases: readonly ExampleCase[]): ExampleCase | undefined {
  const size = (c: ExampleCase): number => statSync(c.xr).size + (c.observed ? statSync(c.observed).size : 0);
  return cases
    .filter((c) => readFileSync(c.composition, 'utf8').includes(`name: ${fn}`))
    .filter((c) => {
      try {
        return statSync(c.expectedOutput).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => size(b) - size(a))[0];
}

interface Row {
  fn: string;
  example: string;
  requestBytes: number;
  startupMs: number;
  startupCpuMs: number;
  p50: number;
  p99: number;
  seqPerSec: number;
  c16PerSec: number;
  c16p99: number;
  seqCpuMs: number;
  c16CpuMs: number;
  startMiB: number;
  firstMiB: number;
  idleMiB: number;
  loadedMiB: number;
  peakMiB: number;
}

/** The Node flags of the image's entrypoint, or BENCH_NODE_FLAGS. */
function bundleNodeFlags(): string[] {
  return NODE_FLAGS === undefined ? [...IMAGE_NODE_FLAGS] : NODE_FLAGS.split(' ').filter((f) => f !== '');
}

async function benchOne(root: string, fn: string, c: ExampleCase): Promise<Row> {
  const req = Buffer.from(RunFunctionRequest.encode(requestForExample(c, fn)).finish());
  const requestBytes = req.length;
  const started = process.hrtime.bigint();
  const dir = packageDirOf(root, fn);
  const entry = TARGET === 'bundle' ? [...bundleNodeFlags(), join(dir, 'dist', 'bundle', 'main.mjs')] : [join(dir, 'dist', 'main.js')];
  const child = spawn(process.execPath, [...entry, '--insecure', '--address', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('exit', (code) => {
        reject(new Error(`${fn} exited with ${code}`));
      });
      child.stdout.once('data', (d: Buffer) => {
        resolve((JSON.parse(d.toString().split('\n')[0] ?? '') as { port: number }).port);
      });
    });
    child.stdout.resume();
    const client = new RawClient(`127.0.0.1:${port}`);
    const pid = child.pid ?? 0;
    try {
      const startMiB = rssKiB(pid, 'VmRSS') / 1024;
      check(await client.call(req));
      const startupMs = Number(process.hrtime.bigint() - started) / 1e6;
      const startupCpuMs = threadsCpuMs(pid);
      const firstMiB = rssKiB(pid, 'VmRSS') / 1024;
      const warm: number[] = [];
      for (let i = 0; i < 200; i++) await timed(client, req, warm);
      await sleep(500);
      const idleMiB = rssKiB(pid, 'VmRSS') / 1024;

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
      if (last) check(last);
      const loadedMiB = rssKiB(pid, 'VmRSS') / 1024;
      const peakMiB = rssKiB(pid, 'VmHWM') / 1024;
      seq.sort((a, b) => a - b);
      conc.sort((a, b) => a - b);
      return {
        fn,
        example: c.id,
        requestBytes,
        startupMs,
        startupCpuMs,
        p50: percentile(seq, 50),
        p99: percentile(seq, 99),
        seqPerSec,
        c16PerSec,
        c16p99: percentile(conc, 99),
        seqCpuMs,
        c16CpuMs,
        startMiB,
        firstMiB,
        idleMiB,
        loadedMiB,
        peakMiB,
      };
    } finally {
      client.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

const root = repoRoot();
const cases = findExamples(root);
const functions = readYamlDocuments(join(root, 'compositions', 'functions.yaml')).map((f) => getString(f, 'metadata.name') ?? '');
const rows: Row[] = [];
for (const fn of functions.filter((f) => ONLY.size === 0 || ONLY.has(f))) {
  const c = largestExample(root, fn, cases);
  if (!c) {
    process.stderr.write(`${fn}: no example renders successfully, skipped\n`);
    continue;
  }
  rows.push(await benchOne(root, fn, c));
}

const header = [
  'function',
  'example',
  'request',
  'start→1st call',
  'CPU to 1st call',
  'p50',
  'p99',
  'seq calls/s',
  'c16 calls/s',
  'c16 p99',
  'CPU/call seq',
  'CPU/call c16',
  'RSS start',
  'RSS 1st call',
  'RSS idle',
  'RSS after load',
  'RSS peak',
];
const table = rows.map((r) => [
  r.fn,
  r.example.replace(/^examples\//, ''),
  `${(r.requestBytes / 1024).toFixed(1)} KiB`,
  `${r.startupMs.toFixed(0)} ms`,
  `${r.startupCpuMs.toFixed(0)} ms`,
  `${r.p50.toFixed(2)} ms`,
  `${r.p99.toFixed(2)} ms`,
  r.seqPerSec.toFixed(0),
  r.c16PerSec.toFixed(0),
  `${r.c16p99.toFixed(2)} ms`,
  `${r.seqCpuMs.toFixed(2)} ms`,
  `${r.c16CpuMs.toFixed(2)} ms`,
  `${r.startMiB.toFixed(0)} MiB`,
  `${r.firstMiB.toFixed(0)} MiB`,
  `${r.idleMiB.toFixed(0)} MiB`,
  `${r.loadedMiB.toFixed(0)} MiB`,
  `${r.peakMiB.toFixed(0)} MiB`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => (row[i] ?? '').length)));
const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
process.stdout.write(
  `Node ${process.version} (${TARGET}${TARGET === 'bundle' ? ` ${bundleNodeFlags().join(' ')}` : ''}), 200 warm-up, ${SEQUENTIAL_CALLS} sequential and ${CONCURRENT_CALLS} concurrent calls per function\n`,
);
process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${table.map(line).join('\n')}\n`);
