// Installs CRDs from YAML files and waits until the API server serves them.
// CRDs travel as the plain JSON read from YAML: client-node's typed models
// would drop keys such as `x-kubernetes-preserve-unknown-fields` that arrive
// in their wire spelling.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ApiCall, HttpResult } from './http.js';

/** A CRD as read from YAML (apiextensions.k8s.io/v1); only the fields used here are typed. */
export interface CustomResourceDefinition {
  apiVersion: string;
  kind: string;
  metadata: { name: string; resourceVersion?: string; [key: string]: unknown };
  spec: {
    group: string;
    names: { plural: string; kind: string; [key: string]: unknown };
    versions: Array<{ name: string; served: boolean; storage: boolean; [key: string]: unknown }>;
    [key: string]: unknown;
  };
  status?: { conditions?: Array<{ type: string; status: string; reason?: string; message?: string }> };
  [key: string]: unknown;
}

export interface InstallCRDsOptions {
  /** Rewrites each CRD before it is applied; return undefined to skip it. */
  transform?: (crd: CustomResourceDefinition) => CustomResourceDefinition | undefined;
  /** How long to wait for all CRDs to be established and served (default 30 s). */
  timeoutMs?: number;
}

const CRD_PATH = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
const YAML_EXT = new Set(['.yaml', '.yml', '.json']);

// Files named explicitly are read whatever their extension; directories are
// walked recursively for *.yaml, *.yml and *.json.
function yamlFiles(paths: string[], explicit: boolean): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      const entries = readdirSync(p)
        .filter((e) => !e.startsWith('.'))
        .sort();
      out.push(
        ...yamlFiles(
          entries.map((e) => join(p, e)),
          false,
        ),
      );
    } else if (explicit || YAML_EXT.has(extname(p))) {
      out.push(p);
    }
  }
  return out;
}

/** Every CustomResourceDefinition document in the given files/directories (other kinds are ignored). */
export function readCRDs(dirOrFiles: string | string[]): CustomResourceDefinition[] {
  const crds: CustomResourceDefinition[] = [];
  for (const file of yamlFiles(Array.isArray(dirOrFiles) ? dirOrFiles : [dirOrFiles], true)) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { merge: true })) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message ?? 'invalid YAML'}`);
      const obj: unknown = doc.toJS();
      if (isCRD(obj)) crds.push(obj);
    }
  }
  return crds;
}

function isCRD(obj: unknown): obj is CustomResourceDefinition {
  if (typeof obj !== 'object' || obj === null) return false;
  const o = obj as Record<string, unknown>;
  return o['kind'] === 'CustomResourceDefinition' && o['apiVersion'] === 'apiextensions.k8s.io/v1';
}

function fail(what: string, res: HttpResult): Error {
  return new Error(`${what}: HTTP ${res.status}: ${res.body.slice(0, 2000)}`);
}

/** Creates or replaces a CRD. */
async function apply(call: ApiCall, crd: CustomResourceDefinition): Promise<void> {
  const created = await call('POST', CRD_PATH, crd);
  if (created.status === 201) return;
  if (created.status !== 409) throw fail(`create CRD ${crd.metadata.name}`, created);
  const current = await call('GET', `${CRD_PATH}/${crd.metadata.name}`);
  if (current.status !== 200) throw fail(`read CRD ${crd.metadata.name}`, current);
  const { resourceVersion } = (JSON.parse(current.body) as CustomResourceDefinition).metadata;
  const replaced = await call('PUT', `${CRD_PATH}/${crd.metadata.name}`, {
    ...crd,
    metadata: { ...crd.metadata, resourceVersion },
  });
  if (replaced.status !== 200) throw fail(`replace CRD ${crd.metadata.name}`, replaced);
}

/** Resource names served per group/version, fetched once per polling round. */
type Discovery = Map<string, Promise<Set<string>>>;

function served(call: ApiCall, disco: Discovery, groupVersion: string): Promise<Set<string>> {
  let names = disco.get(groupVersion);
  if (!names) {
    names = call('GET', `/apis/${groupVersion}`).then((res) =>
      res.status === 200
        ? new Set(((JSON.parse(res.body) as { resources?: Array<{ name: string }> }).resources ?? []).map((r) => r.name))
        : new Set<string>(),
    );
    disco.set(groupVersion, names);
  }
  return names;
}

/** True once the CRD is Established and discovery lists its resource in every served version. */
async function ready(call: ApiCall, disco: Discovery, crd: CustomResourceDefinition): Promise<boolean> {
  const res = await call('GET', `${CRD_PATH}/${crd.metadata.name}`);
  if (res.status !== 200) return false;
  const conds = (JSON.parse(res.body) as CustomResourceDefinition).status?.conditions ?? [];
  if (!conds.some((c) => c.type === 'Established' && c.status === 'True')) return false;
  for (const v of crd.spec.versions.filter((x) => x.served)) {
    if (!(await served(call, disco, `${crd.spec.group}/${v.name}`)).has(crd.spec.names.plural)) return false;
  }
  return true;
}

export async function installCRDs(call: ApiCall, dirOrFiles: string | string[], opts: InstallCRDsOptions = {}): Promise<CustomResourceDefinition[]> {
  const crds = readCRDs(dirOrFiles)
    .map((crd) => (opts.transform ? opts.transform(crd) : crd))
    .filter((crd): crd is CustomResourceDefinition => crd !== undefined);
  for (const crd of crds) await apply(call, crd);

  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  let pending = crds;
  while (pending.length > 0) {
    const disco: Discovery = new Map();
    const states = await Promise.all(pending.map((crd) => ready(call, disco, crd)));
    pending = pending.filter((_, i) => !states[i]);
    if (pending.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`CRDs not established/served in time: ${pending.map((c) => c.metadata.name).join(', ')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return crds;
}
