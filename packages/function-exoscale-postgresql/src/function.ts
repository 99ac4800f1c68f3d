// ExoscalePostgreSQL: one provider-exoscale PostgreSQL managed resource (an
// Exoscale DBaaS service), whose connection details become the composite's.
import { ownerLabels } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { publishConnection } from './connection.js';
import { inputSchema, parametersSchema } from './generated.js';
import { composePostgreSQL } from './postgresql.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'postgresql', run: composePostgreSQL },
    { name: 'connection', run: publishConnection },
  ],
});
