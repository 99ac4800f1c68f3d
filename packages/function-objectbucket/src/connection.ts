// The endpoint once the bucket reports it, and connection details once the
// user's keys are observed too.
import { getString } from '@appcat/runtime';
import { BUCKET, USER, type Context } from './names.js';

const statusString = (ctx: Context, field: string): string => {
  const value = ctx.desiredStatus(field);
  return typeof value === 'string' ? value : '';
};

export function publishConnection(ctx: Context): void {
  const bucket = ctx.observed(BUCKET);
  const endpoint = getString(bucket, 'status.endpoint');
  const endpointURL = getString(bucket, 'status.endpointURL');
  if (!endpoint || !endpointURL) {
    ctx.waitFor('the bucket endpoint');
    return;
  }
  ctx.setStatus({ endpoint, endpointURL });
  const accessKey = ctx.observedConnectionDetail(USER, 'AWS_ACCESS_KEY_ID');
  const secretKey = ctx.observedConnectionDetail(USER, 'AWS_SECRET_ACCESS_KEY');
  if (!accessKey?.length || !secretKey?.length) {
    ctx.waitFor('the bucket user credentials');
    return;
  }
  ctx.setConnectionDetail('AWS_ACCESS_KEY_ID', accessKey);
  ctx.setConnectionDetail('AWS_SECRET_ACCESS_KEY', secretKey);
  ctx.setConnectionDetail('AWS_REGION', statusString(ctx, 'region'));
  ctx.setConnectionDetail('ENDPOINT', endpoint);
  ctx.setConnectionDetail('ENDPOINT_URL', endpointURL);
  ctx.setConnectionDetail('BUCKET_NAME', statusString(ctx, 'bucketName'));
}
