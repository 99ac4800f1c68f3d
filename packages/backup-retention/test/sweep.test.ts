// The sweep's decisions over open-ended retentions and times, and a sweep
// over an in-memory store: released exactly when the retention has passed,
// never when it cannot be read, and a second sweep changes nothing.
import fc from 'fast-check';
import { BACKUP_RETENTION_ANNOTATION, BACKUP_RETENTION_FINALIZER, MAX_RETENTION_DAYS } from '@appcat/appcat';
import { decide, sweep, type Bucket, type BucketStore, type SweepLog } from '../src/index.js';

const DAY = 86_400_000;
const CROSSPLANE = 'composite.apiextensions.crossplane.io';

function bucket(name: string, deleted: Date | undefined, days: string | undefined, finalizers = [CROSSPLANE, BACKUP_RETENTION_FINALIZER]): Bucket {
  return {
    metadata: {
      name,
      uid: `uid-${name}`,
      ...(deleted ? { deletionTimestamp: deleted.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      finalizers,
      ...(days === undefined ? {} : { annotations: { [BACKUP_RETENTION_ANNOTATION]: days } }),
    },
  };
}

// Kubernetes writes deletionTimestamp in whole seconds.
const instant = fc.integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2040, 0, 1) / 1000 }).map((s) => new Date(s * 1000));

test('released iff the retention has passed since the deletion', () => {
  fc.assert(
    fc.property(instant, fc.integer({ min: 1, max: MAX_RETENTION_DAYS }), fc.integer({ min: -3 * DAY, max: 3 * DAY }), (deleted, days, offset) => {
      const now = new Date(deleted.getTime() + days * DAY + offset);
      const decision = decide(bucket('b', deleted, String(days)), now);
      expect(decision.action).toBe(offset >= 0 ? 'release' : 'hold');
      if (decision.action === 'release' || decision.action === 'hold') expect(decision.releaseAt.getTime()).toBe(deleted.getTime() + days * DAY);
    }),
  );
});

test('the finalizer is released wherever it stands among the others', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(CROSSPLANE, 'foregroundDeletion', 'example.org/other'), { maxLength: 3 }), fc.nat(3), (others, at) => {
      const finalizers: string[] = [...others];
      finalizers.splice(Math.min(at, finalizers.length), 0, BACKUP_RETENTION_FINALIZER);
      const decision = decide(bucket('b', new Date(0), '1', finalizers), new Date(DAY));
      expect(decision).toMatchObject({ action: 'release', index: finalizers.indexOf(BACKUP_RETENTION_FINALIZER) });
    }),
  );
});

test('a bucket that is not being deleted, or not held by the retention finalizer, is left alone', () => {
  const later = new Date(Date.UTC(2100, 0, 1));
  expect(decide(bucket('live', undefined, '1'), later)).toEqual({ action: 'ignore' });
  expect(decide(bucket('unheld', new Date(0), '1', [CROSSPLANE]), later)).toEqual({ action: 'ignore' });
  expect(decide({ metadata: { name: 'bare', deletionTimestamp: '2026-01-01T00:00:00Z' } }, later)).toEqual({ action: 'ignore' });
});

test('a retention that cannot be read keeps the bucket held however late it is, and says why', () => {
  const malformed = fc.oneof(
    fc.string().filter((s) => !/^[1-9][0-9]{0,3}$/.test(s) || Number(s) > MAX_RETENTION_DAYS),
    fc.constantFrom('0', '-1', '7.5', ' 7', '7d', '1e3', '0x10', '3651', '07', ''),
  );
  fc.assert(
    fc.property(malformed, instant, (days, deleted) => {
      const decision = decide(bucket('b', deleted, days), new Date(Date.UTC(2200, 0, 1)));
      expect(decision).toEqual({
        action: 'unreadable',
        reason: `annotation ${BACKUP_RETENTION_ANNOTATION} is ${JSON.stringify(days)}: must be whole days from 1 to ${MAX_RETENTION_DAYS}`,
      });
    }),
  );
  expect(decide(bucket('b', new Date(0), undefined), new Date(Date.UTC(2200, 0, 1)))).toEqual({
    action: 'unreadable',
    reason: `annotation ${BACKUP_RETENTION_ANNOTATION} is missing`,
  });
});

/** Buckets in memory; releasing removes the finalizer where a JSON patch's test would find it, and a bucket with no finalizers left goes. */
class MemoryStore implements BucketStore {
  readonly buckets = new Map<string, Bucket>();
  releases = 0;
  constructor(buckets: Bucket[]) {
    for (const b of buckets) this.buckets.set(b.metadata.name, structuredClone(b));
  }
  list(): Promise<Bucket[]> {
    return Promise.resolve([...this.buckets.values()].map((b) => structuredClone(b)));
  }
  release(b: Bucket, index: number): Promise<boolean> {
    const live = this.buckets.get(b.metadata.name);
    const finalizers = live?.metadata.finalizers ?? [];
    if (!live || live.metadata.uid !== b.metadata.uid || finalizers[index] !== BACKUP_RETENTION_FINALIZER) return Promise.resolve(false);
    this.releases++;
    finalizers.splice(index, 1);
    if (finalizers.length === 0) this.buckets.delete(b.metadata.name);
    return Promise.resolve(true);
  }
}

function recordingLog(): SweepLog & { lines: { level: string; fields: object; message: string }[] } {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

test('a sweep releases the expired buckets only, reports the unreadable one, and a second sweep changes nothing', async () => {
  const deleted = new Date('2026-03-01T10:00:00Z');
  const now = new Date('2026-03-08T10:00:00Z');
  const store = new MemoryStore([
    bucket('expired', deleted, '7', [BACKUP_RETENTION_FINALIZER]),
    bucket('expired-with-others', deleted, '3', ['example.org/other', BACKUP_RETENTION_FINALIZER]),
    bucket('kept', deleted, '8'),
    bucket('broken', deleted, 'seven'),
    bucket('live', undefined, '1'),
  ]);
  const log = recordingLog();
  expect(await sweep(store, now, log)).toEqual({ released: ['expired', 'expired-with-others'], held: ['kept'], unreadable: ['broken'] });
  expect([...store.buckets.keys()]).toEqual(['expired-with-others', 'kept', 'broken', 'live']);
  expect(store.buckets.get('expired-with-others')?.metadata.finalizers).toEqual(['example.org/other']);
  expect(log.lines.find((l) => l.level === 'error')).toEqual({
    level: 'error',
    fields: {
      bucket: 'broken',
      deletedAt: '2026-03-01T10:00:00Z',
      reason: `annotation ${BACKUP_RETENTION_ANNOTATION} is "seven": must be whole days from 1 to 3650`,
    },
    message: `backups kept: the retention cannot be read; fix the annotation ${BACKUP_RETENTION_ANNOTATION} or remove the finalizer ${BACKUP_RETENTION_FINALIZER} to delete them`,
  });
  const released = store.releases;
  expect(await sweep(store, now, recordingLog())).toEqual({ released: [], held: ['kept'], unreadable: ['broken'] });
  expect(store.releases).toBe(released);
});

test('a bucket that changed between the list and the release is left to the next sweep', async () => {
  const store = new MemoryStore([bucket('raced', new Date(0), '1')]);
  const stale = await store.list();
  store.buckets.get('raced')?.metadata.finalizers?.reverse();
  const racing: BucketStore = { list: () => Promise.resolve(stale), release: (b, i) => store.release(b, i) };
  const log = recordingLog();
  expect(await sweep(racing, new Date(DAY * 2), log)).toEqual({ released: [], held: [], unreadable: [] });
  expect(log.lines).toEqual([
    { level: 'warn', fields: { bucket: 'raced' }, message: 'bucket changed or gone since it was listed: left to the next sweep' },
  ]);
  expect(store.buckets.get('raced')?.metadata.finalizers).toEqual([BACKUP_RETENTION_FINALIZER, CROSSPLANE]);
});
