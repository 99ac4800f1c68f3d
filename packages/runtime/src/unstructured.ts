// Kubernetes objects as plain JSON, the way they travel through the function
// protocol. Typed helpers read nested fields without `any`.
import { BoundedCache } from './names.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue | undefined;
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: JsonValue | undefined;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: ObjectMeta;
  [key: string]: JsonValue | ObjectMeta | undefined;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const pathKeys = new BoundedCache<readonly string[]>();
const splitPath = (path: string): readonly string[] => path.split('.');

/** Reads a dotted path (`status.atProvider.manifest`); undefined when any step is missing. */
export function getPath(obj: unknown, path: string): JsonValue | undefined {
  let cur: unknown = obj;
  for (const key of pathKeys.get(path, splitPath)) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur as JsonValue | undefined;
}

export function getString(obj: unknown, path: string): string | undefined {
  const v = getPath(obj, path);
  return typeof v === 'string' ? v : undefined;
}

export function getObject(obj: unknown, path: string): JsonObject | undefined {
  const v = getPath(obj, path);
  return isObject(v) ? v : undefined;
}

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** The condition of the given type from `status.conditions`, if any. */
export function getCondition(obj: unknown, type: string): Condition | undefined {
  // Read directly, not through getPath: readiness is checked for every composed resource.
  const status = isObject(obj) ? obj['status'] : undefined;
  const conditions = isObject(status) ? status['conditions'] : undefined;
  if (!Array.isArray(conditions)) return undefined;
  for (const c of conditions) {
    if (isObject(c) && c['type'] === type && typeof c['status'] === 'string') {
      return c as unknown as Condition;
    }
  }
  return undefined;
}

export function isConditionTrue(obj: unknown, type: string): boolean {
  return getCondition(obj, type)?.status === 'True';
}

/** `override` laid over `base`, neither changed: objects merge key by key, any other value replaces. */
export function mergeObjects(base: JsonObject, override: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    out[key] = isObject(current) && isObject(value) ? mergeObjects(current, value) : value;
  }
  return out;
}

/** Sets an own data property: a key named __proto__ is data, never the object's prototype. */
export function setOwn<V>(obj: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * A deep copy, as structuredClone makes it, of what the function protocol
 * carries (JSON values, byte arrays, enums), several times faster for the
 * many small objects of a request. Anything else is left to structuredClone.
 */
export function deepClone<T>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = cloneValue(value[i]);
    return out;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    setOwn(out, key, cloneValue((value as Record<string, unknown>)[key]));
  }
  return out;
}

/** Returns `obj` with `labels` added to its metadata (a copy; the input is not changed). */
export function withLabels<T extends KubeObject>(obj: T, labels: Record<string, string>): T {
  const meta = obj.metadata;
  const own = meta?.labels;
  return { ...obj, metadata: { ...meta, labels: own === undefined ? { ...labels } : { ...own, ...labels } } };
}
