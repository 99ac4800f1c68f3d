// The serving certificate: from files (a mounted Secret), reloaded when they
// change, or self-signed for development. The client CAs of the TLS server
// (which client certificates it asks for) follow the authentication
// ConfigMap; verification itself is in auth/authenticator.ts.
import 'reflect-metadata';
import { readFileSync, watchFile, unwatchFile } from 'node:fs';
import { webcrypto } from 'node:crypto';
import type * as tls from 'node:tls';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto);

export interface ServingCert {
  cert: string;
  key: string;
  /** PEM of the CA a client verifies the serving certificate with (the APIService caBundle). */
  ca: string;
}

export async function selfSignedCert(dnsNames: string[]): Promise<ServingCert> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: webcrypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + (b & 0x7f).toString(16).padStart(2, '0'), ''),
    name: [{ CN: [dnsNames[0] ?? 'billing-api'] }],
    notBefore: new Date(now - 5 * 60_000),
    notAfter: new Date(now + 365 * 24 * 3600_000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension(
        dnsNames.map((value) => (/^[0-9.]+$/.test(value) ? { type: 'ip' as const, value } : { type: 'dns' as const, value })),
        false,
      ),
    ],
  });
  const der = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const pem = cert.toString('pem');
  return { cert: pem, key: x509.PemConverter.encode(der, 'PRIVATE KEY'), ca: pem };
}

export function readCertFiles(certFile: string, keyFile: string): ServingCert {
  const cert = readFileSync(certFile, 'utf8');
  return { cert, key: readFileSync(keyFile, 'utf8'), ca: cert };
}

/** Calls `onChange` with the new pair whenever either file changes; returns a stop function. */
export function watchCertFiles(
  certFile: string,
  keyFile: string,
  onChange: (cert: ServingCert) => void,
  onError: (err: Error) => void,
  intervalMs = 10_000,
): () => void {
  // Polling, not inotify: Secret volumes swap a symlink, which fs.watch misses.
  const reload = (): void => {
    try {
      onChange(readCertFiles(certFile, keyFile));
    } catch (err) {
      onError(err as Error);
    }
  };
  watchFile(certFile, { interval: intervalMs }, reload);
  watchFile(keyFile, { interval: intervalMs }, reload);
  return () => {
    unwatchFile(certFile, reload);
    unwatchFile(keyFile, reload);
  };
}

export function secureContextOptions(serving: ServingCert, clientCAs: string[]): tls.SecureContextOptions {
  // Without a CA list Node would advertise the public roots, and Go clients
  // (kube-apiserver's proxy) then send no certificate at all.
  return { cert: serving.cert, key: serving.key, ...(clientCAs.length > 0 ? { ca: clientCAs } : {}) };
}
