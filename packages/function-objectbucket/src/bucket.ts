// The bucket and its user, on the provider the composition's input names.
import { fixedFieldErrors, type FixedField } from '@appcat/appcat';
import { ValidationError, type KubeObject } from '@appcat/runtime';
import type { Parameters } from './generated.js';
import type { Context } from './names.js';
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
export interface Provider {
  compose(req: BucketRequest): Record<string, KubeObject>;
  /** What the provider cannot change once a resource exists (its CRD says so). */
  fixed: readonly FixedField[];
}

const providers: Record<Context['input']['provider'], Provider> = { cloudscale, exoscale, minio };

/** The bucket name: from the parameters, else the composite's name. */
const bucketNameOf = (ctx: Context): string => ctx.params.bucketName ?? ctx.name;

export function composeBucket(ctx: Context): void {
  const name = bucketNameOf(ctx);
  const region = ctx.params.region ?? ctx.input.defaultRegion;
  const provider = providers[ctx.input.provider];
  const resources = provider.compose({
    name: ctx.name,
    bucketName: name,
    region,
    deletionPolicy: ctx.params.bucketDeletionPolicy,
    providerConfigName: ctx.input.providerConfigName,
    credentialsSecret: { name: ctx.nameFor('credentials'), namespace: ctx.input.connectionSecretNamespace },
  });
  const fixed = fixedFieldErrors((n) => ctx.observed(n), resources, provider.fixed);
  if (fixed.length > 0) throw new ValidationError(fixed);
  for (const [key, resource] of Object.entries(resources)) ctx.desire(key, resource);
  ctx.setStatus({ bucketName: name, region });
}
