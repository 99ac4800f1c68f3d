// MinIO: the Bucket, a Policy that allows only that bucket, and a User bound to the policy.
import type { Provider } from '../bucket.js';
import { fixedBucketFields } from './fixed.js';
import { BUCKET, POLICY, USER } from '../names.js';

export const minio: Provider = {
  compose: (req) => ({
    [BUCKET]: {
      apiVersion: 'minio.crossplane.io/v1',
      kind: 'Bucket',
      metadata: { name: req.name },
      spec: {
        forProvider: { bucketName: req.bucketName, region: req.region, bucketDeletionPolicy: req.deletionPolicy },
        providerConfigRef: { name: req.providerConfigName },
      },
    },
    [POLICY]: {
      apiVersion: 'minio.crossplane.io/v1',
      kind: 'Policy',
      metadata: { name: req.name },
      spec: {
        forProvider: { allowBucket: req.bucketName },
        providerConfigRef: { name: req.providerConfigName },
      },
    },
    [USER]: {
      apiVersion: 'minio.crossplane.io/v1',
      kind: 'User',
      metadata: { name: req.name },
      spec: {
        forProvider: { userName: req.name, policies: [req.name] },
        providerConfigRef: { name: req.providerConfigName },
        writeConnectionSecretToRef: req.credentialsSecret,
      },
    },
  }),
  fixed: fixedBucketFields('spec.forProvider.region'),
};
