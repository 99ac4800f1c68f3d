// kube-system/extension-apiserver-authentication: what kube-apiserver
// publishes for aggregated servers (the CA of direct client certificates,
// and the front proxy's CA, allowed names and header names). Lists are JSON
// string arrays in the ConfigMap.
import { X509Certificate } from 'node:crypto';
import type { KubeClient } from '../kube/client.js';
import { expectStatus } from '../kube/client.js';

export interface AuthenticationConfig {
  clientCAs: X509Certificate[];
  requestHeader?: {
    cas: X509Certificate[];
    /** Empty: any CN signed by the CA is accepted (as kube-apiserver specifies). */
    allowedNames: string[];
    usernameHeaders: string[];
    uidHeaders: string[];
    groupHeaders: string[];
    extraHeaderPrefixes: string[];
  };
  /** PEM of every CA, for the TLS server's list of acceptable client CAs. */
  caPems: string[];
}

export const AUTH_CONFIGMAP_PATH = '/api/v1/namespaces/kube-system/configmaps/extension-apiserver-authentication';

export function parsePemBundle(pem: string | undefined): X509Certificate[] {
  if (!pem) return [];
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

function list(data: Record<string, string>, key: string): string[] {
  const raw = data[key];
  if (raw === undefined || raw === '') return [];
  const parsed = JSON.parse(raw) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) throw new Error(`${key}: expected a JSON list of strings`);
  return parsed;
}

export function parseAuthenticationConfig(data: Record<string, string>): AuthenticationConfig {
  const clientCAs = parsePemBundle(data['client-ca-file']);
  const rhCAs = parsePemBundle(data['requestheader-client-ca-file']);
  const requestHeader =
    rhCAs.length === 0
      ? undefined
      : {
          cas: rhCAs,
          allowedNames: list(data, 'requestheader-allowed-names'),
          usernameHeaders: list(data, 'requestheader-username-headers').map((h) => h.toLowerCase()),
          uidHeaders: list(data, 'requestheader-uid-headers').map((h) => h.toLowerCase()),
          groupHeaders: list(data, 'requestheader-group-headers').map((h) => h.toLowerCase()),
          extraHeaderPrefixes: list(data, 'requestheader-extra-headers-prefix').map((h) => h.toLowerCase()),
        };
  return { clientCAs, ...(requestHeader ? { requestHeader } : {}), caPems: [...clientCAs, ...rhCAs].map((c) => c.toString()) };
}

export async function readAuthenticationConfig(kube: KubeClient): Promise<AuthenticationConfig> {
  const cm = (await expectStatus(kube, [200], 'GET', AUTH_CONFIGMAP_PATH)) as { data?: Record<string, string> };
  return parseAuthenticationConfig(cm.data ?? {});
}
