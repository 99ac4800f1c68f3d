// The serving certificate: reloaded when its files change; self-signed for development.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCert, watchCertFiles } from '@appcat/billing-api';

describe('serving certificate', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'billing-tls-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a self-signed certificate for the names given', async () => {
    const cert = new X509Certificate((await selfSignedCert(['billing-api.billing-system.svc', '127.0.0.1'])).cert);
    expect(cert.subjectAltName).toBe('DNS:billing-api.billing-system.svc, IP Address:127.0.0.1');
    expect(cert.checkHost('billing-api.billing-system.svc')).toBe('billing-api.billing-system.svc');
  });

  it('calls back with the new pair when the files change', async () => {
    const [a, b] = [await selfSignedCert(['a.svc']), await selfSignedCert(['b.svc'])];
    const certFile = join(dir, 'tls.crt');
    const keyFile = join(dir, 'tls.key');
    writeFileSync(certFile, a.cert);
    writeFileSync(keyFile, a.key);
    const seen: string[] = [];
    const stop = watchCertFiles(
      certFile,
      keyFile,
      (c) => seen.push(new X509Certificate(c.cert).subjectAltName ?? ''),
      (err) => seen.push(`error: ${err.message}`),
      20,
    );
    try {
      // A later mtime than the first write, whatever the file system's timestamp resolution.
      await new Promise((r) => setTimeout(r, 50));
      writeFileSync(certFile, b.cert);
      writeFileSync(keyFile, b.key);
      const deadline = Date.now() + 10_000;
      while (!seen.includes('DNS:b.svc') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(seen).toContain('DNS:b.svc');
    } finally {
      stop();
    }
  });
});
