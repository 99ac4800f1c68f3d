// Kubernetes objects as plain JSON, the way they travel through the function
// protocol. Typed helpers read nested fields without `any`.

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

/** Reads a dotted path (`status.atProvider.manifest`); undefined when any step is missing. */
export function getPath(obj: unknown, path: string): JsonValue | undefined {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
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
  const conditions = getPath(obj, 'status.conditions');
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

export function deepClone<T>(value: T): T {
  return structuredClone(value);
}

/** Returns `obj` with `labels` added to its metadata (a copy; the input is not changed). */
export function withLabels<T extends KubeObject>(obj: T, labels: Record<string, string>): T {
  return { ...obj, metadata: { ...obj.metadata, labels: { ...obj.metadata?.labels, ...labels } } };
}
