// The one schema source of the Plug and Socket APIs: the CRDs (deploy/crds)
// are generated from these OpenAPI v3 schemas, and the operator validates
// nothing the API server has not already validated with them.
export type JSONSchema = Record<string, unknown>;

export const GROUP = 'integration.appcat.vshn.io';
export const VERSION = 'v1beta1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const FINALIZER = `${GROUP}/finalizer`;
export const FIELD_MANAGER = 'integration-operator';

export const EVENTS = ['created', 'coupled', 'updated', 'decoupled', 'deleted'] as const;
export const ACTIONS = ['apply', 'delete', 'recreate'] as const;

const str = (description: string): JSONSchema => ({ type: 'string', description });
const stringMap = (description: string): JSONSchema => ({ type: 'object', description, additionalProperties: { type: 'string' } });
const free = (description: string): JSONSchema => ({ type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true });

const varList = (description: string): JSONSchema => ({
  type: 'array',
  description,
  items: {
    type: 'object',
    required: ['name', 'objref', 'fieldref'],
    properties: {
      name: str('Name the value is published under.'),
      objref: {
        type: 'object',
        description: "The object to read; always in the owner's namespace.",
        required: ['apiVersion', 'kind', 'name'],
        properties: {
          apiVersion: str('apiVersion of the object, e.g. apps/v1.'),
          kind: str('Kind of the object.'),
          name: str('Name of the object.'),
          namespace: str("Must be empty or the owner's namespace."),
        },
      },
      fieldref: {
        type: 'object',
        required: ['fieldPath'],
        properties: { fieldPath: str('Dotted path to the field, e.g. spec.template.spec.serviceAccountName or status.conditions[0].type.') },
      },
    },
  },
});

const resourceList = (description: string): JSONSchema => ({
  type: 'array',
  description,
  items: {
    type: 'object',
    properties: {
      when: {
        type: 'array',
        description: 'Lifecycle events the action runs on; default [coupled, updated].',
        items: { type: 'string', enum: [...EVENTS] },
      },
      do: { type: 'string', enum: [...ACTIONS], description: 'apply (server-side apply, the default), delete, or recreate (delete, then apply).' },
      template: free('One resource as YAML whose string values may hold {% %} templates.'),
      templates: { type: 'array', description: 'Several resources, as template.', items: free('A resource.') },
      stringTemplate: str('One or more resources as a template string (YAML documents).'),
      stringTemplates: { type: 'array', description: 'Several template strings.', items: { type: 'string' } },
      preserveWhenDecoupled: {
        type: 'boolean',
        description: 'Keep the resource when the integration decouples (otherwise it is deleted unless `when` holds decoupled or `do` is delete).',
      },
    },
  },
});

const interfaceSide: JSONSchema = {
  type: 'object',
  description: 'Property name to its contract.',
  additionalProperties: {
    type: 'object',
    properties: {
      required: { type: 'boolean', description: 'The integration fails while the property is missing or empty.' },
      default: str('Value used when the property is missing.'),
      description: str('What the property means.'),
    },
  },
};

const interfaceSchema: JSONSchema = {
  type: 'object',
  description: 'The schema plug and socket agree on. Properties outside it are dropped; without it nothing is validated.',
  properties: {
    config: { type: 'object', properties: { plug: interfaceSide, socket: interfaceSide } },
    result: { type: 'object', properties: { plug: interfaceSide, socket: interfaceSide } },
  },
};

/** The fields plugs and sockets share. */
const sideSpec: Record<string, JSONSchema> = {
  vars: varList('Values read from objects before the config is resolved (kustomize-style objref + fieldref).'),
  resultVars: varList('Values read from objects after coupling, for the result.'),
  data: stringMap('Free-form data exchanged before the config exists; seen by templates and the apparatus /config call.'),
  dataConfigMapName: str("ConfigMap in the owner's namespace whose data is merged into data."),
  dataSecretName: str("Secret in the owner's namespace whose data is merged into data."),
  config: stringMap('Configuration offered to the other side.'),
  configConfigMapName: str('ConfigMap merged into config.'),
  configSecretName: str('Secret merged into config.'),
  configTemplate: stringMap('Templated config values; see vars, plugData, socketData, plug and socket.'),
  result: stringMap('Result published after coupling.'),
  resultConfigMapName: str('ConfigMap merged into result.'),
  resultSecretName: str('Secret merged into result.'),
  resultTemplate: stringMap('Templated result values; see resultVars, plugData, socketData, plugConfig, socketConfig, plug and socket.'),
  serviceAccountName: str("Service account of the owner's namespace that resources are applied as (default: default)."),
  apparatus: {
    type: 'object',
    description: 'A REST service called on every lifecycle event.',
    properties: {
      endpoint: str('Path on the apparatus service (e.g. /socket), or a full URL of a service run elsewhere.'),
      idleTimeout: { type: 'integer', minimum: 1, description: 'Seconds without calls after which the apparatus pod is removed (default 60).' },
      containers: { type: 'array', description: 'Containers of the apparatus pod, as in a Pod spec.', items: free('A container.') },
    },
  },
  resources: resourceList("Resources templated into the owner's namespace on lifecycle events."),
  resultResources: resourceList('Resources templated after coupling or updating, when the results are known.'),
};

const plugSpec: JSONSchema = {
  type: 'object',
  required: ['socket'],
  properties: {
    socket: {
      type: 'object',
      required: ['name'],
      properties: { name: str('Name of the socket.'), namespace: str("Namespace of the socket (default: the plug's).") },
    },
    ...sideSpec,
  },
};

const socketSpec: JSONSchema = {
  type: 'object',
  properties: {
    interface: interfaceSchema,
    limit: { type: 'integer', minimum: 1, description: 'Most plugs coupled at once; unlimited when absent.' },
    validation: {
      type: 'object',
      description: 'Which plug namespaces may couple. Patterns are anchored regular expressions; deny wins.',
      properties: {
        namespaceAllowList: { type: 'array', items: { type: 'string' } },
        namespaceDenyList: { type: 'array', items: { type: 'string' } },
      },
    },
    ...sideSpec,
  },
};

const conditions: JSONSchema = {
  type: 'array',
  'x-kubernetes-list-type': 'map',
  'x-kubernetes-list-map-keys': ['type'],
  items: {
    type: 'object',
    required: ['type', 'status'],
    properties: {
      type: { type: 'string' },
      status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
      reason: { type: 'string' },
      message: { type: 'string' },
      lastTransitionTime: { type: 'string', format: 'date-time' },
      observedGeneration: { type: 'integer' },
    },
  },
};

const objectRef: JSONSchema = {
  type: 'object',
  properties: { name: { type: 'string' }, namespace: { type: 'string' }, uid: { type: 'string' } },
};

const apparatusStatus: JSONSchema = {
  type: 'object',
  description: 'The apparatus pod while it runs, so an operator restart still reaps it.',
  properties: { podName: { type: 'string' }, lastUsed: { type: 'string', format: 'date-time' } },
};

const sideStatus: Record<string, JSONSchema> = {
  conditions,
  created: { type: 'boolean', description: 'The created event has run.' },
  apparatus: apparatusStatus,
};

const plugStatus: JSONSchema = {
  type: 'object',
  properties: {
    ...sideStatus,
    coupledSocket: objectRef,
    observedGeneration: { type: 'integer', description: 'Plug generation of the last coupled or updated event.' },
    socketGeneration: { type: 'integer', description: 'Socket generation of the last coupled or updated event.' },
    lastEvent: { type: 'string', enum: ['coupled', 'updated'] },
    resultsReady: { type: 'boolean', description: 'Results and result resources are done for lastEvent.' },
    sourcesDigest: {
      type: 'string',
      description:
        'Digest of the resourceVersions of the ConfigMaps and Secrets both sides name, when lastEvent was done; a change is an updated event.',
    },
    resources: {
      type: 'array',
      description: 'Objects this coupling created that decoupling removes.',
      items: {
        type: 'object',
        properties: {
          side: { type: 'string', enum: ['plug', 'socket'] },
          serviceAccount: { type: 'string' },
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          namespace: { type: 'string' },
          name: { type: 'string' },
        },
      },
    },
  },
};

const socketStatus: JSONSchema = {
  type: 'object',
  properties: {
    ...sideStatus,
    coupledPlugs: { type: 'array', items: objectRef },
    coupledCount: { type: 'integer' },
  },
};

export interface KindSchema {
  kind: 'Plug' | 'Socket';
  plural: string;
  singular: string;
  spec: JSONSchema;
  status: JSONSchema;
  printerColumns: JSONSchema[];
}

const age: JSONSchema = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };
const coupled: JSONSchema = { name: 'Coupled', type: 'string', jsonPath: '.status.conditions[?(@.type=="Coupled")].status' };
const ready: JSONSchema = { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' };

export const KINDS: readonly KindSchema[] = [
  {
    kind: 'Plug',
    plural: 'plugs',
    singular: 'plug',
    spec: plugSpec,
    status: plugStatus,
    printerColumns: [{ name: 'Socket', type: 'string', jsonPath: '.spec.socket.name' }, coupled, ready, age],
  },
  {
    kind: 'Socket',
    plural: 'sockets',
    singular: 'socket',
    spec: socketSpec,
    status: socketStatus,
    printerColumns: [
      { name: 'Coupled', type: 'integer', jsonPath: '.status.coupledCount' },
      { name: 'Limit', type: 'integer', jsonPath: '.spec.limit' },
      ready,
      age,
    ],
  },
];

/** The CustomResourceDefinition of one kind. */
export function crdOf(k: KindSchema): JSONSchema {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${k.plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope: 'Namespaced',
      names: { kind: k.kind, listKind: `${k.kind}List`, plural: k.plural, singular: k.singular, categories: ['integration'] },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: k.printerColumns,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, metadata: { type: 'object' }, spec: k.spec, status: k.status },
              required: k.kind === 'Plug' ? ['spec'] : [],
            },
          },
        },
      ],
    },
  };
}
