// Copies of Secrets across namespaces (a bucket's credentials into an
// instance namespace, a user's password into the claim's namespace). The
// values are patched in by provider-kubernetes from the source Secret, so
// they never pass through a function nor appear in an Object's spec.
import type { KubeObject, ObjectReference } from '@appcat/runtime';

export interface SecretKeyCopy {
  /** Key in the source Secret. */
  from: string;
  /** Key in the copy; defaults to `from`. */
  to?: string;
}

export interface SecretCopy {
  /** The copy's manifest: a Secret with the non-secret entries already in it. */
  manifest: KubeObject;
  references: ObjectReference[];
}

/** A field path to a Secret's data key; keys with dots (ca.crt) need brackets. */
const dataPath = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? `data.${key}` : `data[${key}]`);

/**
 * A Secret `name` in `namespace` with `keys` copied from the Secret
 * `source` and `stringData` set as they are.
 */
export function secretCopy(
  source: { name: string; namespace: string },
  target: { name: string; namespace: string },
  keys: readonly SecretKeyCopy[],
  stringData: Record<string, string> = {},
): SecretCopy {
  return {
    manifest: {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: target.name, namespace: target.namespace },
      type: 'Opaque',
      ...(Object.keys(stringData).length > 0 ? { stringData: { ...stringData } } : {}),
    },
    references: keys.map((k) => ({
      patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: source.name, namespace: source.namespace, fieldPath: dataPath(k.from) },
      toFieldPath: dataPath(k.to ?? k.from),
    })),
  };
}
