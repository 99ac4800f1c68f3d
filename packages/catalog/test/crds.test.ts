// The pinned third-party CRDs: every file is checked against its SHA-256,
// whichever source it comes from, and a file that does not match is refused.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materialiseCRDs, readCRDLock, type CRDLock } from '../src/index.js';

const CRD = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.org\n';
const sha = createHash('sha256').update(CRD).digest('hex');
const file = { name: 'example.org_widgets.yaml', path: 'crds/widgets.yaml', sha256: sha };

let dir: string;
let server: Server | undefined;
let requests: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crds-test-'));
  requests = [];
});

afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (server) {
    server.close();
    await once(server, 'close');
    server = undefined;
  }
});

/** A release server on 127.0.0.1 that serves `body` at every path it is asked for. */
async function releaseServer(body: string): Promise<string> {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/org/repo/v1.0.0/`;
}

function mirrorWith(content: string): string {
  const mirror = join(dir, 'mirror');
  mkdirSync(join(mirror, 'widgets'), { recursive: true });
  writeFileSync(join(mirror, 'widgets', file.name), content);
  return mirror;
}

test('a mirror file with the pinned hash is laid out as <source>/<name>, without asking the source', async () => {
  const url = await releaseServer('never asked');
  const lock: CRDLock = { widgets: { url, licence: 'Apache-2.0', files: [file] } };
  const out = await materialiseCRDs({ lock, mirror: mirrorWith(CRD), dir: join(dir, 'out') });
  expect(readFileSync(join(out, 'widgets', file.name), 'utf8')).toBe(CRD);
  expect(requests).toEqual([]);
});

test('a mirror file with another hash is refused, naming the file and both hashes', async () => {
  const lock: CRDLock = { widgets: { url: 'http://127.0.0.1:9/', licence: 'Apache-2.0', files: [file] } };
  await expect(materialiseCRDs({ lock, mirror: mirrorWith(`${CRD}# edited\n`), dir: join(dir, 'out') })).rejects.toThrow(
    new RegExp(`^widgets/example\\.org_widgets\\.yaml from .* has SHA-256 [0-9a-f]{64}, tools/crds\\.lock\\.yaml pins ${sha}$`),
  );
});

test('without a mirror, a file comes from its release URL and is checked there too', async () => {
  const url = await releaseServer(CRD);
  const lock: CRDLock = { widgets: { url, licence: 'Apache-2.0', files: [file] } };
  const out = await materialiseCRDs({ lock, mirror: null, dir: join(dir, 'out') });
  expect(readFileSync(join(out, 'widgets', file.name), 'utf8')).toBe(CRD);
  expect(requests).toEqual(['/org/repo/v1.0.0/crds/widgets.yaml']);

  const tampered: CRDLock = { widgets: { url, licence: 'Apache-2.0', files: [{ ...file, name: 'other.yaml', sha256: '0'.repeat(64) }] } };
  await expect(materialiseCRDs({ lock: tampered, mirror: null, dir: join(dir, 'out') })).rejects.toThrow(/other\.yaml from http:.* has SHA-256/);
});

test('a file already laid out with the pinned hash is kept', async () => {
  const url = await releaseServer(CRD);
  const lock: CRDLock = { widgets: { url, licence: 'Apache-2.0', files: [file] } };
  await materialiseCRDs({ lock, mirror: null, dir: join(dir, 'out') });
  await materialiseCRDs({ lock, mirror: null, dir: join(dir, 'out') });
  expect(requests).toHaveLength(1);
});

test('the lock pins every source by module@version or URL, and every file by a SHA-256', () => {
  const lock = readCRDLock();
  expect(Object.keys(lock).length).toBeGreaterThanOrEqual(10);
  for (const [source, spec] of Object.entries(lock)) {
    expect({
      source,
      pinned: (spec.module ?? '').match(/^[\w./-]+@v\d+\.\d+\.\d+$/) !== null || (spec.url ?? '').match(/^https:\/\/[^/]+\/.+\/[^/]+\/$/) !== null,
    }).toEqual({ source, pinned: true });
    for (const f of spec.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});
