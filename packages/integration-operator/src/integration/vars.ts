// Vars (kustomize-style objref + fieldref): values read from objects of the
// owner's namespace, with the owner's service account, before templating.
import type { KubernetesObject } from '@kubernetes/client-node';
import type { Var } from '../api/types.js';
import type { ObjectKey } from '../kube/client.js';

export class VarError extends Error {
  override readonly name = 'VarError';
}

export type ObjectReader = (key: ObjectKey) => Promise<KubernetesObject | undefined>;

/** Splits `a.b[0].c` into ['a', 'b', 0, 'c']. */
export function parseFieldPath(path: string): (string | number)[] {
  const parts: (string | number)[] = [];
  for (const segment of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(segment);
    if (!match) throw new VarError(`invalid fieldPath ${JSON.stringify(path)}`);
    if (match[1]) parts.push(match[1]);
    for (const index of (match[2] ?? '').matchAll(/\[(\d+)\]/g)) parts.push(Number(index[1]));
  }
  return parts;
}

/** The value at path, as a string: scalars as they print, objects and arrays as JSON. */
export function fieldValue(object: unknown, path: string): string | undefined {
  let value: unknown = object;
  for (const part of parseFieldPath(path)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return value.toString();
  return JSON.stringify(value);
}

export async function resolveVars(vars: Var[] | undefined, namespace: string, read: ObjectReader): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const v of vars ?? []) {
    const ns = v.objref.namespace ?? namespace;
    if (ns !== namespace) throw new VarError(`var ${v.name}: objref namespace ${ns} must be the owner's namespace ${namespace}`);
    const object = await read({ apiVersion: v.objref.apiVersion, kind: v.objref.kind, namespace, name: v.objref.name });
    if (!object) throw new VarError(`var ${v.name}: ${v.objref.kind} ${namespace}/${v.objref.name} not found`);
    const value = fieldValue(object, v.fieldref.fieldPath);
    if (value === undefined) throw new VarError(`var ${v.name}: ${v.objref.kind} ${namespace}/${v.objref.name} has no ${v.fieldref.fieldPath}`);
    out[v.name] = value;
  }
  return out;
}
