// Exoscale SOS: the Bucket, and an IAMKey whose policy reaches only that bucket.
import type { Provider } from '../bucket.js';
import { fixedBucketFields } from './fixed.js';
import { BUCKET, USER } from '../names.js';

export const exoscale: Provider = {
  compose: (req) => ({
    [BUCKET]: {
      apiVersion: 'exoscale.crossplane.io/v1',
      kind: 'Bucket',
      metadata: { name: req.name },
      spec: {
        forProvider: { bucketName: req.bucketName, zone: req.region, bucketDeletionPolicy: req.deletionPolicy },
        providerConfigRef: { name: req.providerConfigName },
      },
    },
    [USER]: {
      apiVersion: 'exoscale.crossplane.io/v1',
      kind: 'IAMKey',
      metadata: { name: req.name },
      spec: {
        forProvider: { keyName: req.name, zone: req.region, services: { sos: { buckets: [req.bucketName] } } },
        providerConfigRef: { name: req.providerConfigName },
        writeConnectionSecretToRef: req.credentialsSecret,
      },
    },
  }),
  fixed: [
    ...fixedBucketFields('spec.forProvider.zone'),
    { resource: USER, path: 'spec.forProvider.zone', field: 'spec.parameters.region', thing: 'the bucket key' },
  ],
};
