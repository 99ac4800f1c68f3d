// The apparatus client against a loopback HTTP server.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Plug } from '../src/api/types.js';
import { ApparatusClient, ApparatusError } from '../src/apparatus/client.js';

const owner = (endpoint?: string): Plug => ({
  apiVersion: 'integration.appcat.vshn.io/v1beta1',
  kind: 'Plug',
  metadata: { name: 'app', namespace: 'shop' },
  spec: { socket: { name: 'db' }, apparatus: { ...(endpoint !== undefined ? { endpoint } : {}), containers: [{ name: 'a', image: 'a' }] } },
});

describe('ApparatusClient', () => {
  let server: Server;
  let base = '';
  const seen: string[] = [];
  let failures = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
      if (req.url === '/flaky' && failures-- > 0) return void res.writeHead(503).end();
      if (req.url === '/bad') return void res.writeHead(400).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end('{}'), 500);
      if (req.url === '/text') return void res.writeHead(200).end('not json');
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'GET' ? '' : '{"ok":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  it('addresses the apparatus service of the owner, a full URL as it is, or an override', () => {
    const client = new ApparatusClient();
    expect(client.baseUrl(owner('/socket/'))).toBe('http://app-plug-apparatus.shop.svc.cluster.local/socket');
    expect(client.baseUrl(owner())).toBe('http://app-plug-apparatus.shop.svc.cluster.local');
    expect(client.baseUrl(owner('https://apparatus.example.com/x/'))).toBe('https://apparatus.example.com/x');
    expect(new ApparatusClient({ endpointOverride: () => base }).baseUrl(owner('/socket'))).toBe(base);
  });

  it('pings with GET and posts JSON', async () => {
    const client = new ApparatusClient({ endpointOverride: () => base });
    await client.ping(owner());
    expect(await client.post(owner(), '/coupled', { version: '1' })).toEqual({ ok: true });
    expect(seen).toEqual(['GET /ping', 'POST /coupled']);
  });

  it('retries 5xx answers a bounded number of times', async () => {
    const client = new ApparatusClient({ endpointOverride: () => base, retries: 2, retryDelayMs: 1 });
    failures = 2;
    expect(await client.post(owner(), '/flaky', {})).toEqual({ ok: true });
    failures = 5;
    await expect(client.post(owner(), '/flaky', {})).rejects.toThrow('apparatus POST /flaky answered HTTP 503');
    expect(seen.filter((s) => s === 'POST /flaky')).toHaveLength(6);
  });

  it('does not retry a 4xx answer, and rejects what is not JSON', async () => {
    const client = new ApparatusClient({ endpointOverride: () => base, retries: 3, retryDelayMs: 1 });
    await expect(client.post(owner(), '/bad', {})).rejects.toThrow(new ApparatusError('apparatus POST /bad answered HTTP 400', false));
    expect(seen).toEqual(['POST /bad']);
    await expect(client.post(owner(), '/text', {})).rejects.toThrow('invalid JSON');
  });

  it('gives up on a request after its timeout, and tells an unreachable apparatus apart', async () => {
    const client = new ApparatusClient({ endpointOverride: () => base, timeoutMs: 50, retries: 0 });
    await expect(client.post(owner(), '/slow', {})).rejects.toMatchObject({ unreachable: true });
    const nowhere = new ApparatusClient({ endpointOverride: () => 'http://127.0.0.1:1', retries: 0 });
    await expect(nowhere.post(owner(), '/coupled', {})).rejects.toMatchObject({ unreachable: true });
  });
});
