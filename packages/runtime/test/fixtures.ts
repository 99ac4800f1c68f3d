// A small function exercising the runtime's shared pieces, driven by its input.
import { compileSchema } from '../src/compile.js';
import { createFunction, type KubeObject, type RuntimeInput } from '../src/index.js';

/** Labels on everything composed, as a function's labels hook gives them. */
const ownerLabels = (composite: KubeObject): Record<string, string> => ({
  'appcat.vshn.io/ownercomposite': composite.metadata?.name ?? '',
  'appcat.vshn.io/ownerkind': composite.kind,
  'appcat.vshn.io/ownergroup': composite.apiVersion.split('/')[0] ?? '',
  'appcat.vshn.io/ownerapiversion': composite.apiVersion.split('/')[1] ?? '',
});

interface TestInput extends RuntimeInput {
  fail?: string;
  configMaps?: { name: string; ready?: boolean }[];
}

const inputSchema = compileSchema<TestInput>(
  {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      kubernetesProviderConfigName: { type: 'string', default: 'kubernetes' },
      fail: { type: 'string' },
      configMaps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, ready: { type: 'boolean' } } } },
    },
  },
  'input',
  { applyDefaults: true },
);

const parametersSchema = compileSchema<{ size: { plan: string } }>(
  {
    type: 'object',
    default: {},
    properties: {
      size: { type: 'object', default: {}, properties: { plan: { type: 'string', enum: ['standard-2', 'standard-4'], default: 'standard-2' } } },
    },
  },
  'spec.parameters',
  { applyDefaults: true },
);

export const testFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    {
      name: 'configmaps',
      run: (ctx) => {
        for (const cm of ctx.input.configMaps ?? []) {
          ctx.desireObject(
            cm.name,
            { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm.name, namespace: 'default' }, data: { plan: ctx.params.size.plan } },
            {
              name: ctx.nameFor(cm.name),
              ...(cm.ready === undefined ? {} : { ready: cm.ready }),
            },
          );
        }
      },
    },
    {
      name: 'fail',
      run: (ctx) => {
        if (ctx.input.fail) throw new Error(ctx.input.fail);
      },
    },
  ],
});
