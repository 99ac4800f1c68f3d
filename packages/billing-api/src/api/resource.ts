// The billingentities endpoints: get, list, watch, create, update, patch,
// delete. Authentication has happened; this module authorizes each call
// against the shadow group and turns ERP results into Kubernetes responses.
import type * as http from 'node:http';
import { parse as parseYaml } from 'yaml';
import type { Authorizer } from '../auth/authorizer.js';
import type { EntityRbac } from '../auth/rbac.js';
import type { Authenticated, UserInfo } from '../auth/user.js';
import type { Erp } from '../erp/erp.js';
import type { Metrics } from '../metrics.js';
import { API_VERSION, type BillingEntity, GROUP, LIST_KIND, RBAC_GROUP, idOf, nameOf } from './entity.js';
import { type JsonValue, jsonPatch, mergePatch } from './patch.js';
import { type Selector, parseFieldSelector, parseLabelSelector } from './selectors.js';
import { ApiError, badRequest, forbidden, invalid, methodNotAllowed, unsupportedMediaType } from './status.js';
import type { EntityStore } from './store.js';
import { type IncludeObject, tableVersion, toTable, wantsTable } from './table.js';
import { type FieldValidation, validate } from './validation.js';
import { SharedPoller } from './poller.js';
import { ListSnapshots, type WatchEvent, bookmark, diff, initialEvents, watchStart } from './watch.js';

export interface ResourceOptions {
  store: EntityStore;
  erp: Erp;
  authorizer: Authorizer;
  rbac: EntityRbac;
  metrics: Metrics;
  watchIntervalMs: number;
  watchHistoryMs: number;
  onError: (err: unknown, context: Record<string, unknown>) => void;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const MAX_BODY = 1 << 20;
const MERGE = ['application/merge-patch+json', 'application/strategic-merge-patch+json'];
const SUPPORTED_PATCHES =
  'application/merge-patch+json, application/json-patch+json, application/strategic-merge-patch+json (treated as a merge patch)';

export async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new ApiError(413, 'RequestEntityTooLarge', 'the request body is larger than 1 MiB');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // JSON, or YAML as kube-apiserver also accepts (kubectl sends JSON).
  const yaml = /^application\/(yaml|apply-patch\+yaml)\b/i.test(req.headers['content-type'] ?? '');
  try {
    return yaml ? (parseYaml(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (err) {
    throw badRequest(`the request body is not valid ${yaml ? 'YAML' : 'JSON'}: ${(err as Error).message}`);
  }
}

function fieldValidation(q: URLSearchParams): FieldValidation {
  const v = q.get('fieldValidation') ?? 'Warn';
  if (v !== 'Strict' && v !== 'Warn' && v !== 'Ignore') throw badRequest(`fieldValidation must be Ignore, Warn or Strict, not "${v}"`);
  return v;
}

function dryRun(q: URLSearchParams): boolean {
  const values = q.getAll('dryRun');
  if (values.some((v) => v !== 'All')) throw badRequest('dryRun: the only supported value is All');
  return values.length > 0;
}

function warnings(unknown: string[]): Record<string, string> {
  return unknown.length > 0 ? { warning: unknown.map((u) => `299 - "unknown field \\"${u}\\""`).join(', ') } : {};
}

interface Continue {
  after: number;
}

function parseContinue(token: string | null): Continue | undefined {
  if (!token) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { after?: unknown }).after === 'number') return parsed as Continue;
  } catch {
    // fall through
  }
  throw badRequest('continue: invalid token');
}

/** Identifies a list or watch of one user with the same selectors, for ListSnapshots. */
function snapshotKey(resourceVersion: string, user: UserInfo, q: URLSearchParams): string {
  return JSON.stringify([resourceVersion, user.name, [...user.groups].sort(), q.get('labelSelector') ?? '', q.get('fieldSelector') ?? '']);
}

export class BillingEntityResource {
  private readonly snapshots: ListSnapshots;

  private readonly poller: SharedPoller;

  constructor(private readonly o: ResourceOptions) {
    this.snapshots = new ListSnapshots(o.watchHistoryMs);
    this.poller = new SharedPoller(
      () => o.store.list(),
      o.watchIntervalMs,
      (err) => {
        o.onError(err, { what: 'watch poll' });
      },
    );
  }

  private async require(user: UserInfo, verb: string, name?: string): Promise<void> {
    if (!(await this.o.authorizer.allowed(user, { verb, group: RBAC_GROUP, ...(name ? { name } : {}) }))) throw forbidden(user.name, verb, name);
  }

  /** kube-apiserver authorized a proxied call on billing.appuio.io already; a direct caller has to be authorized here. */
  async requireDirect(auth: Authenticated, verb: string, name?: string): Promise<void> {
    if (auth.via === 'front-proxy') return;
    if (!(await this.o.authorizer.allowed(auth.user, { verb, group: GROUP, ...(name ? { name } : {}) }))) throw forbidden(auth.user.name, verb, name);
  }

  /** The entities the user may see, after selectors: read from the ERP, or taken from a poll's `from`. */
  private async visible(user: UserInfo, q: URLSearchParams, from?: BillingEntity[]): Promise<BillingEntity[]> {
    const labels: Selector = parseLabelSelector(q.get('labelSelector') ?? undefined);
    const fields: Selector = parseFieldSelector(q.get('fieldSelector') ?? undefined);
    // Read from the ERP only what the user's rules can grant, when they say.
    const scope = await this.o.authorizer.scope(user);
    const read = from
      ? scope instanceof Set
        ? from.filter((e) => scope.has(e.metadata.name ?? ''))
        : from
      : await this.o.store.list(scope instanceof Set ? [...scope] : undefined);
    const all = read.filter((e) => labels(e.metadata.name ?? '', e.metadata.labels ?? {}) && fields(e.metadata.name ?? '', {}));
    const allowed = await this.o.authorizer.visible(
      user,
      all.map((e) => e.metadata.name ?? ''),
      scope,
    );
    this.o.metrics.reviews.set(this.o.authorizer.reviews);
    return all.filter((e) => allowed.has(e.metadata.name ?? ''));
  }

  private render(accept: string, q: URLSearchParams, items: BillingEntity[], listMeta: Record<string, unknown>): unknown {
    if (wantsTable(accept))
      return toTable(items, (q.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject, listMeta, tableVersion(accept));
    return { kind: LIST_KIND, apiVersion: API_VERSION, metadata: listMeta, items };
  }

  async get(user: UserInfo, name: string, accept: string, q: URLSearchParams): Promise<Reply> {
    await this.require(user, 'get', name);
    const entity = await this.o.store.get(name);
    if (wantsTable(accept)) return { status: 200, body: this.render(accept, q, [entity], { resourceVersion: entity.metadata.resourceVersion }) };
    return { status: 200, body: entity };
  }

  async list(user: UserInfo, accept: string, q: URLSearchParams): Promise<Reply> {
    const resourceVersion = String(Date.now());
    const items = await this.visible(user, q);
    const after = parseContinue(q.get('continue'))?.after ?? 0;
    const limitRaw = q.get('limit');
    const limit = limitRaw ? Number(limitRaw) : 0;
    if (!Number.isInteger(limit) || limit < 0) throw badRequest('limit must be a non-negative integer');
    const rest = items.filter((e) => (idOf(e.metadata.name ?? '') ?? 0) > after);
    const page = limit > 0 ? rest.slice(0, limit) : rest;
    const last = page[page.length - 1];
    const more = limit > 0 && rest.length > limit && last;
    const listMeta: Record<string, unknown> = { resourceVersion };
    if (after === 0 && !more) this.snapshots.remember(snapshotKey(resourceVersion, user, q), page);
    if (more) {
      listMeta['continue'] = Buffer.from(JSON.stringify({ after: idOf(last.metadata.name ?? '') ?? 0 })).toString('base64url');
      listMeta['remainingItemCount'] = rest.length - page.length;
    }
    return { status: 200, body: this.render(accept, q, page, listMeta) };
  }

  async create(auth: Authenticated, body: unknown, q: URLSearchParams): Promise<Reply> {
    await this.require(auth.user, 'create');
    const { entity, causes, unknown } = validate(body, fieldValidation(q));
    if (entity.metadata.name) {
      causes.unshift({
        reason: 'FieldValueForbidden',
        field: 'metadata.name',
        message: `names are assigned by the server (be-<ERP id>); remove metadata.name or use metadata.generateName`,
      });
    }
    if (causes.length > 0) throw invalid(entity.metadata.name ?? '', causes);
    if (dryRun(q)) return { status: 201, body: { ...entity, metadata: {} }, headers: warnings(unknown) };
    // The roles are made while the ERP records are still in flight: if that
    // fails, or this process dies, the records are removed (at once, or by
    // the next sweep), so no entity exists that nobody may see.
    const step: { made?: string; rbacFailed?: boolean } = {};
    let created: BillingEntity;
    try {
      created = await this.o.store.create(entity.spec, async (name) => {
        step.made = name;
        await this.o.rbac.grant(name, auth.user).catch((err: unknown) => {
          step.rbacFailed = true;
          throw err;
        });
      });
    } catch (err) {
      const name = step.made;
      if (name) {
        // The create failed after the roles may have been made: they go too.
        await this.o.rbac.revoke(name).catch((undo: unknown) => {
          this.o.onError(undo, { what: 'removing the roles of a failed create', entity: name });
        });
      }
      if (!step.rbacFailed) throw err;
      this.o.onError(err, { what: 'creating the roles of a new entity', entity: name });
      throw new ApiError(
        500,
        'InternalError',
        `could not create the roles of ${name ?? 'the new entity'}; the ERP records were rolled back, try again`,
      );
    }
    // The creator's next list must show the new entity, not a cached answer from before.
    this.o.authorizer.forget(auth.user);
    return { status: 201, body: created, headers: warnings(unknown) };
  }

  async replace(user: UserInfo, name: string, body: unknown, q: URLSearchParams): Promise<Reply> {
    await this.require(user, 'update', name);
    const { entity, causes, unknown } = validate(body, fieldValidation(q));
    if (entity.metadata.name !== name) {
      throw badRequest(`the name of the object (${entity.metadata.name ?? '<empty>'}) does not match the name on the URL (${name})`);
    }
    if (causes.length > 0) throw invalid(name, causes);
    const updated = await this.o.store.update(name, () => entity, !dryRun(q));
    return { status: 200, body: updated, headers: warnings(unknown) };
  }

  async patch(user: UserInfo, name: string, contentType: string, body: unknown, q: URLSearchParams): Promise<Reply> {
    await this.require(user, 'patch', name);
    const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
    if (type === 'application/apply-patch+yaml' || type === 'application/apply-patch+cbor') {
      throw unsupportedMediaType(`server-side apply is not supported for billingentities; supported patch types: ${SUPPORTED_PATCHES}`);
    }
    if (!MERGE.includes(type) && type !== 'application/json-patch+json')
      throw unsupportedMediaType(`the patch type "${type}" is not supported; supported patch types: ${SUPPORTED_PATCHES}`);
    const mode = fieldValidation(q);
    let unknownFields: string[] = [];
    const updated = await this.o.store.update(
      name,
      (current) => {
        const patched =
          type === 'application/json-patch+json'
            ? jsonPatch(current as unknown as JsonValue, body)
            : mergePatch(current as unknown as JsonValue, body as JsonValue);
        const { entity, causes, unknown } = validate(patched, mode);
        unknownFields = unknown;
        if (entity.metadata.name !== name) causes.push({ reason: 'FieldValueInvalid', field: 'metadata.name', message: 'cannot be changed' });
        if (causes.length > 0) throw invalid(name, causes);
        return entity;
      },
      !dryRun(q),
    );
    return { status: 200, body: updated, headers: warnings(unknownFields) };
  }

  async delete(user: UserInfo, name: string, q: URLSearchParams): Promise<Reply> {
    await this.require(user, 'delete', name);
    const write = !dryRun(q);
    const last = await this.o.store.archive(name, write);
    if (write) {
      void this.o.rbac.revoke(name).catch((err: unknown) => {
        this.o.onError(err, { what: 'removing the roles of an archived entity', entity: name });
      });
    }
    return { status: 200, body: last };
  }

  deleteCollection(): never {
    throw methodNotAllowed('deletecollection is not supported for billingentities: delete entities one by one');
  }

  /** Streams a watch until the client goes, the timeout passes, or the server stops. */
  async watch(
    user: UserInfo,
    accept: string,
    q: URLSearchParams,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    stopping: AbortSignal,
  ): Promise<void> {
    const since = watchStart(q.get('resourceVersion') ?? undefined, this.o.watchHistoryMs, Date.now());
    const first = await this.visible(user, q);
    const asTable = wantsTable(accept);
    const include = (q.get('includeObject') ?? 'PartialObjectMetadata') as IncludeObject;
    const bookmarks = q.get('allowWatchBookmarks') === 'true';
    const timeoutSeconds = Math.min(Number(q.get('timeoutSeconds') ?? 1800) || 1800, 3600);
    const seen = since === undefined ? undefined : this.snapshots.recall(snapshotKey(String(since), user, q));
    const initial = seen
      ? diff(seen, first)
      : await initialEvents(
          {
            list: () => this.visible(user, q),
            archivedSince: async (t) => {
              const names = (await this.o.erp.archivedSince(t)).map(nameOf);
              const allowed = await this.o.authorizer.visible(user, names);
              return names.filter((n) => allowed.has(n));
            },
          },
          since,
          first,
        );

    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-cache, private', 'x-content-type-options': 'nosniff' });
    res.flushHeaders();
    this.o.metrics.watches.inc();
    const send = (e: WatchEvent): void => {
      const object =
        asTable && e.type !== 'BOOKMARK' && e.type !== 'ERROR'
          ? toTable([e.object as BillingEntity], include, { resourceVersion: String(Date.now()) }, tableVersion(accept))
          : e.object;
      res.write(`${JSON.stringify({ type: e.type, object })}\n`);
    };
    initial.forEach(send);

    let previous = new Map(first.map((e) => [e.metadata.name ?? '', e]));
    const done = new AbortController();
    const finish = (): void => {
      done.abort();
    };
    req.on('close', finish);
    res.on('close', finish);
    stopping.addEventListener('abort', finish, { once: true });
    const timer = setTimeout(finish, timeoutSeconds * 1000);
    const unsubscribe = this.poller.subscribe(async (all) => {
      if (done.signal.aborted) return;
      const current = await this.visible(user, q, all);
      diff(previous, current).forEach(send);
      previous = new Map(current.map((e) => [e.metadata.name ?? '', e]));
      if (bookmarks) send(bookmark(Date.now()));
    });
    try {
      await new Promise<void>((resolve) => {
        if (done.signal.aborted) resolve();
        done.signal.addEventListener(
          'abort',
          () => {
            resolve();
          },
          { once: true },
        );
      });
    } finally {
      unsubscribe();
      clearTimeout(timer);
      this.o.metrics.watches.dec();
      res.end();
    }
  }
}
