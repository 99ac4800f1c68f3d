// Code generated from xrds/objectbucket.yaml and packages/function-objectbucket/package/input/objectbucket.fn.appcat.vshn.io_inputs.yaml by `make generate`. DO NOT EDIT.
import { Schema } from '@appcat/runtime';

/**
 * The bucket's settings. Every field is optional.
 */
export interface Parameters {
  /**
   * Name of the bucket at the provider. Defaults to the name of the composite resource. It cannot be changed once the bucket exists.
   */
  bucketName?: string;
  /**
   * Region (zone) of the bucket. Defaults to the region the platform configured for this provider.
   */
  region?: string;
  /**
   * What happens to the objects in the bucket when it is deleted: DeleteAll removes them, DeleteIfEmpty only deletes an empty bucket.
   */
  bucketDeletionPolicy: "DeleteIfEmpty" | "DeleteAll";
  /**
   * Who may delete the bucket.
   */
  security: {
    /**
     * While on, the API server refuses to delete the bucket; set it to false to delete it.
     */
    deletionProtection: boolean;
    /**
     * Accepted for claims written for other services; a bucket has no instance namespace and is reached with its credentials, so it has no effect.
     */
    allowAllNamespaces: boolean;
    /**
     * Accepted for claims written for other services; no effect on a bucket.
     */
    allowedNamespaces?: string[];
    /**
     * Accepted for claims written for other services; no effect on a bucket.
     */
    allowedGroups?: string[];
    /**
     * Accepted for claims written for other services; no effect on a bucket.
     */
    allowedUsers?: string[];
  };
}

/**
 * Input of the ObjectBucket function; set by the platform in the composition.
 */
export interface Input {
  apiVersion?: string;
  kind?: string;
  metadata?: {
    [k: string]: unknown | undefined;
  };
  /**
   * Object storage provider whose managed resources are composed.
   */
  provider: "cloudscale" | "exoscale" | "minio";
  /**
   * ProviderConfig of the provider's managed resources.
   */
  providerConfigName: string;
  /**
   * Region (zone) used when the claim sets none.
   */
  defaultRegion: string;
  /**
   * Namespace where the provider writes the bucket user's credentials.
   */
  connectionSecretNamespace: string;
}

export const parametersSchema = new Schema<Parameters>({"type":"object","default":{},"description":"The bucket's settings. Every field is optional.","properties":{"bucketName":{"type":"string","description":"Name of the bucket at the provider. Defaults to the name of the composite resource. It cannot be changed once the bucket exists.","minLength":3,"maxLength":63,"pattern":"^[a-z0-9][a-z0-9.-]*[a-z0-9]$"},"region":{"type":"string","description":"Region (zone) of the bucket. Defaults to the region the platform configured for this provider."},"bucketDeletionPolicy":{"type":"string","description":"What happens to the objects in the bucket when it is deleted: DeleteAll removes them, DeleteIfEmpty only deletes an empty bucket.","enum":["DeleteIfEmpty","DeleteAll"],"default":"DeleteAll"},"security":{"type":"object","default":{},"description":"Who may delete the bucket.","properties":{"deletionProtection":{"type":"boolean","description":"While on, the API server refuses to delete the bucket; set it to false to delete it.","default":true},"allowAllNamespaces":{"type":"boolean","description":"Accepted for claims written for other services; a bucket has no instance namespace and is reached with its credentials, so it has no effect.","default":false},"allowedNamespaces":{"type":"array","description":"Accepted for claims written for other services; no effect on a bucket.","items":{"type":"string","maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"}},"allowedGroups":{"type":"array","description":"Accepted for claims written for other services; no effect on a bucket.","items":{"type":"string","minLength":1}},"allowedUsers":{"type":"array","description":"Accepted for claims written for other services; no effect on a bucket.","items":{"type":"string","minLength":1}}}}}}, 'spec.parameters', { applyDefaults: true });

export const inputSchema = new Schema<Input>({"type":"object","description":"Input of the ObjectBucket function; set by the platform in the composition.","required":["provider","defaultRegion","connectionSecretNamespace"],"properties":{"apiVersion":{"type":"string"},"kind":{"type":"string"},"metadata":{"type":"object"},"provider":{"type":"string","description":"Object storage provider whose managed resources are composed.","enum":["cloudscale","exoscale","minio"]},"providerConfigName":{"type":"string","description":"ProviderConfig of the provider's managed resources.","default":"default"},"defaultRegion":{"type":"string","description":"Region (zone) used when the claim sets none."},"connectionSecretNamespace":{"type":"string","description":"Namespace where the provider writes the bucket user's credentials."}}}, 'input', { applyDefaults: true });
