// The WebAssembly engine against native Go on the same templates: both are
// built from tools/template-wasm by tools/build.sh.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { defaultBinDir } from '@appcat/testenv';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { type TemplateEngine, TemplateError, loadTemplateEngine, templateEngine } from '../src/template/engine.js';
import { renderResource } from '../src/template/resources.js';

interface Rendered {
  output: string;
  error?: string;
}

const data = {
  vars: { ingressHost: 'app.example.com', n: 3 },
  plug: { metadata: { name: 'express', namespace: 'shop' } },
  socket: { metadata: { name: 'mongo', namespace: 'db' } },
  plugConfig: { hello: 'world', list: 'a,b,c' },
  result: { resultJob: '1' },
};

const templates = [
  '{% .vars.ingressHost %}',
  '{%- if (eq .result.resultJob "1") %}\nkind: Job\n{%- end %}',
  '{% .plugConfig.hello | upper %} {% b64enc "secret" %} {% .plug.metadata.namespace %}',
  '{% range splitList "," .plugConfig.list %}[{% . %}]{% end %}',
  '{% .missing.key %}|{% .plugConfig.absent %}',
  '{% default "fallback" .plugConfig.absent %} {% .vars.n | add 1 %} {% quote .socket.metadata.name %}',
  '{% dict "a" 1 | toJson %} {% sha256sum "x" %} {% trunc 3 "abcdef" %}',
  'no template at all: {{ .braces }} stay',
  '',
  '{"apiVersion":"v1","kind":"ConfigMap","data":{"id":"1 % {"}}',
  '{% .plugConfig.hello',
  '{% fail "nope" %}',
  '{% index .vars "nope" "deeper" %}',
];

describe('template engine (WebAssembly) against native Go', () => {
  let engine: TemplateEngine;
  let native: ChildProcessWithoutNullStreams | undefined;
  let nextLine: () => Promise<string>;

  beforeAll(async () => {
    engine = await loadTemplateEngine(join(defaultBinDir(), 'template.wasm'));
    native = spawn(join(defaultBinDir(), 'template-native'), [], { stdio: 'pipe' });
    const lines = createInterface({ input: native.stdout })[Symbol.asyncIterator]();
    nextLine = async () => String((await lines.next()).value);
  });

  afterAll(() => {
    native?.kill();
  });

  async function renderNative(template: string): Promise<Rendered> {
    native!.stdin.write(JSON.stringify({ template, data }) + '\n');
    return JSON.parse(await nextLine()) as Rendered;
  }

  function renderWasm(template: string): Rendered {
    try {
      return { output: engine.render(template, data) };
    } catch (err) {
      if (err instanceof TemplateError) return { output: '', error: err.message };
      throw err;
    }
  }

  it.each(templates)('renders %j exactly as native Go', async (template) => {
    expect(renderWasm(template)).toEqual(await renderNative(template));
  });

  it('renders the seed examples with {% %} delimiters and sprig', () => {
    expect(renderWasm('{% .vars.ingressHost %}')).toEqual({ output: 'app.example.com' });
    expect(renderWasm('{% .plugConfig.hello | upper %} {% b64enc "secret" %} {% .plug.metadata.namespace %}')).toEqual({
      output: 'WORLD c2VjcmV0 shop',
    });
    expect(renderWasm('{% .plugConfig.hello')).toEqual({ output: '', error: expect.stringContaining('unclosed action') as string });
  });

  it('renders resource templates to objects, skipping empty output', () => {
    const job = renderResource(
      engine,
      {
        stringTemplate: '{%- if (eq .result.resultJob "1") %}\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: my-result-job\n{%- end %}',
        template: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { host: '{% .vars.ingressHost %}' } },
      },
      data,
    );
    expect(job).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { host: 'app.example.com' } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'my-result-job' } },
    ]);
    expect(renderResource(engine, { stringTemplate: '{%- if false %}kind: X{% end %}' }, data)).toEqual([]);
  });
});

describe('template engine start', () => {
  it('starts the Go module only for a text that holds an action', () => {
    // Not a wasm module: nothing fails until something must be evaluated.
    const path = join(tmpdir(), `not-a-template-engine-${process.pid}.wasm`);
    writeFileSync(path, 'not wasm');
    const lazy = templateEngine(path);
    expect(lazy.render('kind: ConfigMap\ndata: {a: "{ % }"}', {})).toBe('kind: ConfigMap\ndata: {a: "{ % }"}');
    expect(() => lazy.render('{% .a %}', { a: 1 })).toThrow(/WebAssembly.Module\(\)/);
  });

  it('names a missing engine file', () => {
    expect(() => templateEngine(join(tmpdir(), 'missing', 'template.wasm'))).toThrow(
      /template\.wasm not found; build it with tools\/build\.sh template-wasm/,
    );
  });
});
