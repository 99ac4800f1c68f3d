// A small function exercising AppCat's instance namespaces and billing on
// the runtime, driven by its input.
import { createFunction } from '@appcat/runtime';
import { compileSchema } from '@appcat/runtime/compile';
import { bootstrapInstanceNs, disableBilling, ownerLabels, type AppCatInput, type NamespacedService } from '../src/index.js';

interface TestInput extends AppCatInput {
  bootstrap?: string;
  disableBillingFor?: string;
}

const service = (name: string): NamespacedService => ({
  name,
  apiVersion: 'example.org/v1',
  compositeKind: 'XThing',
  connectionKeys: [],
  instanceNamespace: (composite) => `vshn-${name}-${composite}`,
});

const inputSchema = compileSchema<TestInput>(
  {
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      controlNamespace: { type: 'string' },
      kubernetesProviderConfigName: { type: 'string', default: 'kubernetes' },
      bootstrap: { type: 'string' },
      disableBillingFor: { type: 'string' },
    },
  },
  'input',
  { applyDefaults: true },
);

export const testFunction = createFunction({
  input: inputSchema,
  parameters: compileSchema<object>({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true }, 'spec.parameters'),
  labels: ownerLabels,
  steps: [
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
  ],
});
