// cloudscale.ch Object Storage: an ObjectsUser owns the keys, the Bucket is
// created with those keys (credentialsSecretRef).
import type { Provider } from '../bucket.js';
import { fixedBucketFields } from './fixed.js';
import { BUCKET, USER } from '../names.js';

export const cloudscale: Provider = {
  compose: (req) => ({
    [USER]: {
      apiVersion: 'cloudscale.crossplane.io/v1',
      kind: 'ObjectsUser',
      metadata: { name: req.name },
      spec: {
        forProvider: { displayName: req.name },
        providerConfigRef: { name: req.providerConfigName },
        writeConnectionSecretToRef: req.credentialsSecret,
      },
    },
    [BUCKET]: {
      apiVersion: 'cloudscale.crossplane.io/v1',
      kind: 'Bucket',
      metadata: { name: req.name },
      spec: {
        forProvider: {
          bucketName: req.bucketName,
          region: req.region,
          bucketDeletionPolicy: req.deletionPolicy,
          credentialsSecretRef: req.credentialsSecret,
        },
        providerConfigRef: { name: req.providerConfigName },
      },
    },
  }),
  fixed: fixedBucketFields('spec.forProvider.region'),
};
