// What the providers' CRDs say cannot change once a resource exists.
import type { FixedField } from '@appcat/appcat';
import { BUCKET } from '../names.js';

/** What no provider's Bucket can change once created: its name, and its region at `regionPath`. */
export function fixedBucketFields(regionPath: string): FixedField[] {
  return [
    { resource: BUCKET, path: 'spec.forProvider.bucketName', field: 'spec.parameters.bucketName', thing: 'the bucket' },
    { resource: BUCKET, path: regionPath, field: 'spec.parameters.region', thing: 'the bucket' },
  ];
}
