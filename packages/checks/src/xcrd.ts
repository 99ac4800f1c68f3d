// The CRDs Crossplane derives from a legacy (v1, claim-capable) XRD: one for
// the composite, one for the claim. Crossplane generates them in its
// controller (internal/xcrd, not importable); this mirrors v2.2.1 for the
// LegacyCluster scope, so nested composites and claims can be validated and
// installed into a test API server without Crossplane running.
import { getString, isObject, type JsonObject, type JsonValue } from '@appcat/runtime';

const str = { type: 'string' };
const named = { type: 'object', required: ['name'], properties: { name: str } };
const selector = { type: 'object', required: ['matchLabels'], properties: { matchLabels: { type: 'object', additionalProperties: str } } };
const conditions = {
  description: 'Conditions of the resource.',
  type: 'array',
  'x-kubernetes-list-map-keys': ['type'],
  'x-kubernetes-list-type': 'map',
  items: {
    type: 'object',
    required: ['lastTransitionTime', 'reason', 'status', 'type'],
    properties: {
      lastTransitionTime: { type: 'string', format: 'date-time' },
      message: str,
      reason: str,
      status: str,
      type: str,
      observedGeneration: { type: 'integer', format: 'int64' },
    },
  },
};
const statusProps = {
  conditions,
  connectionDetails: { type: 'object', properties: { lastPublishedTime: { type: 'string', format: 'date-time' } } },
  claimConditionTypes: { type: 'array', 'x-kubernetes-list-type': 'set', items: str },
};

/** How a composite or a claim selects its composition (revision). */
const compositionProps = {
  compositionRef: named,
  compositionSelector: selector,
  compositionRevisionRef: named,
  compositionRevisionSelector: selector,
};

function compositeSpecProps(xrd: JsonObject): JsonObject {
  const policy = getString(xrd, 'spec.defaultCompositionUpdatePolicy');
  return {
    ...compositionProps,
    compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'], ...(policy ? { default: policy } : {}) },
    resourceRefs: {
      type: 'array',
      'x-kubernetes-list-type': 'atomic',
      items: { type: 'object', required: ['apiVersion', 'kind'], properties: { apiVersion: str, name: str, namespace: str, kind: str } },
    },
    claimRef: {
      type: 'object',
      required: ['apiVersion', 'kind', 'namespace', 'name'],
      properties: { apiVersion: str, kind: str, namespace: str, name: str },
    },
    writeConnectionSecretToRef: { type: 'object', required: ['name', 'namespace'], properties: { name: str, namespace: str } },
  };
}

function claimSpecProps(xrd: JsonObject): JsonObject {
  const policy = getString(xrd, 'spec.defaultCompositeDeletePolicy');
  return {
    ...compositionProps,
    compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] },
    compositeDeletePolicy: { type: 'string', enum: ['Background', 'Foreground'], ...(policy ? { default: policy } : {}) },
    resourceRef: { type: 'object', required: ['apiVersion', 'kind', 'name'], properties: { apiVersion: str, kind: str, name: str } },
    writeConnectionSecretToRef: named,
  };
}

function versionOf(v: JsonObject, extraSpec: JsonObject): JsonObject {
  const schema = isObject(v['schema']) && isObject(v['schema']['openAPIV3Schema']) ? v['schema']['openAPIV3Schema'] : {};
  const props = isObject(schema['properties']) ? schema['properties'] : {};
  const xSpec = isObject(props['spec']) ? props['spec'] : {};
  const xStatus = isObject(props['status']) ? props['status'] : {};
  const xSpecProps = isObject(xSpec['properties']) ? xSpec['properties'] : {};
  const xStatusProps = isObject(xStatus['properties']) ? xStatus['properties'] : {};
  const spec: JsonObject = { type: 'object', properties: { ...xSpecProps, ...extraSpec } };
  for (const key of ['required', 'description', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-validations', 'oneOf']) {
    if (xSpec[key] !== undefined) spec[key] = xSpec[key];
  }
  const status: JsonObject = { type: 'object', properties: { ...xStatusProps, ...statusProps } };
  for (const key of ['required', 'description', 'x-kubernetes-validations', 'oneOf']) {
    if (xStatus[key] !== undefined) status[key] = xStatus[key];
  }
  return {
    name: v['name'] ?? null,
    served: v['served'] ?? true,
    storage: v['referenceable'] ?? false,
    schema: {
      openAPIV3Schema: {
        type: 'object',
        required: ['spec'],
        ...(schema['description'] !== undefined ? { description: schema['description'] } : {}),
        properties: {
          apiVersion: str,
          kind: str,
          metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 63 } } },
          spec,
          status,
        },
      },
    },
    subresources: { status: {} },
  };
}

function crd(xrd: JsonObject, name: string, names: JsonValue | undefined, scope: string, category: string, extraSpec: JsonObject): JsonObject {
  const spec = isObject(xrd['spec']) ? xrd['spec'] : {};
  const versions = Array.isArray(spec['versions']) ? spec['versions'].filter(isObject) : [];
  const n = isObject(names) ? names : {};
  const categories = Array.isArray(n['categories']) ? n['categories'] : [];
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name },
    spec: {
      group: spec['group'] ?? null,
      names: { ...n, categories: [...categories, category] },
      scope,
      versions: versions.map((v) => versionOf(v, extraSpec)),
    },
  };
}

/** The CRD of the composite resource of a legacy XRD. */
export function compositeCRD(xrd: JsonObject): JsonObject {
  return crd(
    xrd,
    getString(xrd, 'metadata.name') ?? '',
    isObject(xrd['spec']) ? xrd['spec']['names'] : undefined,
    'Cluster',
    'composite',
    compositeSpecProps(xrd),
  );
}

/** The CRD of the claim of a legacy XRD, or undefined when it offers no claim. */
export function claimCRD(xrd: JsonObject): JsonObject | undefined {
  const claimNames = isObject(xrd['spec']) ? xrd['spec']['claimNames'] : undefined;
  if (!isObject(claimNames)) return undefined;
  return crd(
    xrd,
    `${getString(claimNames, 'plural') ?? ''}.${getString(xrd, 'spec.group') ?? ''}`,
    claimNames,
    'Namespaced',
    'claim',
    claimSpecProps(xrd),
  );
}
