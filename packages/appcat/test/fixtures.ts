// A small function exercising AppCat's conventions on the runtime, driven by its input.
import { createFunction, Schema } from '@appcat/runtime';
import { bootstrapInstanceNs, disableBilling, ownerLabels, type AppCatInput, type NamespacedService } from '../src/index.js';

const service = (name: string): NamespacedService => ({
  name,
  apiVersion: 'example.org/v1',
  compositeKind: 'XThing',
  connectionKeys: [],
  instanceNamespace: (composite) => `vshn-${name}-${composite}`,
});

interface TestInput extends AppCatInput {
  bootstrap?: string;
  disableBillingFor?: string;
  fail?: string;
  configMaps?: { name: string; ready?: boolean }[];
}

const inputSchema = new Schema<TestInput>(
  {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      controlNamespace: { type: 'string' },
      kubernetesProviderConfigName: { type: 'string', default: 'kubernetes' },
      bootstrap: { type: 'string' },
      disableBillingFor: { type: 'string' },
      fail: { type: 'string' },
      configMaps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, ready: { type: 'boolean' } } } },
    },
  },
  'input',
  { applyDefaults: true },
);

const parametersSchema = new Schema<{ size: { plan: string } }>(
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
      name: 'namespace',
      run: (ctx) => {
        if (ctx.input.bootstrap) bootstrapInstanceNs(ctx, service(ctx.input.bootstrap));
      },
    },
    {
      name: 'billing',
      run: (ctx) => {
        if (ctx.input.disableBillingFor) disableBilling(ctx, ctx.input.disableBillingFor);
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
