// The official OSB OpenAPI document (openapi/osb-v2.17.yaml, Apache-2.0):
// the broker validates requests with its schemas, and the contract tests
// validate every response with them.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { isObject, type JsonObject, type JsonValue } from '@appcat/runtime';

export const OPENAPI_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi', 'osb-v2.17.yaml');

export type Method = 'get' | 'put' | 'patch' | 'delete';

export class OpenAPIDocument {
  readonly doc: JsonObject;

  constructor(file = OPENAPI_FILE) {
    const doc: unknown = parse(readFileSync(file, 'utf8'));
    if (!isObject(doc) || !isObject(doc['paths'])) throw new Error(`${file} is no OpenAPI document`);
    this.doc = doc;
  }

  /** A schema with every `$ref` inlined and OpenAPI-only keywords dropped: plain JSON Schema. */
  resolve(schema: JsonValue): JsonValue {
    if (Array.isArray(schema)) return schema.map((s) => this.resolve(s));
    if (!isObject(schema)) return schema;
    if (typeof schema['$ref'] === 'string') return this.resolve(this.pointer(schema['$ref']));
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'deprecated' || k === 'example') continue;
      // `properties` maps names to schemas; a property may be named like a keyword.
      if (v === undefined) continue;
      out[k] =
        k === 'properties' && isObject(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, this.resolve(s ?? null)])) : this.resolve(v);
    }
    return out;
  }

  private pointer(ref: string): JsonValue {
    if (!ref.startsWith('#/')) throw new Error(`external $ref ${ref} is not supported`);
    let cur: JsonValue = this.doc;
    for (const part of ref.slice(2).split('/')) {
      if (!isObject(cur)) throw new Error(`$ref ${ref} does not resolve`);
      cur = cur[part] ?? null;
    }
    if (cur === null) throw new Error(`$ref ${ref} does not resolve`);
    return cur;
  }

  operation(path: string, method: Method): JsonObject {
    const paths = this.doc['paths'] as JsonObject;
    const item = paths[path];
    const op = isObject(item) ? item[method] : undefined;
    if (!isObject(op)) throw new Error(`${method.toUpperCase()} ${path} is not in the OpenAPI document`);
    return op;
  }

  /** The JSON body schema of an operation's request, if it has one. */
  requestBody(path: string, method: Method): JsonObject | undefined {
    const body = this.operation(path, method)['requestBody'];
    const schema =
      isObject(body) && isObject(body['content']) && isObject(body['content']['application/json'])
        ? body['content']['application/json']['schema']
        : undefined;
    const resolved = schema !== undefined ? this.resolve(schema) : undefined;
    return isObject(resolved) ? resolved : undefined;
  }

  /** The querystring schema of an operation, built from its `in: query` parameters. */
  query(path: string, method: Method): JsonObject {
    const params = this.operation(path, method)['parameters'];
    const properties: JsonObject = {};
    const required: string[] = [];
    for (const p of Array.isArray(params) ? params.map((x) => this.resolve(x)) : []) {
      if (!isObject(p) || p['in'] !== 'query' || typeof p['name'] !== 'string') continue;
      properties[p['name']] = isObject(p['schema']) ? p['schema'] : {};
      if (p['required'] === true) required.push(p['name']);
    }
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }

  /** The JSON schema of a response, or undefined when the document declares no such status. */
  response(path: string, method: Method, status: number): JsonObject | undefined {
    const responses = this.operation(path, method)['responses'];
    const r = isObject(responses) ? responses[String(status)] : undefined;
    if (!isObject(r)) return undefined;
    const schema = isObject(r['content']) && isObject(r['content']['application/json']) ? r['content']['application/json']['schema'] : undefined;
    const resolved = schema !== undefined ? this.resolve(schema) : {};
    return isObject(resolved) ? resolved : {};
  }

  /** The statuses the document declares for an operation. */
  statuses(path: string, method: Method): number[] {
    const responses = this.operation(path, method)['responses'];
    return isObject(responses) ? Object.keys(responses).map(Number) : [];
  }

  /** The Error schema, for statuses the spec allows but the document does not list (412, 401 on fetches). */
  errorSchema(): JsonObject {
    const s = this.resolve({ $ref: '#/components/schemas/Error' });
    return isObject(s) ? s : {};
  }
}
