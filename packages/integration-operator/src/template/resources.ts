// Turns the template fields of a resource entry into Kubernetes objects, and
// templated string maps into values, the way the Go operator does: an object
// template is rendered as its JSON text, so {% %} may sit in any string value.
import { parseAllDocuments } from 'yaml';
import type { Resource, StringMap } from '../api/types.js';
import { type TemplateEngine, TemplateError } from './engine.js';

export interface KubernetesManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** Every object a resource entry renders to; empty output (e.g. an unmet {% if %}) renders none. */
export function renderResource(engine: TemplateEngine, resource: Resource, data: Record<string, unknown>): KubernetesManifest[] {
  const texts = [
    ...(resource.template ? [JSON.stringify(resource.template)] : []),
    ...(resource.templates ?? []).map((t) => JSON.stringify(t)),
    ...(resource.stringTemplate !== undefined ? [resource.stringTemplate] : []),
    ...(resource.stringTemplates ?? []),
  ];
  return texts.flatMap((text) => parseManifests(engine.render(text, data)));
}

function parseManifests(text: string): KubernetesManifest[] {
  const out: KubernetesManifest[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new TemplateError(`rendered resource is not YAML: ${doc.errors[0]?.message ?? ''}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (!isManifest(value)) throw new TemplateError('rendered resource needs apiVersion, kind and metadata.name');
    out.push(value);
  }
  return out;
}

function isManifest(value: unknown): value is KubernetesManifest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const meta = v['metadata'] as Record<string, unknown> | undefined;
  return typeof v['apiVersion'] === 'string' && typeof v['kind'] === 'string' && typeof meta?.['name'] === 'string';
}

/** Renders each value of a string map (configTemplate, resultTemplate). */
export function renderStringMap(engine: TemplateEngine, templates: StringMap | undefined, data: Record<string, unknown>): StringMap {
  const out: StringMap = {};
  for (const [key, template] of Object.entries(templates ?? {})) out[key] = engine.render(template, data);
  return out;
}
