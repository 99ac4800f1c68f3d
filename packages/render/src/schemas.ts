// Strict validation of everything we compose against the real schemas:
// CRDs from ../shared/crds, Kubernetes' own schemas for core kinds, and the
// manifest inside every provider-kubernetes Object. A field a schema does
// not know is an error: a real API server would prune it silently.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  FieldError,
  getString,
  isObject,
  readYamlDocuments,
  Schema,
  type JsonObject,
  type JsonValue,
  type KubeObject,
} from '@appcat/runtime';
import type { OpenAPIDocument } from './kube-openapi.js';
import { claimCRD, compositeCRD } from './xcrd.js';

/** Folders of ../shared/crds that are not loaded: only one Crossplane version at a time. */
const SKIPPED_CRD_DIRS = new Set(['crossplane-v1.20']);

const REF_PREFIX = '#/components/schemas/';

/** Inlines `$ref`s of Kubernetes' OpenAPI document into one self-contained schema. */
function inline(schema: JsonValue, doc: OpenAPIDocument, seen: readonly string[] = []): JsonValue {
  if (Array.isArray(schema)) return schema.map((s) => inline(s, doc, seen));
  if (!isObject(schema)) return schema;
  let node: JsonObject = schema;
  // Kubernetes wraps field references as allOf: [{$ref}] to attach descriptions.
  const allOf = node['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0]) && typeof allOf[0]['$ref'] === 'string') {
    const { allOf: _a, ...rest } = node;
    node = { ...rest, $ref: allOf[0]['$ref'] };
  }
  const ref = node['$ref'];
  if (typeof ref === 'string' && ref.startsWith(REF_PREFIX)) {
    const name = ref.slice(REF_PREFIX.length);
    const target = doc.schemas[name];
    if (!target) throw new Error(`unresolved schema ${name}`);
    // Recursive types (JSONSchemaProps) are cut off: accept anything below.
    if (seen.includes(name)) return { 'x-kubernetes-preserve-unknown-fields': true };
    const { $ref: _r, ...rest } = node;
    return { ...(inline(target, doc, [...seen, name]) as JsonObject), ...rest };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, v === undefined ? null : inline(v, doc, seen)]));
}

/**
 * At the root of every object the API server itself owns apiVersion, kind
 * and metadata (validated as ObjectMeta, whatever the CRD says of it).
 */
function withObjectRoot(schema: JsonObject): JsonObject {
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  return { ...schema, properties: { ...properties, apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' } } };
}

function gvkKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export class SchemaCatalog {
  private readonly sources = new Map<string, JsonObject>();
  private readonly compiled = new Map<string, Schema>();
  private objectMeta: Schema | undefined;

  /** Adds every version of every CRD found below `dir`, and the composite and claim CRDs of every XRD. */
  addCRDs(dir: string): this {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (!SKIPPED_CRD_DIRS.has(entry)) this.addCRDs(path);
        continue;
      }
      if (!entry.endsWith('.yaml')) continue;
      for (const doc of readYamlDocuments(path)) {
        if (doc['kind'] === 'CustomResourceDefinition') this.addCRD(doc);
        if (doc['kind'] === 'CompositeResourceDefinition') {
          this.addCRD(compositeCRD(doc));
          const claim = claimCRD(doc);
          if (claim) this.addCRD(claim);
        }
      }
    }
    return this;
  }

  addCRD(crd: JsonObject): this {
    const group = getString(crd, 'spec.group');
    const kind = getString(crd, 'spec.names.kind');
    const versions = isObject(crd['spec']) ? crd['spec']['versions'] : undefined;
    if (!group || !kind || !Array.isArray(versions)) return this;
    for (const v of versions.filter(isObject)) {
      const schema = isObject(v['schema']) ? v['schema']['openAPIV3Schema'] : undefined;
      if (typeof v['name'] === 'string' && isObject(schema)) this.sources.set(gvkKey(`${group}/${v['name']}`, kind), withObjectRoot(schema));
    }
    return this;
  }

  /** Adds the kinds of Kubernetes' OpenAPI document, and ObjectMeta for every object's metadata. */
  addKubernetes(doc: OpenAPIDocument): this {
    for (const [name, schema] of Object.entries(doc.schemas)) {
      const gvks = schema['x-kubernetes-group-version-kind'];
      if (!Array.isArray(gvks)) continue;
      for (const gvk of gvks.filter(isObject)) {
        const group = String(gvk['group'] ?? '');
        const apiVersion = group === '' ? String(gvk['version']) : `${group}/${String(gvk['version'])}`;
        this.sources.set(gvkKey(apiVersion, String(gvk['kind'])), inline(schema, doc, [name]) as JsonObject);
      }
    }
    const meta = doc.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'];
    if (meta) this.objectMeta = new Schema(inline(meta, doc) as JsonObject, 'metadata');
    return this;
  }

  has(apiVersion: string, kind: string): boolean {
    return this.sources.has(gvkKey(apiVersion, kind));
  }

  private schemaFor(apiVersion: string, kind: string): Schema | undefined {
    const key = gvkKey(apiVersion, kind);
    let schema = this.compiled.get(key);
    if (!schema) {
      const source = this.sources.get(key);
      if (!source) return undefined;
      schema = new Schema(source, '');
      this.compiled.set(key, schema);
    }
    return schema;
  }

  /**
   * Every problem with `obj`: unknown kind, schema violations, metadata that
   * is not ObjectMeta, and the same for the manifest of a provider-kubernetes
   * Object. Paths are prefixed with `path`.
   */
  validate(obj: KubeObject, path = ''): FieldError[] {
    const schema = this.schemaFor(obj.apiVersion, obj.kind);
    if (!schema) return [new FieldError(path || '.', `no schema for ${obj.apiVersion} ${obj.kind}`)];
    const prefix = (e: FieldError): FieldError => new FieldError(path ? `${path}.${e.field}`.replace(/\.$/, '') : e.field, e.detail);
    const errors = schema.errors(obj).map(prefix);
    if (this.objectMeta && obj.metadata !== undefined) errors.push(...this.objectMeta.errors(obj.metadata).map(prefix));
    if (obj.apiVersion.startsWith('kubernetes.crossplane.io/') && obj.kind === 'Object') {
      const manifest = isObject(obj['spec']) && isObject(obj['spec']['forProvider']) ? obj['spec']['forProvider']['manifest'] : undefined;
      if (isObject(manifest) && typeof manifest['apiVersion'] === 'string' && typeof manifest['kind'] === 'string') {
        errors.push(...this.validate(manifest as unknown as KubeObject, `${path ? `${path}.` : ''}spec.forProvider.manifest`));
      } else {
        errors.push(new FieldError(`${path ? `${path}.` : ''}spec.forProvider.manifest`, 'must be an object with apiVersion and kind'));
      }
    }
    return errors;
  }
}

