// The backup bucket composites (the ObjectBucket service's XObjectBucket) on
// the API server: listed page by page, and released by a JSON patch that
// removes the retention finalizer only where the listed object has it, so a
// concurrent change (or a second sweeper) never removes another finalizer.
import { ApiException, CustomObjectsApi, type KubeConfig, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { BACKUP_RETENTION_FINALIZER, objectBucket } from '@appcat/appcat';
import type { Bucket, BucketStore } from './sweep.js';

const [GROUP = '', VERSION = ''] = objectBucket.apiVersion.split('/');
const PLURAL = `${objectBucket.compositeKind.toLowerCase()}s`;
const PAGE = 500;
const jsonPatch = setHeaderOptions('Content-Type', PatchStrategy.JsonPatch);

/** A short, secret-free description of an API error. */
export function describeError(err: unknown): string {
  if (err instanceof ApiException) {
    try {
      const status = JSON.parse(typeof err.body === 'string' ? err.body : JSON.stringify(err.body)) as { message?: string };
      if (status.message) return `HTTP ${err.code}: ${status.message}`;
    } catch {
      // not a Status object
    }
    return `HTTP ${err.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}

export class KubeBucketStore implements BucketStore {
  private readonly api: CustomObjectsApi;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  async list(): Promise<Bucket[]> {
    const buckets: Bucket[] = [];
    let next: string | undefined;
    do {
      const page = (await this.api.listClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: PLURAL,
        limit: PAGE,
        ...(next ? { _continue: next } : {}),
      })) as { items: Bucket[]; metadata?: { _continue?: string; continue?: string } };
      buckets.push(...page.items);
      next = page.metadata?.continue ?? page.metadata?._continue;
    } while (next);
    return buckets;
  }

  async release(bucket: Bucket, index: number): Promise<boolean> {
    const path = `/metadata/finalizers/${index}`;
    const body = [
      ...(bucket.metadata.uid ? [{ op: 'test', path: '/metadata/uid', value: bucket.metadata.uid }] : []),
      { op: 'test', path, value: BACKUP_RETENTION_FINALIZER },
      { op: 'remove', path },
    ];
    try {
      await this.api.patchClusterCustomObject({ group: GROUP, version: VERSION, plural: PLURAL, name: bucket.metadata.name, body }, jsonPatch);
      return true;
    } catch (err) {
      // 404: gone already; 422: a test failed (the finalizer moved or is gone, or another object of the name).
      if (err instanceof ApiException && (err.code === 404 || err.code === 422)) return false;
      throw err;
    }
  }
}
