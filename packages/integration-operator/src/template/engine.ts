// Go's text/template with sprig, compiled to a WASI reactor (tools/template-wasm),
// so plugs and sockets written for the Go operator render byte for byte the
// same. One instance lives for the process: starting the Go runtime costs far
// more than a render. It starts with the first text that holds an action, so
// an operator whose plugs and sockets template nothing never pays its ~30 MiB.
import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASI } from 'node:wasi';

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

// The repo compiles against ES2023 without the DOM library, which is where
// TypeScript declares WebAssembly: the few members used here, typed locally.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmInstance {
  readonly exports: Record<string, unknown>;
}
interface WasmGlobal {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => WasmInstance;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmGlobal }).WebAssembly;

interface ReactorExports {
  memory: WasmMemory;
  alloc(size: number): number;
  free(pointer: number): void;
  render(pointer: number, size: number): bigint;
}

export interface TemplateEngine {
  /** Renders a template with {% %} delimiters over data (JSON-serialisable). */
  render(template: string, data: Record<string, unknown>): string;
}

/** $INTEGRATION_TEMPLATE_WASM, else <repo>/bin/template.wasm (tools/build.sh template-wasm). */
export function defaultWasmPath(): string {
  const fromEnv = process.env['INTEGRATION_TEMPLATE_WASM'];
  if (fromEnv) return resolve(fromEnv);
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return join(dir, 'bin', 'template.wasm');
  }
  throw new Error('template engine: set INTEGRATION_TEMPLATE_WASM to the path of template.wasm');
}

/**
 * The Go runtime's collector target inside the engine: 25 keeps the engine's
 * linear memory (which never shrinks) at 9.5 MiB after 5,000 renders of a
 * plug's resource, against 12.5 MiB with Go's default of 100, for the same
 * CPU per render (about 0.9 ms).
 */
const ENGINE_GOGC = '25';

const engines = new Map<string, WasmTemplateEngine>();

/** The engine of a wasm file, one per process; it starts with the first template that needs it. */
export function templateEngine(path = defaultWasmPath()): TemplateEngine {
  const known = engines.get(path);
  if (known) return known;
  if (!existsSync(path)) throw new Error(`template engine: ${path} not found; build it with tools/build.sh template-wasm`);
  const engine = new WasmTemplateEngine(path);
  engines.set(path, engine);
  return engine;
}

/** The engine of a wasm file, started now. */
export function loadTemplateEngine(path = defaultWasmPath()): Promise<TemplateEngine> {
  const engine = templateEngine(path);
  engine.render('{% "" %}', {});
  return Promise.resolve(engine);
}

/** Compiles and starts the Go module (synchronously: render is synchronous, and this happens once). */
function instantiate(path: string): ReactorExports {
  // V8's optimising tier would compile the ~11 MB Go module a second time in
  // the background (tens of MiB, growing with use); its baseline code renders
  // a template in about a millisecond, which is plenty. Set before compiling.
  // Not --liftoff-only: on Node 24 (the image's) that compiles every function
  // of the module eagerly, 118 MiB RSS after 5,000 renders against 90 MiB.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  const wasi = new WASI({ version: 'preview1', args: [], env: { GOGC: ENGINE_GOGC }, returnOnExit: true });
  const instance = new wasmApi.Instance(new wasmApi.Module(readFileSync(path)), wasi.getImportObject());
  wasi.initialize(instance);
  return instance.exports as unknown as ReactorExports;
}

class WasmTemplateEngine implements TemplateEngine {
  private started: ReactorExports | undefined;

  constructor(private readonly path: string) {}

  render(template: string, data: Record<string, unknown>): string {
    // Text without an action is its own output in text/template.
    if (!template.includes('{%')) return template;
    const response = JSON.parse(this.call(JSON.stringify({ template, data }))) as { output: string; error?: string };
    if (response.error) throw new TemplateError(response.error);
    return response.output;
  }

  private get wasm(): ReactorExports {
    this.started ??= instantiate(this.path);
    return this.started;
  }

  private call(request: string): string {
    const bytes = Buffer.from(request, 'utf8');
    const input = this.wasm.alloc(bytes.length);
    new Uint8Array(this.wasm.memory.buffer, input, bytes.length).set(bytes);
    const packed = this.wasm.render(input, bytes.length);
    this.wasm.free(input);
    const output = Number(packed >> 32n);
    const length = Number(packed & 0xffffffffn);
    // memory.buffer may have grown during render: read it afresh.
    const text = Buffer.from(this.wasm.memory.buffer, output, length).toString('utf8');
    this.wasm.free(output);
    return text;
  }
}
