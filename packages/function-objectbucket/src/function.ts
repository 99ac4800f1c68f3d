// ObjectBucket: an S3 bucket with a user that may access only that bucket,
// on the provider the composition's input names.
import { createFunction, fixedOnceCreated, getString, type RunFunction } from '@appcat/runtime';
import { BUCKET, USER, type Context, type Provider } from './bucket.js';
import { inputSchema, parametersSchema } from './generated.js';
import { cloudscale } from './providers/cloudscale.js';
import { exoscale } from './providers/exoscale.js';
import { minio } from './providers/minio.js';

const providers: Record<Context['input']['provider'], Provider> = { cloudscale, exoscale, minio };

/** The bucket name: from the parameters, else the composite's name; fixed once the bucket exists. */
function bucketName(ctx: Context): string {
  const wanted = ctx.params.bucketName ?? ctx.name;
  const error = fixedOnceCreated('spec.parameters.bucketName', 'the bucket', getString(ctx.observed(BUCKET), 'spec.forProvider.bucketName'), wanted);
  if (error) throw error;
  return wanted;
}

function composeBucket(ctx: Context): void {
  const name = bucketName(ctx);
  const region = ctx.params.region ?? ctx.input.defaultRegion;
  const resources = providers[ctx.input.provider]({
    name: ctx.name,
    bucketName: name,
    region,
    deletionPolicy: ctx.params.bucketDeletionPolicy,
    providerConfigName: ctx.input.providerConfigName,
    credentialsSecret: { name: ctx.nameFor('credentials'), namespace: ctx.input.connectionSecretNamespace },
  });
  for (const [key, resource] of Object.entries(resources)) ctx.desire(key, resource);
  ctx.setStatus({ bucketName: name, region });
}

/** The endpoint once the bucket reports it, and connection details once the user's keys are observed too. */
function publishConnection(ctx: Context): void {
  const bucket = ctx.observed(BUCKET);
  const endpoint = getString(bucket, 'status.endpoint');
  const endpointURL = getString(bucket, 'status.endpointURL');
  if (!endpoint || !endpointURL) {
    ctx.waitFor('the bucket endpoint');
    return;
  }
  ctx.setStatus({ endpoint, endpointURL });
  const keys = ctx.observedConnectionDetails(USER);
  const accessKey = keys['AWS_ACCESS_KEY_ID'];
  const secretKey = keys['AWS_SECRET_ACCESS_KEY'];
  if (!accessKey || !secretKey) {
    ctx.waitFor('the bucket user credentials');
    return;
  }
  ctx.setConnectionDetail('AWS_ACCESS_KEY_ID', accessKey);
  ctx.setConnectionDetail('AWS_SECRET_ACCESS_KEY', secretKey);
  ctx.setConnectionDetail('AWS_REGION', getString(ctx.status, 'region') ?? '');
  ctx.setConnectionDetail('ENDPOINT', endpoint);
  ctx.setConnectionDetail('ENDPOINT_URL', endpointURL);
  ctx.setConnectionDetail('BUCKET_NAME', getString(ctx.status, 'bucketName') ?? '');
}

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  steps: [
    { name: 'bucket', run: composeBucket },
    { name: 'connection', run: publishConnection },
  ],
});
