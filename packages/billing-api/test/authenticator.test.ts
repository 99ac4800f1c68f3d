// Which client certificate chains lead to a trusted CA: the check behind
// front-proxy and client-certificate authentication.
import { X509Certificate } from 'node:crypto';
import { issuedBy } from '@appcat/billing-api';
import { type CertificateAuthority, createCertificateAuthority } from '@appcat/testenv';

/** Every certificate of a PEM bundle, in order. */
const certs = (pem: string): X509Certificate[] =>
  (pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? []).map((b) => new X509Certificate(b));

describe('issuedBy', () => {
  let root: CertificateAuthority;
  let other: CertificateAuthority;
  let trusted: X509Certificate[];
  beforeAll(async () => {
    [root, other] = await Promise.all([createCertificateAuthority('request-header'), createCertificateAuthority('other')]);
    trusted = certs(root.certPem);
  });

  it('accepts a client certificate the CA issued', async () => {
    expect(issuedBy(certs((await root.issue({ commonName: 'proxy', usage: 'client' })).certPem), trusted)).toBe(true);
  });

  it('follows the intermediates the client sent, and only those', async () => {
    const one = await root.intermediate('one');
    const two = await one.intermediate('two');
    const chain = certs((await two.issue({ commonName: 'proxy', usage: 'client' })).certPem);
    expect(chain).toHaveLength(3);
    expect(issuedBy(chain, trusted)).toBe(true);
    // In any order the client sent them.
    expect(issuedBy([chain[0]!, chain[2]!, chain[1]!], trusted)).toBe(true);
    expect(issuedBy(chain.slice(0, 1), trusted)).toBe(false);
    expect(issuedBy([chain[0]!, chain[2]!], trusted)).toBe(false);
  });

  it('enforces the pathLenConstraint of every CA on the path, the trusted one included', async () => {
    // An intermediate with pathLength 0 may issue leaves, not further CAs.
    const leafOnly = await root.intermediate('leaf-only', { pathLength: 0 });
    expect(issuedBy(certs((await leafOnly.issue({ commonName: 'proxy', usage: 'client' })).certPem), trusted)).toBe(true);
    const below = certs((await (await leafOnly.intermediate('below')).issue({ commonName: 'proxy', usage: 'client' })).certPem);
    expect(below).toHaveLength(3);
    expect(issuedBy(below, trusted)).toBe(false);
    // pathLength 1 allows exactly one intermediate under it.
    const one = await root.intermediate('one', { pathLength: 1 });
    const under = await one.intermediate('under');
    expect(issuedBy(certs((await under.issue({ commonName: 'proxy', usage: 'client' })).certPem), trusted)).toBe(true);
    expect(issuedBy(certs((await (await under.intermediate('deeper')).issue({ commonName: 'proxy', usage: 'client' })).certPem), trusted)).toBe(
      false,
    );
    // The trusted CA's own constraint counts too.
    const strict = await createCertificateAuthority('strict-root', { pathLength: 0 });
    const strictTrusted = certs(strict.certPem);
    expect(issuedBy(certs((await strict.issue({ commonName: 'proxy', usage: 'client' })).certPem), strictTrusted)).toBe(true);
    expect(issuedBy(certs((await (await strict.intermediate('i')).issue({ commonName: 'proxy', usage: 'client' })).certPem), strictTrusted)).toBe(
      false,
    );
  });

  it('refuses a chain to another CA, and a leaf that may not authenticate a client', async () => {
    const foreign = certs((await (await other.intermediate('one')).issue({ commonName: 'proxy', usage: 'client' })).certPem);
    expect(issuedBy(foreign, trusted)).toBe(false);
    expect(issuedBy(certs((await root.issue({ commonName: 'server', usage: 'server' })).certPem), trusted)).toBe(false);
  });

  it('refuses certificates outside their validity period', async () => {
    const chain = certs((await (await root.intermediate('one')).issue({ commonName: 'proxy', usage: 'client' })).certPem);
    expect(issuedBy(chain, trusted, new Date(Date.now() + 2 * 24 * 60 * 60 * 1000))).toBe(false);
    expect(issuedBy([], trusted)).toBe(false);
  });
});
