// The bucket and its user, on the provider the composition's input names.
import { fixedOnceCreated } from '@appcat/appcat';
import { getString, type KubeObject } from '@appcat/runtime';
import type { Parameters } from './generated.js';
import { BUCKET, type Context } from './names.js';
import { cloudscale } from './providers/cloudscale.js';
import { exoscale } from './providers/exoscale.js';
import { minio } from './providers/minio.js';

/** What every provider composes a bucket from. */
export interface BucketRequest {
  /** metadata.name of the managed resources (cluster scoped: the composite name is unique). */
  name: string;
  bucketName: string;
  region: string;
  deletionPolicy: Parameters['bucketDeletionPolicy'];
  providerConfigName: string;
  /** Where the provider writes the user's credentials. */
  credentialsSecret: { name: string; namespace: string };
}

/** A provider turns a bucket request into managed resources keyed by composed resource name. */
export type Provider = (req: BucketRequest) => Record<string, KubeObject>;

const providers: Record<Context['input']['provider'], Provider> = { cloudscale, exoscale, minio };

/** The bucket name: from the parameters, else the composite's name; fixed once the bucket exists. */
function bucketNameOf(ctx: Context): string {
  const wanted = ctx.params.bucketName ?? ctx.name;
  const error = fixedOnceCreated('spec.parameters.bucketName', 'the bucket', getString(ctx.observed(BUCKET), 'spec.forProvider.bucketName'), wanted);
  if (error) throw error;
  return wanted;
}

export function composeBucket(ctx: Context): void {
  const name = bucketNameOf(ctx);
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
