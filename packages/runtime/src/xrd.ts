// Reading the schemas of our own APIs: the parameters of an XRD and the
// function input CRD. These are the single source of truth for both the
// validation at run time and the generated TypeScript types.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { isObject, type JsonObject } from './unstructured.js';
import type { OpenAPISchema } from './schema.js';

/** Every YAML document of a file. Merge keys (`<<: *anchor`) apply, as kubectl applies them (StackGres' CRDs use them). */
export function readYamlDocuments(path: string): JsonObject[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), { merge: true })
    .map((d) => d.toJS() as unknown)
    .filter(isObject);
}

function openAPISchema(def: JsonObject, what: string): JsonObject {
  const versions = isObject(def['spec']) ? def['spec']['versions'] : undefined;
  if (!Array.isArray(versions)) throw new Error(`${what}: spec.versions missing`);
  // The referenceable (XRD) or storage (CRD) version is the one functions see.
  const version = versions.filter(isObject).find((v) => v['referenceable'] === true || v['storage'] === true) ?? versions.find(isObject);
  const schema = isObject(version?.['schema']) ? version['schema']['openAPIV3Schema'] : undefined;
  if (!isObject(schema)) throw new Error(`${what}: no openAPIV3Schema`);
  return schema;
}

/** The `spec.parameters` schema of a CompositeResourceDefinition. */
export function parametersSchemaOf(xrd: JsonObject, what = 'XRD'): OpenAPISchema {
  const spec = openAPISchema(xrd, what)['properties'];
  const params =
    isObject(spec) && isObject(spec['spec']) && isObject(spec['spec']['properties']) ? spec['spec']['properties']['parameters'] : undefined;
  if (!isObject(params)) throw new Error(`${what}: no spec.parameters in the schema`);
  return params;
}

/** The schema of a function input CRD (the whole object: apiVersion, kind and fields). */
export function inputSchemaOf(crd: JsonObject, what = 'input CRD'): OpenAPISchema {
  return openAPISchema(crd, what);
}
