// Runs the real kubectl (bin/kubectl, built with kube-apiserver) and keeps a
// transcript of what was run and printed.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultBinDir } from '@appcat/testenv';

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

export function kubectlPath(): string {
  const path = join(defaultBinDir(), 'kubectl');
  if (!existsSync(path)) throw new Error(`${path} not found; build it with tools/build.sh kubectl (make tools)`);
  return path;
}

export class Kubectl {
  readonly transcript: string[] = [];
  /** The kubeconfig file of each user name used in run() and start(). */
  readonly kubeconfigs: Record<string, string> = {};

  run(as: string, args: string[], stdin?: string, env: Record<string, string> = {}): Promise<Result> {
    const kubeconfig = this.kubeconfigs[as];
    if (!kubeconfig) throw new Error(`no kubeconfig for ${as}`);
    return new Promise((resolve) => {
      const child = execFile(
        kubectlPath(),
        ['--kubeconfig', kubeconfig, ...args],
        { timeout: 30_000, encoding: 'utf8', env: { ...process.env, ...env } },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          const lines = stdin?.trimEnd().split('\n') ?? [];
          const input = lines.length === 0 ? '' : lines.length <= 20 ? ` <<EOF\n${lines.join('\n')}\nEOF` : ` < (${lines.length} lines)`;
          const prefix = Object.entries(env)
            .map(([k, v]) => `${k}=${JSON.stringify(v)} `)
            .join('');
          this.transcript.push(`[${as}]$ ${prefix}kubectl ${args.join(' ')}${input}\n${(stdout + stderr).trimEnd()}`);
          resolve({ code, stdout, stderr });
        },
      );
      if (stdin !== undefined) child.stdin?.end(stdin);
    });
  }

  /** A long-running kubectl (get -w); the caller stops it. */
  start(as: string, args: string[]): { child: ChildProcess; output: () => string; stop: () => Promise<void> } {
    const kubeconfig = this.kubeconfigs[as] ?? '';
    const child = spawn(kubectlPath(), ['--kubeconfig', kubeconfig, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    return {
      child,
      output: () => out,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        this.transcript.push(`[${as}]$ kubectl ${args.join(' ')}\n${out.trimEnd()}\n^C`);
      },
    };
  }
}
