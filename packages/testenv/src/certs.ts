// A throw-away PKI for tests: one CA per call, leaf certificates for servers
// and clients (mTLS for gRPC, kube-apiserver, etcd, aggregated API servers).
//
// Built on @peculiar/x509 over Node's native WebCrypto: ECDSA P-256 keys are
// generated natively in ~1 ms (node-forge can only make RSA keys, in pure JS,
// which is slow), it is typed TypeScript, maintained, and has no native
// add-ons. Keys are exported as PKCS#8 PEM ("BEGIN PRIVATE KEY"), which Node
// tls, grpc-js, Go's crypto/tls (kube-apiserver, etcd) all read.
// @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect
// metadata polyfill loaded first.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// lib is ES2023 (no DOM), so WebCrypto types come from node:crypto.
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(webcrypto);

export interface KeyPair {
  certPem: string;
  keyPem: string;
}

export interface IssueOptions {
  commonName: string;
  /** Subject O= entries; Kubernetes reads them as the user's groups. */
  organizations?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: 'server' | 'client' | 'both';
}

export interface CertificateAuthority extends KeyPair {
  issue(opts: IssueOptions): Promise<KeyPair>;
  /**
   * An intermediate CA signed by this one. Its leaves' certPem holds the leaf
   * and then the intermediate (the chain a client presents); its own certPem
   * is the intermediate alone.
   */
  intermediate(commonName: string, opts?: CaOptions): Promise<CertificateAuthority>;
}

export interface CaOptions {
  /** basicConstraints pathLenConstraint: how many intermediate CAs may follow this one (default: unlimited). */
  pathLength?: number;
}

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

async function newKeys(): Promise<CryptoKeyPair> {
  return webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify']);
}

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

// Positive 128-bit serial (high bit cleared so DER does not read it as negative).
function serial(): string {
  const b = randomBytes(16);
  b.writeUInt8(b.readUInt8(0) & 0x7f, 0);
  return b.toString('hex');
}

// Back-date a little so a freshly issued cert is valid despite clock skew.
function validity(): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - 5 * 60 * 1000), notAfter: new Date(now + DAY_MS) };
}

function subject(commonName: string, organizations: string[] = []): x509.JsonName {
  // JSON form avoids escaping issues in names such as "system:masters".
  return [{ CN: [commonName] }, ...organizations.map((o) => ({ O: [o] }))];
}

const CA_EXTENSIONS = async (keys: CryptoKeyPair, opts: CaOptions = {}): Promise<x509.Extension[]> => [
  new x509.BasicConstraintsExtension(true, opts.pathLength, true),
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
  await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
];

export async function createCertificateAuthority(commonName: string, opts: CaOptions = {}): Promise<CertificateAuthority> {
  const caKeys = await newKeys();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: subject(commonName),
    ...validity(),
    signingAlgorithm: ALG,
    keys: caKeys,
    extensions: await CA_EXTENSIONS(caKeys, opts),
  });
  return authority(caCert, caKeys, '');
}

/** Issues with `caCert`; `chain` is the PEM of the CAs between it and the root, appended to every leaf. */
async function authority(caCert: x509.X509Certificate, caKeys: CryptoKeyPair, chain: string): Promise<CertificateAuthority> {
  const issue = async (opts: IssueOptions): Promise<KeyPair> => {
    const keys = await newKeys();
    const eku: string[] = [];
    if (opts.usage !== 'client') eku.push(x509.ExtendedKeyUsage.serverAuth);
    if (opts.usage !== 'server') eku.push(x509.ExtendedKeyUsage.clientAuth);
    const sans: x509.JsonGeneralName[] = [
      ...(opts.dnsNames ?? []).map((value) => ({ type: 'dns' as const, value })),
      ...(opts.ipAddresses ?? []).map((value) => ({ type: 'ip' as const, value })),
    ];
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension(eku, false),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
    ];
    if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans, false));
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: subject(opts.commonName, opts.organizations),
      issuer: caCert.subjectName,
      ...validity(),
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      extensions,
    });
    return { certPem: chain ? `${cert.toString('pem')}\n${chain}` : cert.toString('pem'), keyPem: await keyPem(keys.privateKey) };
  };

  const intermediate = async (commonName: string, opts: CaOptions = {}): Promise<CertificateAuthority> => {
    const keys = await newKeys();
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject: subject(commonName),
      issuer: caCert.subjectName,
      ...validity(),
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      extensions: [...(await CA_EXTENSIONS(keys, opts)), await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey)],
    });
    return authority(cert, keys, chain ? `${cert.toString('pem')}\n${chain}` : cert.toString('pem'));
  };

  return { certPem: caCert.toString('pem'), keyPem: await keyPem(caKeys.privateKey), issue, intermediate };
}
