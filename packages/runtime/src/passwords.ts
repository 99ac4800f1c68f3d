// Passwords a function generates once and keeps in a Secret it composes
// through a provider-kubernetes Object. Every later reconcile reads the
// password back from that Object, so it never changes once stored.
import { randomBytes } from 'node:crypto';
import { getString, type KubeObject } from './unstructured.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** 32 characters from 192 random bits, URL- and shell-safe. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * A Secret holding `values` in data, not stringData: the cluster reports
 * data, so the Object's spec and its observed state read alike.
 */
export function secretWithData(name: string, namespace: string, values: Record<string, string>): KubeObject {
  const data = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Buffer.from(v, 'utf8').toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, data };
}

/** How a stored value is named in the error for one that is not base64: `the admin password`, `the admin Secret`. */
export interface StoredValueLabels {
  value: string;
  secret: string;
}

/**
 * The text of `key` in the Secret `object` (a provider-kubernetes Object)
 * composes, if it holds one: from the Object's spec (what the function
 * desired, observed as soon as the Object exists), else from what
 * provider-kubernetes observed in the cluster. A value that is not base64
 * is an error, never an empty or mangled password.
 */
export function storedSecretValue(object: KubeObject | undefined, key: string, labels: StoredValueLabels): string | undefined {
  const secretName = getString(object, 'spec.forProvider.manifest.metadata.name') ?? getString(object, 'status.atProvider.manifest.metadata.name');
  const decode = (b64: string | undefined, where: string): string | undefined => {
    if (b64 === undefined || b64 === '') return undefined;
    if (!BASE64.test(b64))
      throw new Error(
        `${labels.value} in ${where} is not valid base64; correct it or delete the Secret${secretName ? ` ${secretName}` : ''} for a new one`,
      );
    return Buffer.from(b64, 'base64').toString('utf8');
  };
  return (
    decode(getString(object, `spec.forProvider.manifest.data.${key}`), `${labels.secret}'s Object`) ??
    decode(getString(object, `status.atProvider.manifest.data.${key}`), labels.secret)
  );
}
