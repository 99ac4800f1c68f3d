export { decide, sweep, type Bucket, type BucketStore, type Decision, type SweepLog, type SweepResult } from './sweep.js';
export { describeError, KubeBucketStore } from './kube.js';
export { IMAGE_NAME, imageReference, sweeperImage } from './image.js';
