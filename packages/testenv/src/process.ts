// Child-process plumbing for the test environment: start with logs captured
// to a file, stop gracefully, and never let a child outlive the test process.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';

export interface Child {
  name: string;
  proc: ChildProcess;
  logFile: string;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<void>;
}

// Everything to clean up synchronously if the test process goes away first.
const liveChildren = new Set<ChildProcess>();
const liveDirs = new Set<string>();

function cleanupSync(): void {
  for (const proc of liveChildren) proc.kill('SIGKILL');
  liveChildren.clear();
  for (const dir of liveDirs) rmSync(dir, { recursive: true, force: true });
  liveDirs.clear();
}

// 'exit' covers normal ends and process.exit(); fatal signals skip 'exit', so
// catch them, clean up, and re-raise with default handling. The binaries also
// die with their parent (TESTENV_PARENT_PID, see tools/kube-apiserver/internal/diewithparent, tools/crank/diewithparent)
// for the case nothing here can catch: SIGKILL of the test process.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let hooked = false;
function onSignal(sig: NodeJS.Signals): void {
  cleanupSync();
  unhook();
  process.kill(process.pid, sig);
}
function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', cleanupSync);
  for (const sig of SIGNALS) process.on(sig, onSignal);
}
function unhook(): void {
  if (!hooked) return;
  hooked = false;
  process.off('exit', cleanupSync);
  for (const sig of SIGNALS) process.off(sig, onSignal);
}
function maybeUnhook(): void {
  if (liveChildren.size === 0 && liveDirs.size === 0) unhook();
}

/** Registers a temp dir to delete at process exit; returns a function that removes it now. */
export function trackDir(dir: string): () => void {
  liveDirs.add(dir);
  hook();
  return () => {
    rmSync(dir, { recursive: true, force: true });
    liveDirs.delete(dir);
    maybeUnhook();
  };
}

export function startProcess(name: string, bin: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = {}): Child {
  const fd = openSync(logFile, 'a');
  const proc = spawn(bin, args, {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env, TESTENV_PARENT_PID: String(process.pid) },
  });
  closeSync(fd);
  liveChildren.add(proc);
  hook();
  const exited = new Promise<void>((resolve) => {
    const done = (): void => {
      liveChildren.delete(proc);
      maybeUnhook();
      resolve();
    };
    proc.once('exit', done);
    proc.once('error', done); // e.g. spawn failure: no 'exit' follows
  });
  return { name, proc, logFile, exited };
}

export function isRunning(child: Child): boolean {
  return child.proc.pid !== undefined && child.proc.exitCode === null && child.proc.signalCode === null;
}

/** SIGTERM, then SIGKILL after graceMs. Safe to call on an exited process. */
export async function stopProcess(child: Child, graceMs = 5000): Promise<void> {
  if (isRunning(child)) {
    child.proc.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        resolve(true);
      }, graceMs);
    });
    if (await Promise.race([child.exited.then(() => false), timedOut])) child.proc.kill('SIGKILL');
    clearTimeout(timer);
  }
  await child.exited;
}

/** The last lines of a child's log, for error messages. */
export function logTail(child: Child, lines = 30): string {
  let text = '';
  try {
    text = readFileSync(child.logFile, 'utf8');
  } catch {
    return `(no log at ${child.logFile})`;
  }
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('could not allocate a port');
  return port;
}

/**
 * `count` distinct free ports on 127.0.0.1. Every listener stays open until
 * all are allocated: closed one by one, the kernel may hand out the same port
 * twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = Array.from({ length: count }, () => createServer());
  try {
    const ports: number[] = [];
    for (const srv of servers) {
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', resolve);
      });
      const addr = srv.address();
      if (addr === null || typeof addr === 'string') throw new Error('could not allocate a port');
      ports.push(addr.port);
    }
    return ports;
  } finally {
    await Promise.all(
      servers.map(
        (srv) =>
          new Promise<void>((resolve) => {
            if (srv.listening)
              srv.close(() => {
                resolve();
              });
            else resolve();
          }),
      ),
    );
  }
}
