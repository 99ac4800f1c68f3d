// The plan files (plans/<service>.yaml) joined with the XRDs they name: the
// single source of truth for what the catalog offers and what a claim of each
// plan contains.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, parametersSchemaOf, readYamlDocuments, type JsonObject, type OpenAPISchema } from '@appcat/runtime';

export interface MaintenanceInfo {
  version: string;
  description?: string;
}

/** A field whose value may only stay or grow across a plan change. */
export interface MonotonicField {
  path: string;
  message: string;
}

export interface PlanDefinition {
  id: string;
  name: string;
  description: string;
  free?: boolean;
  maintenance_info: MaintenanceInfo;
  metadata: JsonObject;
  /** What the plan fixes: laid over the platform's parameters in every claim of the plan. */
  parameters: JsonObject;
}

/** What the broker needs of the XRD: the claim's API and what it publishes. */
export interface ClaimAPI {
  group: string;
  version: string;
  kind: string;
  plural: string;
  connectionSecretKeys: string[];
  /** The XRD's `spec.parameters` schema. */
  parameters: OpenAPISchema;
}

/**
 * What a binding gets: the instance's own connection details, or a user of
 * its own made through the XRD's list of extra users (`access`, the path of
 * that list in spec.parameters), whose connection Secret it then returns.
 */
export type BindingCredentials = { kind: 'instance' } | { kind: 'access'; path: string };

export interface ServiceDefinition {
  id: string;
  name: string;
  description: string;
  tags: string[];
  bindingDescription: string;
  bindingCredentials: BindingCredentials;
  metadata: JsonObject;
  maximumPollingDuration?: number;
  neverDecrease: MonotonicField[];
  fixedOnceCreated: string[];
  plans: PlanDefinition[];
  claim: ClaimAPI;
}

function str(obj: JsonObject, key: string, where: string): string {
  const v = obj[key];
  if (typeof v !== 'string' || v === '') throw new Error(`${where}: ${key} must be a non-empty string`);
  return v;
}

function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new Error(`${where} must be a list of strings`);
  return v;
}

function claimAPIOf(xrd: JsonObject, where: string): ClaimAPI {
  const spec = isObject(xrd['spec']) ? xrd['spec'] : {};
  const claimNames = spec['claimNames'];
  if (!isObject(claimNames)) throw new Error(`${where}: the XRD offers no claim (claimNames)`);
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isObject) : [];
  const version = versions.find((v) => v['referenceable'] === true) ?? versions[0];
  if (!version) throw new Error(`${where}: the XRD has no version`);
  return {
    group: str(spec, 'group', where),
    version: str(version, 'name', where),
    kind: str(claimNames, 'kind', where),
    plural: str(claimNames, 'plural', where),
    connectionSecretKeys: strings(spec['connectionSecretKeys'], `${where}: connectionSecretKeys`),
    parameters: parametersSchemaOf(xrd, where),
  };
}

function planOf(raw: unknown, where: string): PlanDefinition {
  if (!isObject(raw)) throw new Error(`${where} must be an object`);
  const mi = raw['maintenance_info'];
  if (!isObject(mi) || typeof mi['version'] !== 'string') throw new Error(`${where}: maintenance_info.version is required`);
  return {
    id: str(raw, 'id', where),
    name: str(raw, 'name', where),
    description: str(raw, 'description', where),
    ...(typeof raw['free'] === 'boolean' ? { free: raw['free'] } : {}),
    maintenance_info: { version: mi['version'], ...(typeof mi['description'] === 'string' ? { description: mi['description'] } : {}) },
    metadata: isObject(raw['metadata']) ? raw['metadata'] : {},
    parameters: isObject(raw['parameters']) ? raw['parameters'] : {},
  };
}

/** Reads every plan file in `plansDir` and the XRD each names from `xrdsDir`. */
export function loadServices(plansDir: string, xrdsDir: string): ServiceDefinition[] {
  const xrds = new Map<string, JsonObject>();
  for (const file of readdirSync(xrdsDir).filter((f) => f.endsWith('.yaml'))) {
    for (const doc of readYamlDocuments(join(xrdsDir, file))) {
      if (doc['kind'] === 'CompositeResourceDefinition' && isObject(doc['metadata']) && typeof doc['metadata']['name'] === 'string') {
        xrds.set(doc['metadata']['name'], doc);
      }
    }
  }
  const services: ServiceDefinition[] = [];
  for (const file of readdirSync(plansDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const [doc] = readYamlDocuments(join(plansDir, file));
    const where = file;
    if (!doc || !isObject(doc['service'])) throw new Error(`${where}: no service`);
    const s = doc['service'];
    const xrdName = str(s, 'xrd', where);
    const xrd = xrds.get(xrdName);
    if (!xrd) throw new Error(`${where}: no XRD ${xrdName} in the XRDs`);
    const neverDecrease = (Array.isArray(s['neverDecrease']) ? s['neverDecrease'] : []).map((r, i) => {
      if (!isObject(r)) throw new Error(`${where}: neverDecrease[${i}] must be an object`);
      return { path: str(r, 'path', where), message: str(r, 'message', where) };
    });
    const plans = (Array.isArray(doc['plans']) ? doc['plans'] : []).map((p, i) => planOf(p, `${where}: plans[${i}]`));
    if (plans.length === 0) throw new Error(`${where}: no plans`);
    services.push({
      id: str(s, 'id', where),
      name: str(s, 'name', where),
      description: str(s, 'description', where),
      tags: strings(s['tags'], `${where}: tags`),
      bindingDescription: str(s, 'bindingDescription', where),
      bindingCredentials: bindingCredentialsOf(s['bindingCredentials'], xrd, where),
      metadata: isObject(s['metadata']) ? s['metadata'] : {},
      ...(typeof s['maximumPollingDuration'] === 'number' ? { maximumPollingDuration: s['maximumPollingDuration'] } : {}),
      neverDecrease,
      fixedOnceCreated: strings(s['fixedOnceCreated'], `${where}: fixedOnceCreated`),
      plans,
      claim: claimAPIOf(xrd, `XRD ${xrdName}`),
    });
  }
  checkUnique(services);
  return services;
}

/** Property schemas along a dotted path of spec.parameters, or undefined where the XRD has no such field. */
function schemaAt(schema: OpenAPISchema, path: string): OpenAPISchema | undefined {
  let cur: OpenAPISchema | undefined = schema;
  for (const key of path.split('.')) {
    const props: unknown = cur?.['properties'];
    const next: unknown = isObject(props) ? props[key] : undefined;
    cur = isObject(next) ? next : undefined;
  }
  return cur;
}

/**
 * `bindingCredentials: instance` (the default) or `{ access: <path> }`. The
 * access list must be the XRD's: items with `user` and
 * `writeConnectionSecretToRef` {name, namespace}, the fields a binding sets.
 */
function bindingCredentialsOf(raw: unknown, xrd: JsonObject, where: string): BindingCredentials {
  if (raw === undefined || raw === 'instance') return { kind: 'instance' };
  if (!isObject(raw) || typeof raw['access'] !== 'string')
    throw new Error(`${where}: bindingCredentials must be "instance" or { access: <path of the XRD's list of users in spec.parameters> }`);
  const path = raw['access'];
  const list = schemaAt(parametersSchemaOf(xrd, where), path);
  const item = list?.['items'];
  const user = isObject(item) ? schemaAt(item, 'user') : undefined;
  const ref = isObject(item) ? schemaAt(item, 'writeConnectionSecretToRef') : undefined;
  if (list?.['type'] !== 'array' || user?.['type'] !== 'string' || !schemaAt(ref ?? {}, 'name') || !schemaAt(ref ?? {}, 'namespace'))
    throw new Error(`${where}: bindingCredentials.access: spec.parameters.${path} is no list of users with user and writeConnectionSecretToRef`);
  return { kind: 'access', path };
}

function checkUnique(services: ServiceDefinition[]): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const s of services) {
    for (const id of [s.id, ...s.plans.map((p) => p.id)]) {
      if (ids.has(id)) throw new Error(`id ${id} is used twice; service and plan ids must be globally unique`);
      ids.add(id);
    }
    if (names.has(s.name)) throw new Error(`service name ${s.name} is used twice`);
    names.add(s.name);
    const planNames = new Set(s.plans.map((p) => p.name));
    if (planNames.size !== s.plans.length) throw new Error(`${s.name}: plan names must be unique`);
  }
}
