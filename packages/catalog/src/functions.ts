// Runs our functions locally for the Crossplane CLI: each one as a node
// process serving insecure gRPC on a free 127.0.0.1 port, and a functions
// file whose Development runtime annotation makes `render` dial them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { stringify } from 'yaml';
import { getString, readYamlDocuments } from '@appcat/runtime';

export interface RunningFunctions {
  /** The functions file to pass to `crossplane render`. */
  functionsFile: string;
  /** Function name → 127.0.0.1 port. */
  ports: Map<string, number>;
  /** Sends SIGTERM to every function; resolves to each one's exit code. */
  stop(): Promise<Map<string, number | null>>;
}

/** The workspace package of a Function: function-appcat-<service> → packages/function-<service>. */
export function packageDirOf(root: string, functionName: string): string {
  return join(root, 'packages', functionName.replace(/^function-appcat-/, 'function-'));
}

/** Spawns a function; `port` resolves once it logs the port it bound. */
function startOne(root: string, name: string): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [join(packageDirOf(root, name), 'dist', 'main.js'), '--insecure', '--address', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = new Promise<number>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('exit', (code) => {
      reject(new Error(`${name} exited with ${code} before listening: ${stderr}`));
    });
    // The server logs the port it bound as JSON on its first line.
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { port?: number };
        if (typeof entry.port === 'number') {
          lines.close();
          child.stdout.resume();
          child.removeAllListeners('exit');
          resolve(entry.port);
        }
      } catch {
        // not a log line of ours
      }
    });
  });
  return { child, port };
}

/** Starts the Functions of compositions/functions.yaml; with `only`, just those named. */
export async function startFunctions(root: string, only?: ReadonlySet<string>): Promise<RunningFunctions> {
  const manifests = readYamlDocuments(join(root, 'compositions', 'functions.yaml')).filter(
    (f) => !only || only.has(getString(f, 'metadata.name') ?? ''),
  );
  const dir = mkdtempSync(join(tmpdir(), 'appcat-render-'));
  const children = new Map<string, ChildProcess>();
  const ports = new Map<string, number>();
  const stop = async (): Promise<Map<string, number | null>> => {
    const codes = await Promise.all(
      [...children].map(
        ([name, c]) =>
          new Promise<[string, number | null]>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) {
              resolve([name, c.exitCode]);
              return;
            }
            c.once('exit', (code) => {
              resolve([name, code]);
            });
            c.kill('SIGTERM');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
    return new Map(codes);
  };
  try {
    const started = await Promise.all(
      manifests.map(async (fn) => {
        const name = getString(fn, 'metadata.name') ?? '';
        // Registered before it listens, so a failure elsewhere still stops it.
        const started = startOne(root, name);
        children.set(name, started.child);
        const port = await started.port;
        ports.set(name, port);
        return {
          ...fn,
          metadata: {
            name,
            annotations: {
              'render.crossplane.io/runtime': 'Development',
              'render.crossplane.io/runtime-development-target': `127.0.0.1:${port}`,
            },
          },
        };
      }),
    );
    const functionsFile = join(dir, 'functions.yaml');
    writeFileSync(functionsFile, started.map((f) => stringify(f)).join('---\n'));
    return { functionsFile, ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
