// The function server over real gRPC on loopback: insecure, mutual TLS,
// message limits and graceful stop.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { pino } from 'pino';
import { RunFunctionRequest, Severity, type RunFunctionResponse } from '@crossplane-org/function-sdk-typescript';
import { FunctionRunnerClient } from '../src/client.js';
import { createCertificateAuthority, type KeyPair } from '@appcat/testenv';
import { createLogger } from '../src/log.js';
import { bindAddress, DEFAULT_OPTIONS, parseServerArgs, startServer, type RunningServer, type ServerOptions } from '../src/server.js';
import type { RunFunction } from '../src/function.js';
import { testFunction } from './fixtures.js';

const quiet = createLogger(false);
quiet.level = 'silent';

const request = (extra: Record<string, unknown> = {}): RunFunctionRequest =>
  RunFunctionRequest.fromJSON({
    meta: { tag: 'server-test' },
    input: { configMaps: [{ name: 'settings' }] },
    observed: { composite: { resource: { apiVersion: 'example.org/v1', kind: 'XThing', metadata: { name: 'thing-1' }, spec: {}, ...extra } } },
  });

function call(client: FunctionRunnerClient, req: RunFunctionRequest): Promise<RunFunctionResponse> {
  return client.runFunction(req);
}

const servers: RunningServer[] = [];
const clients: FunctionRunnerClient[] = [];
async function serve(opts: Partial<ServerOptions>, run: RunFunction = testFunction): Promise<RunningServer> {
  const server = await startServer(run, { ...DEFAULT_OPTIONS, address: '127.0.0.1:0', ...opts }, quiet);
  servers.push(server);
  return server;
}
function client(port: number, creds = grpc.credentials.createInsecure(), options: grpc.ClientOptions = {}): FunctionRunnerClient {
  const c = new FunctionRunnerClient(`127.0.0.1:${port}`, creds, options);
  clients.push(c);
  return c;
}

afterEach(async () => {
  clients.splice(0).forEach((c) => {
    c.close();
  });
  await Promise.all(servers.splice(0).map((s) => s.stop(100)));
});

describe('flags', () => {
  test('defaults follow Crossplane: :9443, mutual TLS from /tls/server, 4 MiB', () => {
    expect(parseServerArgs([], {})).toEqual({
      address: ':9443',
      insecure: false,
      tlsServerCertsDir: '/tls/server',
      maxRecvMessageSizeMiB: 4,
      debug: false,
    });
  });

  test('accepts every flag, and the certificate directory from the environment', () => {
    expect(
      parseServerArgs(['--address', '127.0.0.1:9000', '--insecure', '--max-recv-message-size', '16', '--debug'], { TLS_SERVER_CERTS_DIR: '/certs' }),
    ).toEqual({
      address: '127.0.0.1:9000',
      insecure: true,
      tlsServerCertsDir: '/certs',
      maxRecvMessageSizeMiB: 16,
      debug: true,
    });
    expect(parseServerArgs(['--tls-server-certs-dir', '/flag'], { TLS_SERVER_CERTS_DIR: '/env' }).tlsServerCertsDir).toBe('/flag');
  });

  test('rejects a size that is not a whole number of MiB, and unknown flags', () => {
    expect(() => parseServerArgs(['--max-recv-message-size', '0.5'])).toThrow(/--max-recv-message-size: "0.5" is not a whole number/);
    expect(() => parseServerArgs(['--port', '1'])).toThrow(/Unknown option '--port'/);
  });

  test(':port means every interface', () => {
    expect(bindAddress(':9443')).toBe('[::]:9443');
    expect(bindAddress('127.0.0.1:9443')).toBe('127.0.0.1:9443');
  });
});

describe('requests the decoder cannot read', () => {
  test('a composite nested deeper than the decoder reads is a FATAL result, not a gRPC error', async () => {
    const server = await serve({ insecure: true });
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 40; i++) deep = { n: deep };
    const rsp = await call(client(server.port), request({ spec: { parameters: { service: { pgSettings: deep } } } }));
    expect(rsp.results.map((r) => [r.severity, r.message])).toEqual([
      [
        Severity.SEVERITY_FATAL,
        'the composite nests objects deeper than the function can read (about 30 levels); free-form settings such as spec.parameters.service.pgSettings take flat values',
      ],
    ]);
    expect(rsp.desired).toBeUndefined();
    // The server goes on serving readable requests.
    expect((await call(client(server.port), request())).results.filter((r) => r.severity === Severity.SEVERITY_FATAL)).toEqual([]);
  });
});

describe('every interface', () => {
  test('`:port` serves on IPv6 and IPv4 loopback alike', async () => {
    const server = await serve({ insecure: true, address: ':0' });
    for (const host of ['127.0.0.1', '[::1]']) {
      const c = new FunctionRunnerClient(`${host}:${server.port}`, grpc.credentials.createInsecure());
      clients.push(c);
      expect((await call(c, request())).meta?.tag).toBe('server-test');
    }
  });
});

describe('insecure', () => {
  test('serves RunFunction and echoes the tag', async () => {
    const server = await serve({ insecure: true });
    const rsp = await call(client(server.port), request());
    expect(rsp.meta?.tag).toBe('server-test');
    expect(Object.keys(rsp.desired?.resources ?? {})).toEqual(['settings']);
  });

  test('at debug level each call writes one line naming its tag and composite; at info level none', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    for (const level of ['debug', 'info']) {
      lines.length = 0;
      const server = await startServer(testFunction, { ...DEFAULT_OPTIONS, address: '127.0.0.1:0', insecure: true }, pino({ level }, sink));
      servers.push(server);
      await call(client(server.port), request());
      const calls = lines.filter((l) => l['msg'] === 'RunFunction');
      if (level === 'debug') {
        expect(calls).toEqual([expect.objectContaining({ tag: 'server-test', composite: 'thing-1', results: 0, ms: expect.any(Number) as unknown })]);
      } else {
        expect(calls).toEqual([]);
      }
    }
  });

  test('a bind failure is an error that names the address', async () => {
    const first = await serve({ insecure: true });
    await expect(serve({ insecure: true, address: `127.0.0.1:${first.port}` })).rejects.toThrow(`cannot listen on 127.0.0.1:${first.port}`);
  });
});

describe('message size', () => {
  // An observed composite carrying ~5 MiB, above the 4 MiB default.
  const big = request({ blob: 'x'.repeat(5 * 1024 * 1024) });

  test('a request over the limit is refused', async () => {
    const server = await serve({ insecure: true });
    await expect(call(client(server.port, undefined, { 'grpc.max_send_message_length': -1 }), big)).rejects.toMatchObject({
      code: grpc.status.RESOURCE_EXHAUSTED,
    });
  });

  test('the same request is served under a raised limit', async () => {
    const server = await serve({ insecure: true, maxRecvMessageSizeMiB: 8 });
    const rsp = await call(client(server.port, undefined, { 'grpc.max_send_message_length': -1 }), big);
    expect(rsp.meta?.tag).toBe('server-test');
  });
});

describe('mutual TLS', () => {
  let dir: string;
  let clientPair: KeyPair;
  let strangerPair: KeyPair;
  let caPem: string;

  beforeAll(async () => {
    const ca = await createCertificateAuthority('crossplane-root-ca');
    const stranger = await createCertificateAuthority('someone-else');
    const serverPair = await ca.issue({ commonName: 'function', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' });
    clientPair = await ca.issue({ commonName: 'crossplane', usage: 'client' });
    strangerPair = await stranger.issue({ commonName: 'crossplane', usage: 'client' });
    caPem = ca.certPem;
    dir = mkdtempSync(join(tmpdir(), 'fn-tls-'));
    writeFileSync(join(dir, 'ca.crt'), ca.certPem);
    writeFileSync(join(dir, 'tls.crt'), serverPair.certPem);
    writeFileSync(join(dir, 'tls.key'), serverPair.keyPem);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const tls = (pair?: KeyPair): grpc.ChannelCredentials =>
    grpc.credentials.createSsl(Buffer.from(caPem), pair ? Buffer.from(pair.keyPem) : null, pair ? Buffer.from(pair.certPem) : null);

  test('a client with a certificate signed by ca.crt is served', async () => {
    const server = await serve({ tlsServerCertsDir: dir });
    expect((await call(client(server.port, tls(clientPair)), request())).meta?.tag).toBe('server-test');
  });

  test('a client without a certificate is refused', async () => {
    const server = await serve({ tlsServerCertsDir: dir });
    await expect(call(client(server.port, tls()), request())).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  test('a client whose certificate another CA signed is refused', async () => {
    const server = await serve({ tlsServerCertsDir: dir });
    await expect(call(client(server.port, tls(strangerPair)), request())).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  test('a plaintext client is refused', async () => {
    const server = await serve({ tlsServerCertsDir: dir });
    await expect(call(client(server.port), request())).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });

  test('missing certificates fail the start with the file named', async () => {
    await expect(serve({ tlsServerCertsDir: join(dir, 'nope') })).rejects.toThrow(/ca\.crt/);
  });
});

describe('graceful stop', () => {
  test('an in-flight call finishes, then new calls are refused', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: RunFunction = async (req) => {
      await gate;
      return testFunction(req);
    };
    const server = await serve({ insecure: true }, slow);
    const c = client(server.port);
    const inFlight = call(c, request());
    await new Promise((r) => setTimeout(r, 100));
    const stopped = server.stop(5_000);
    release();
    await expect(inFlight).resolves.toMatchObject({ meta: { tag: 'server-test' } });
    await stopped;
    await expect(call(client(server.port), request())).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
  });
});
