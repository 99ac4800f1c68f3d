// Validation of Kubernetes structural schemas (CRDs, XRDs) with ajv.
//
// ajv speaks JSON Schema; Kubernetes speaks a structural OpenAPI v3 dialect.
// `toJsonSchema` translates the dialect once, and makes unknown fields an
// error: a real API server prunes them silently, so a field the schema does
// not know would be a setting quietly lost. The validators themselves are
// compiled by `compile.ts`: at build time into each function's generated
// code, so a function never loads ajv's compiler.
import type { ErrorObject } from 'ajv';
import ucs2length from 'ajv/dist/runtime/ucs2length.js';
import equal from 'ajv/dist/runtime/equal.js';
import { FieldError, ValidationError } from './errors.js';
import { deepClone, isObject, type JsonObject, type JsonValue } from './unstructured.js';

export type OpenAPISchema = JsonObject;

export interface SchemaOptions {
  /** Apply `default`s like the API server does (XRD parameters). */
  applyDefaults?: boolean;
}

/** Translates a Kubernetes structural schema into a strict JSON Schema. */
export function toJsonSchema(schema: OpenAPISchema): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'description') continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isObject(v) ? toJsonSchema(v) : (v ?? null)]));
    } else if ((key === 'items' || key === 'additionalProperties' || key === 'not') && isObject(value)) {
      out[key] = toJsonSchema(value);
    } else if ((key === 'allOf' || key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      // Kubernetes only allows validation keywords inside these, never types.
      out[key] = value.map((v) => (isObject(v) ? stripTypes(toJsonSchema(v)) : v));
    } else {
      out[key] = value;
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out['type'];
    out['anyOf'] = [{ type: 'integer' }, { type: 'string' }];
  }
  const open = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (out['type'] === 'object' && isObject(out['properties']) && !open && out['additionalProperties'] === undefined) {
    out['additionalProperties'] = false;
  }
  if (schema['x-kubernetes-embedded-resource'] === true && isObject(out['properties'])) {
    // apiVersion, kind and metadata are implicit on embedded resources.
    out['properties'] = { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, ...out['properties'] };
  }
  if (schema['nullable'] === true && typeof out['type'] === 'string') {
    out['type'] = [out['type'], 'null'];
  }
  return out;
}

function stripTypes(schema: JsonObject): JsonObject {
  const { type: _type, additionalProperties: _ap, ...rest } = schema;
  return rest;
}

/** A validator as ajv compiles it (with allErrors and verbose): true when valid, the errors otherwise. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

/** The helpers ajv's standalone code calls, by the names generated validators use. */
export const validatorRuntime = { ucs2length: ucs2length.default, equal: equal.default } as const;

/** A compiled schema that reports errors as field paths below `basePath`. */
export class Schema<T = JsonObject> {
  constructor(
    private readonly validateFn: Validator,
    readonly basePath: string,
  ) {}

  /** The field errors of `value`; empty when it is valid. Defaults are applied in place. */
  errors(value: unknown): FieldError[] {
    if (this.validateFn(value)) return [];
    return formatErrors(this.validateFn.errors ?? [], this.basePath, value);
  }

  /** Validates a copy of `value` (defaults applied), or throws a ValidationError. */
  parse(value: unknown): T {
    const copy: unknown = value === undefined ? {} : deepClone(value);
    const errors = this.errors(copy);
    if (errors.length > 0) throw new ValidationError(errors);
    return copy as T;
  }

  /**
   * Validates `value` itself, defaults applied in place, or throws a
   * ValidationError: for a value the caller may change, such as a request
   * decoded for one call (a copy of the parameters costs as much as their
   * validation).
   */
  parseInPlace(value: unknown): T {
    const target: unknown = value === undefined ? {} : value;
    const errors = this.errors(target);
    if (errors.length > 0) throw new ValidationError(errors);
    return target as T;
  }
}

function fieldPath(basePath: string, instancePath: string): string {
  const rest = instancePath
    .split('/')
    .slice(1)
    .map((seg) => seg.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : /^[A-Za-z_][\w-]*$/.test(seg) ? `.${seg}` : `[${JSON.stringify(seg)}]`))
    .join('');
  const path = `${basePath}${rest}`;
  return path.startsWith('.') ? path.slice(1) : path;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let cur = root;
  for (const seg of instancePath.split('/').slice(1)) {
    const key = seg.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = cur[Number(key)];
    else if (isObject(cur)) cur = cur[key];
    else return undefined;
  }
  return cur;
}

function show(value: unknown): string {
  // undefined (and functions) have no JSON form.
  const s = JSON.stringify(value) as string | undefined;
  return s === undefined ? 'undefined' : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** One readable error per field, saying what was given and what is allowed. */
function formatErrors(errors: readonly ErrorObject[], basePath: string, root: unknown): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const e of errors) {
    // anyOf/oneOf report their branches too; the summary line is enough.
    if (e.schemaPath.includes('/anyOf/') || e.schemaPath.includes('/oneOf/')) continue;
    let path = fieldPath(basePath, e.instancePath);
    const given = valueAt(root, e.instancePath);
    let detail: string;
    switch (e.keyword) {
      case 'enum':
        detail = `${show(given)} is not allowed; allowed values: ${(e.params['allowedValues'] as JsonValue[]).map((v) => show(v)).join(', ')}`;
        break;
      case 'additionalProperties': {
        const field = String(e.params['additionalProperty']);
        path = fieldPath(basePath, `${e.instancePath}/${field}`);
        const parent = e.parentSchema;
        const known = isObject(parent?.['properties']) ? Object.keys(parent['properties']) : [];
        detail = `unknown field; allowed fields: ${known.join(', ')}`;
        break;
      }
      case 'required':
        path = fieldPath(basePath, `${e.instancePath}/${String(e.params['missingProperty'])}`);
        detail = 'required field is missing';
        break;
      case 'type':
        detail = `${show(given)} must be of type ${String(e.params['type'])}`;
        break;
      case 'anyOf':
      case 'oneOf':
        detail = `${show(given)} matches none of the allowed forms`;
        break;
      default:
        detail = `${show(given)} ${e.message ?? 'is invalid'}`;
    }
    const key = `${path}\u0000${detail}`;
    if (!out.has(key)) out.set(key, new FieldError(path, detail));
  }
  return [...out.values()];
}
