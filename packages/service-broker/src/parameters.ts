// Parameters: the JSON Schemas a platform sees in the catalog (the XRD's
// parameter schema minus what the plan fixes), validation of what it sends,
// and the claim's spec.parameters (the platform's values under the plan's).
import { Ajv, type ValidateFunction } from 'ajv';
import { isObject, parseQuantity, type JsonObject, type JsonValue, type OpenAPISchema } from '@appcat/runtime';
import type { PlanDefinition, ServiceDefinition } from './plans.js';

/** The catalog's schemas are draft-04 (the spec's minimum); they use no keyword whose meaning differs in later drafts. */
export const SCHEMA_DIALECT = 'http://json-schema.org/draft-04/schema#';

/** Every leaf path (`size.disk`) of an object. */
export function leafPaths(obj: JsonObject, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (isObject(v) && Object.keys(v).length > 0 ? leafPaths(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

export function getPath(obj: JsonObject, path: string): JsonValue | undefined {
  let cur: JsonValue | undefined = obj;
  for (const key of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/**
 * The OpenAPI schema as JSON Schema for platforms: Kubernetes' extensions
 * dropped, unknown fields rejected except where the XRD preserves them (the
 * API server would silently prune them), and the `omit` paths removed.
 */
function publicSchema(schema: OpenAPISchema, omit: Set<string>, prefix = ''): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || key.startsWith('x-kubernetes-') || key === 'nullable') continue;
    // `default: {}` on a group only matters to the API server.
    if (key === 'default' && isObject(value)) continue;
    if (key === 'properties' && isObject(value)) {
      const props: JsonObject = {};
      for (const [name, sub] of Object.entries(value)) {
        const path = `${prefix}${name}`;
        if (omit.has(path) || !isObject(sub)) continue;
        const child = publicSchema(sub, omit, `${path}.`);
        // A group whose every field the plan fixes is no parameter any more.
        if (
          child['type'] === 'object' &&
          isObject(sub['properties']) &&
          Object.keys(sub['properties']).length > 0 &&
          isObject(child['properties']) &&
          Object.keys(child['properties']).length === 0
        )
          continue;
        props[name] = child;
      }
      out[key] = props;
    } else if (key === 'items' && isObject(value)) {
      out[key] = publicSchema(value, new Set());
    } else {
      out[key] = value;
    }
  }
  if (out['type'] === 'object' && isObject(out['properties']) && schema['x-kubernetes-preserve-unknown-fields'] !== true) {
    out['additionalProperties'] = false;
  }
  return out;
}

export interface PlanSchemas {
  create: JsonObject;
  update: JsonObject;
  bind: JsonObject;
}

const schemasOfPlan = new WeakMap<PlanDefinition, PlanSchemas>();

/**
 * The schemas of a plan: create omits what the plan fixes; update also what
 * cannot change once created. Built once per plan, so their validators are
 * compiled once too.
 */
export function planSchemas(service: ServiceDefinition, plan: PlanDefinition): PlanSchemas {
  const known = schemasOfPlan.get(plan);
  if (known) return known;
  const schemas = buildPlanSchemas(service, plan);
  schemasOfPlan.set(plan, schemas);
  return schemas;
}

function buildPlanSchemas(service: ServiceDefinition, plan: PlanDefinition): PlanSchemas {
  // The list of users that bindings make is the broker's: a platform neither sets nor sees it.
  const brokerOwned = service.bindingCredentials.kind === 'access' ? [service.bindingCredentials.path] : [];
  const fixed = new Set([...leafPaths(plan.parameters), ...brokerOwned]);
  const create = { $schema: SCHEMA_DIALECT, ...publicSchema(service.claim.parameters, fixed) };
  const update = { $schema: SCHEMA_DIALECT, ...publicSchema(service.claim.parameters, new Set([...fixed, ...service.fixedOnceCreated])) };
  // A binding gets the instance's credentials or a user the broker names: there is nothing to choose.
  const bind = { $schema: SCHEMA_DIALECT, type: 'object', properties: {}, additionalProperties: false };
  return { create, update, bind };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<JsonObject, ValidateFunction>();

/** Checks parameters against a catalog schema; returns the problems, worded for the platform's user. */
export function validateParameters(schema: JsonObject, parameters: JsonObject): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    const { $schema: _dialect, ...body } = schema;
    validate = ajv.compile(body);
    compiled.set(schema, validate);
  }
  if (validate(parameters)) return [];
  return (validate.errors ?? []).map((e) => {
    const where = e.instancePath === '' ? 'parameters' : `parameters${e.instancePath.replaceAll('/', '.')}`;
    if (e.keyword === 'additionalProperties') {
      const extra = String((e.params as { additionalProperty?: unknown }).additionalProperty);
      return `${where}.${extra} is not a parameter of this plan (the plan fixes it, or the service has no such field)`;
    }
    if (e.keyword === 'enum') return `${where} must be one of ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
}

/** Deep merge: `over` wins; objects merge, everything else is replaced. */
export function merge(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? merge(b, v) : v;
  }
  return out;
}

/** A claim's spec.parameters: the platform's values with the plan's fixed values over them. */
export function claimParameters(plan: PlanDefinition, parameters: JsonObject): JsonObject {
  return merge(parameters, plan.parameters);
}

const show = (v: JsonValue | undefined): string => (typeof v === 'string' ? v : JSON.stringify(v));

function comparable(v: JsonValue | undefined, path: string): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  return /^[0-9]+(\.[0-9]+)?$/.test(v) ? Number(v) : parseQuantity(v, path);
}

/** Why the service would refuse to move an instance from one plan to another, or undefined if it would not. */
export function planChangeRefusal(service: ServiceDefinition, from: PlanDefinition, to: PlanDefinition): string | undefined {
  for (const rule of service.neverDecrease) {
    const before = getPath(from.parameters, rule.path);
    const after = getPath(to.parameters, rule.path);
    const b = comparable(before, rule.path);
    const a = comparable(after, rule.path);
    if (a !== undefined && b !== undefined && a < b) {
      return `${service.name}: ${rule.message}: plan ${to.name} has ${rule.path} ${show(after)}, the instance (plan ${from.name}) has ${show(before)}`;
    }
  }
  return undefined;
}
