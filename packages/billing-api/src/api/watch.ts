// watch by poll-and-diff: the ERP has no change feed, so each watch lists
// the entities every interval and sends what changed since the last poll.
// resourceVersions of lists are the server's clock (ms); a watch that starts
// from one sends what the ERP wrote since (within a second: Odoo's write
// times have second precision, so a change may be sent twice, never lost),
// and DELETED for entities archived since. A version older than the history
// window is 410 Gone, as for an etcd compaction.
import { API_VERSION, type BillingEntity, KIND } from './entity.js';
import { gone } from './status.js';

export type EventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: EventType;
  object: BillingEntity | Record<string, unknown>;
}

export interface WatchSource {
  /** The entities the watcher may see now, after selectors. */
  list(): Promise<BillingEntity[]>;
  /** Names archived since `since` (ms) that the watcher may have seen. */
  archivedSince(since: number): Promise<string[]>;
}

export interface WatchOptions {
  resourceVersion: string | undefined;
  intervalMs: number;
  historyMs: number;
  bookmarks: boolean;
  now?: () => number;
}

const SECOND = 1000;

/** Parses a list resourceVersion for a watch start; undefined means "from now, with the current state". */
export function watchStart(rv: string | undefined, historyMs: number, now: number): number | undefined {
  if (rv === undefined || rv === '' || rv === '0') return undefined;
  if (!/^[0-9]{1,16}$/.test(rv)) throw gone(`too old resource version: ${rv}`);
  const at = Number(rv);
  if (at < now - historyMs) throw gone(`too old resource version: ${rv} (${now - historyMs})`);
  return at;
}

export function bookmark(now: number): WatchEvent {
  return { type: 'BOOKMARK', object: { kind: KIND, apiVersion: API_VERSION, metadata: { resourceVersion: String(now) } } };
}

/** Events for the initial state of a watch that starts at `since` (or with the whole current state). */
export async function initialEvents(source: WatchSource, since: number | undefined, current: BillingEntity[]): Promise<WatchEvent[]> {
  if (since === undefined) return current.map((object) => ({ type: 'ADDED', object }));
  const events: WatchEvent[] = [];
  const floor = Math.floor(since / SECOND) * SECOND - SECOND;
  for (const object of current) {
    const written = Math.floor(Number(object.metadata.resourceVersion) / SECOND) * SECOND;
    const created = Date.parse(object.metadata.creationTimestamp ?? '');
    if (written >= floor) events.push({ type: created >= floor ? 'ADDED' : 'MODIFIED', object });
  }
  for (const name of await source.archivedSince(floor)) {
    if (!current.some((e) => e.metadata.name === name)) {
      events.push({ type: 'DELETED', object: { apiVersion: API_VERSION, kind: KIND, metadata: { name, resourceVersion: String(since) }, spec: {} } });
    }
  }
  return events;
}

/**
 * What recent complete lists returned (name → resourceVersion), kept for the
 * watch history, so a watch that starts from a list's version on the same
 * replica diffs against exactly what the client saw: no event twice, none
 * missed. Bounded by the number of entries held.
 */
export class ListSnapshots {
  private readonly snapshots = new Map<string, { at: number; versions: Map<string, string> }>();
  private entries = 0;

  constructor(
    private readonly historyMs: number,
    private readonly maxEntries = 200_000,
    private readonly now: () => number = Date.now,
  ) {}

  remember(key: string, items: BillingEntity[]): void {
    const versions = new Map(items.map((e) => [e.metadata.name ?? '', e.metadata.resourceVersion ?? '']));
    this.snapshots.set(key, { at: this.now(), versions });
    this.entries += versions.size;
    // Oldest first (insertion order): drop what is too old or over the bound.
    for (const [k, snap] of this.snapshots) {
      if (this.entries <= this.maxEntries && this.now() - snap.at <= this.historyMs) break;
      this.snapshots.delete(k);
      this.entries -= snap.versions.size;
    }
  }

  /** The list as the client saw it, as stand-in objects carrying name and version. */
  recall(key: string): Map<string, BillingEntity> | undefined {
    const snap = this.snapshots.get(key);
    if (!snap) return undefined;
    return new Map(
      [...snap.versions].map(([name, resourceVersion]) => [
        name,
        { apiVersion: API_VERSION, kind: KIND, metadata: { name, resourceVersion }, spec: {} },
      ]),
    );
  }
}

/** The events between two polls. */
export function diff(previous: Map<string, BillingEntity>, current: BillingEntity[]): WatchEvent[] {
  const events: WatchEvent[] = [];
  const seen = new Set<string>();
  for (const object of current) {
    const name = object.metadata.name ?? '';
    seen.add(name);
    const before = previous.get(name);
    if (!before) events.push({ type: 'ADDED', object });
    else if (before.metadata.resourceVersion !== object.metadata.resourceVersion) events.push({ type: 'MODIFIED', object });
  }
  for (const [name, object] of previous) if (!seen.has(name)) events.push({ type: 'DELETED', object });
  return events;
}
