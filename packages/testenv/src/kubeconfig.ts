import { stringify } from 'yaml';
import type { KeyPair } from './certs.js';

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A kubeconfig with one cluster/user/context, the user authenticating by client certificate. */
export function kubeconfigYaml(server: string, caPem: string, user: string, cred: KeyPair): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'testenv', cluster: { server, 'certificate-authority-data': b64(caPem) } }],
    users: [{ name: user, user: { 'client-certificate-data': b64(cred.certPem), 'client-key-data': b64(cred.keyPem) } }],
    contexts: [{ name: `${user}@testenv`, context: { cluster: 'testenv', user } }],
    'current-context': `${user}@testenv`,
  });
}
