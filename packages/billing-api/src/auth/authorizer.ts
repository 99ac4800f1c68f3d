// Authorization by SubjectAccessReview. Per-entity decisions use the shadow
// group rbac.appuio.io with the entity's name as resourceName, so ClusterRoles
// can grant single entities. Decisions are cached briefly per user and
// attributes, and issued concurrently with a bound.
//
// Which entities a user may see (list, watch) is asked in as few reviews as
// possible: one review for `list` on all entities (yes: all are visible);
// else the user's RBAC rules (a SelfSubjectRulesReview made as the user, by
// impersonation) name the candidates, and each candidate is confirmed by a
// review. Where the rules are incomplete (another authorizer is configured)
// or cannot be read, every entity is a candidate.
import { RBAC_GROUP, PLURAL, VERSION } from '../api/entity.js';
import type { KubeClient } from '../kube/client.js';
import { expectStatus } from '../kube/client.js';
import type { UserInfo } from './user.js';

export interface Attributes {
  verb: string;
  group: string;
  name?: string;
}

export interface AuthorizerOptions {
  allowTtlMs?: number;
  denyTtlMs?: number;
  concurrency?: number;
  now?: () => number;
}

interface ResourceRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const userKey = (u: UserInfo): string => JSON.stringify([u.name, u.uid ?? '', [...u.groups].sort(), u.extra]);

export class Authorizer {
  /** SubjectAccessReviews sent (for metrics and the benchmark). */
  reviews = 0;
  rulesReviews = 0;
  private readonly cache = new Map<string, { until: number; allowed: Promise<boolean> }>();
  private readonly limit: Semaphore;
  private readonly allowTtl: number;
  private readonly denyTtl: number;
  private readonly now: () => number;

  constructor(
    private readonly kube: KubeClient,
    opts: AuthorizerOptions = {},
  ) {
    this.allowTtl = opts.allowTtlMs ?? 10_000;
    this.denyTtl = opts.denyTtlMs ?? 5_000;
    this.limit = new Semaphore(opts.concurrency ?? 32);
    this.now = opts.now ?? Date.now;
  }

  allowed(user: UserInfo, attrs: Attributes): Promise<boolean> {
    const key = `${userKey(user)}|${attrs.verb}|${attrs.group}|${attrs.name ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && hit.until > this.now()) return hit.allowed;
    const allowed = this.limit.run(() => this.review(user, attrs));
    const entry = { until: Number.POSITIVE_INFINITY, allowed };
    this.cache.set(key, entry);
    allowed.then(
      (yes) => (entry.until = this.now() + (yes ? this.allowTtl : this.denyTtl)),
      () => this.cache.delete(key),
    );
    if (this.cache.size > 100_000) this.sweep();
    return allowed;
  }

  /** Drops the cached decisions of a user whose rights just changed (a creator bound to a new entity). */
  forget(user: UserInfo): void {
    const prefix = `${userKey(user)}|`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
    this.candidateCache.delete(userKey(user));
  }

  /** A non-resource URL (e.g. /metrics), as kube-apiserver authorizes them. */
  async allowedPath(user: UserInfo, verb: string, path: string): Promise<boolean> {
    this.reviews++;
    const res = (await expectStatus(this.kube, [200, 201], 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: user.name, groups: user.groups, extra: user.extra, nonResourceAttributes: { verb, path } },
    })) as { status?: { allowed?: boolean } };
    return res.status?.allowed === true;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
  }

  private async review(user: UserInfo, attrs: Attributes): Promise<boolean> {
    this.reviews++;
    const body = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: user.name,
        ...(user.uid ? { uid: user.uid } : {}),
        groups: user.groups,
        extra: user.extra,
        resourceAttributes: { verb: attrs.verb, group: attrs.group, version: VERSION, resource: PLURAL, ...(attrs.name ? { name: attrs.name } : {}) },
      },
    };
    const res = (await expectStatus(this.kube, [200, 201], 'POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', body)) as {
      status?: { allowed?: boolean };
    };
    return res.status?.allowed === true;
  }

  /** Names of the user's candidate entities from their RBAC rules, or undefined when the rules do not say. */
  private async candidates(user: UserInfo): Promise<Set<string> | undefined> {
    this.rulesReviews++;
    // User and groups only: RBAC rules do not depend on uid or extras, and every candidate is confirmed by a
    // review with the full identity, so impersonating fewer attributes can narrow too little, never too much.
    const headers: Record<string, string | string[]> = { 'impersonate-user': user.name };
    if (user.groups.length > 0) headers['impersonate-group'] = user.groups;
    const res = await this.kube.request(
      'POST',
      '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews',
      { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } },
      headers,
    );
    if (res.status !== 201 && res.status !== 200) return undefined;
    const status = (res.body as { status?: { resourceRules?: ResourceRule[]; incomplete?: boolean } }).status;
    if (!status || status.incomplete) return undefined;
    const names = new Set<string>();
    for (const rule of status.resourceRules ?? []) {
      const has = (list: string[] | undefined, v: string): boolean => (list ?? []).some((x) => x === v || x === '*');
      if (!has(rule.apiGroups, RBAC_GROUP) || !has(rule.resources, PLURAL) || !has(rule.verbs, 'get')) continue;
      if (!rule.resourceNames || rule.resourceNames.length === 0) return undefined; // all names: no narrowing
      for (const n of rule.resourceNames) names.add(n);
    }
    return names;
  }

  /**
   * What a user's list can be limited to before reading the ERP: 'all' (may
   * list every entity), the candidate names from their RBAC rules, or
   * undefined when the rules do not say (every entity is a candidate).
   */
  async scope(user: UserInfo): Promise<'all' | Set<string> | undefined> {
    if (await this.allowed(user, { verb: 'list', group: RBAC_GROUP })) return 'all';
    return this.candidatesCached(user);
  }

  /** The subset of `names` the user may see. */
  async visible(user: UserInfo, names: string[], scope?: 'all' | Set<string>): Promise<Set<string>> {
    const s = scope ?? (await this.scope(user));
    if (s === 'all') return new Set(names);
    const check = s ? names.filter((n) => s.has(n)) : names;
    const decisions = await Promise.all(check.map((name) => this.allowed(user, { verb: 'get', group: RBAC_GROUP, name })));
    return new Set(check.filter((_, i) => decisions[i]));
  }

  private readonly candidateCache = new Map<string, { until: number; names: Promise<Set<string> | undefined> }>();

  private candidatesCached(user: UserInfo): Promise<Set<string> | undefined> {
    const key = userKey(user);
    const hit = this.candidateCache.get(key);
    if (hit && hit.until > this.now()) return hit.names;
    const names = this.candidates(user).catch(() => undefined);
    this.candidateCache.set(key, { until: this.now() + this.denyTtl, names });
    if (this.candidateCache.size > 10_000) this.candidateCache.clear();
    return names;
  }
}
