// ObjectBucket: an S3 bucket with a user that may access only that bucket,
// on the provider the composition's input names.
import { ownerLabels } from '@appcat/appcat';
import { createFunction, type RunFunction } from '@appcat/runtime';
import { composeBucket } from './bucket.js';
import { publishConnection } from './connection.js';
import { inputSchema, parametersSchema } from './generated.js';
import { reportSecurity } from './security.js';

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  labels: ownerLabels,
  steps: [
    { name: 'bucket', run: composeBucket },
    { name: 'connection', run: publishConnection },
    { name: 'security', run: reportSecurity },
  ],
});
