import { X509Certificate, createPrivateKey } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import * as tls from 'node:tls';
import { createCertificateAuthority } from '@appcat/testenv';

describe('createCertificateAuthority', () => {
  it('issues a client certificate that verifies against its CA', async () => {
    const ca = await createCertificateAuthority('test-ca');
    const client = await ca.issue({ commonName: 'alice', organizations: ['dev', 'system:masters'], usage: 'client' });

    const caCert = new X509Certificate(ca.certPem);
    const cert = new X509Certificate(client.certPem);
    expect(caCert.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.subject.split('\n')).toEqual(['CN=alice', 'O=dev', 'O=system:masters']);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']); // clientAuth only

    expect(client.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(createPrivateKey(client.keyPem).asymmetricKeyType).toBe('ec');

    // A certificate of another CA does not verify.
    const other = await createCertificateAuthority('other-ca');
    expect(cert.checkIssued(new X509Certificate(other.certPem))).toBe(false);
  });

  it('serves mutual TLS with Node tls', async () => {
    const ca = await createCertificateAuthority('test-ca');
    const server = await ca.issue({ commonName: 'server', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' });
    const client = await ca.issue({ commonName: 'bob', usage: 'client' });
    expect(new X509Certificate(server.certPem).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');

    const srv = tls.createServer(
      { cert: server.certPem, key: server.keyPem, ca: ca.certPem, requestCert: true, rejectUnauthorized: true },
      (socket) => socket.end(`hello ${socket.getPeerX509Certificate()?.subject ?? '?'}`),
    );
    srv.listen(0, '127.0.0.1');
    await once(srv, 'listening');
    try {
      const { port } = srv.address() as AddressInfo;
      const socket = tls.connect({ host: '127.0.0.1', port, ca: ca.certPem, cert: client.certPem, key: client.keyPem });
      let data = '';
      socket.on('data', (d: Buffer) => (data += d.toString()));
      await once(socket, 'end');
      socket.destroy();
      expect(data).toBe('hello CN=bob');
    } finally {
      srv.close();
    }
  });
});
