import type { KubeObject, ServiceContext } from '@appcat/runtime';
import type { Input, Parameters } from './generated.js';

export type Context = ServiceContext<Parameters, Input>;

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

/** Composed resource names. Renaming one deletes the resource on a running service. */
export const BUCKET = 'bucket';
export const USER = 'user';
export const POLICY = 'policy';

/** A provider turns a bucket request into managed resources keyed by composed resource name. */
export type Provider = (req: BucketRequest) => Record<string, KubeObject>;
