// The pinned CRDs from their real sources: through the mirror when there is
// one, and from the Go module itself (the module proxy) without it.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { materialiseCRDs, readCRDLock } from '@appcat/catalog';

test('every locked CRD is laid out with its pinned hash', async () => {
  const dir = await materialiseCRDs();
  for (const [source, spec] of Object.entries(readCRDLock())) {
    for (const f of spec.files) {
      expect(
        createHash('sha256')
          .update(readFileSync(join(dir, source, f.name)))
          .digest('hex'),
      ).toBe(f.sha256);
    }
  }
}, 300_000);

test('a module source is read from the Go module cache when there is no mirror', async () => {
  const sources = readCRDLock();
  const sql = sources['provider-sql'];
  expect(sql?.module).toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'crds-module-'));
  try {
    const out = await materialiseCRDs({ lock: { 'provider-sql': sql! }, mirror: null, dir });
    expect(readFileSync(join(out, 'provider-sql', 'postgresql.sql.crossplane.io_roles.yaml'), 'utf8')).toContain('kind: CustomResourceDefinition');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 300_000);
