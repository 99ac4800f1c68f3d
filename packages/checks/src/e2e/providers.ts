// The providers and operators of the catalog, played by the end-to-end tests:
// no provider runs against the test API server, so each composed managed
// resource gets the status its provider would report and, when it asks for
// one, its connection secret (owned by the resource, so garbage collection
// removes it). What a provider reports is taken from the examples: the last
// stage of each composition's example records the observed state of every
// composed resource and the connection details the providers publish
// (details.yaml). Names in them are the example composite's; they are
// rewritten to the real composite's.
import { existsSync } from 'node:fs';
import { type ExampleCase, findExamples } from '@appcat/catalog';
import { getObject, getString, isObject, readYamlDocuments, type JsonObject } from '@appcat/runtime';
import type { Kube, Obj } from '@appcat/testenv';

const RESOURCE_NAME = 'crossplane.io/composition-resource-name';
const COMPOSITE_LABEL = 'crossplane.io/composite';

/** What the providers report for one composition, as the example recorded it. */
export interface Observed {
  example: string;
  /** The stage's golden: what the pipeline composes once everything is observed. */
  expected: string;
  compositeName: string;
  status: Map<string, JsonObject>;
  details: Map<string, Record<string, string>>;
}

/**
 * Connection secret keys the providers publish for kinds whose example does
 * not record them (the keys the provider documents; values are made up).
 */
const PUBLISHED_KEYS: Record<string, string[]> = {
  'minio.crossplane.io/User': ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  'exoscale.crossplane.io/IAMKey': ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
  'cloudscale.crossplane.io/ObjectsUser': ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
};

/** The finalizer a provider puts on what it manages (crossplane-runtime's). */
const FINALIZER = 'finalizer.managedresource.crossplane.io';
const REFRESH_MS = 1000;

function isObjectKind(mr: Obj): boolean {
  return mr.kind === 'Object' && groupOf(mr.apiVersion) === 'kubernetes.crossplane.io';
}

/** Whether the resource's management policies allow an action (none given: all). */
function allows(mr: Obj, action: 'Create' | 'Update' | 'Delete'): boolean {
  const policies = pathOf(mr, 'spec.managementPolicies');
  return !Array.isArray(policies) || policies.includes('*') || policies.includes(action);
}

function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

/** The observed state per composition: the example stage with the most observed resources (details first). */
export function observedByComposition(root: string): Map<string, Observed> {
  const best = new Map<string, { score: number; c: ExampleCase }>();
  for (const c of findExamples(root)) {
    if (!c.observed || !existsSync(c.expectedOutput) || c.id.startsWith('examples/integrations')) continue;
    const composition = getString(readYamlDocuments(c.composition)[0], 'metadata.name') ?? '';
    // The example with every parameter set wins a tie: the end-to-end tests use the full claims.
    const score = 10 * readYamlDocuments(c.observed).length + (existsSync(c.details) ? 1000 : 0) + (c.id.includes('/full/') ? 1 : 0);
    const current = best.get(composition);
    if (!current || score > current.score) best.set(composition, { score, c });
  }
  const out = new Map<string, Observed>();
  for (const [composition, { c }] of best) {
    const compositeName = getString(readYamlDocuments(c.xr)[0], 'metadata.name') ?? '';
    const status = new Map<string, JsonObject>();
    for (const doc of readYamlDocuments(c.observed ?? '')) {
      const name = annotation(doc, RESOURCE_NAME);
      const s = getObject(doc, 'status');
      if (name && s) status.set(name, s);
    }
    const details = new Map<string, Record<string, string>>();
    if (existsSync(c.details)) {
      const resources = getObject(readYamlDocuments(c.details)[0], 'resources') ?? {};
      for (const [name, values] of Object.entries(resources)) {
        if (isObject(values))
          details.set(name, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
      }
    }
    out.set(composition, { example: c.id, expected: c.expectedOutput, compositeName, status, details });
  }
  return out;
}

function annotation(obj: unknown, key: string): string | undefined {
  const annotations = getObject(obj, 'metadata.annotations');
  const v = annotations?.[key];
  return typeof v === 'string' ? v : undefined;
}

export function rename<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(from).join(to)) as T;
}

function freshConditions(status: JsonObject): JsonObject {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const given = Array.isArray(status['conditions']) ? status['conditions'].filter(isObject) : [];
  const byType = new Map<string, JsonObject>(given.map((c) => [getString(c, 'type') ?? '', { ...c, lastTransitionTime: now }]));
  byType.set('Ready', { type: 'Ready', status: 'True', reason: 'Available', lastTransitionTime: now });
  byType.set('Synced', { type: 'Synced', status: 'True', reason: 'ReconcileSuccess', lastTransitionTime: now });
  return { ...status, conditions: [...byType.values()] };
}

export interface PlayedResource {
  apiVersion: string;
  kind: string;
  name: string;
  resourceName: string;
  composite: string;
}

/**
 * Plays every provider: polls the managed kinds the goldens compose and gives
 * each new or changed composed resource its provider's status and connection
 * secret. Nested composites are left to Crossplane.
 */
export class ProviderPlayer {
  /** uid → the generation last played. */
  private readonly played = new Map<string, number>();
  private readonly compositions = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private refreshedAt = 0;
  private lastError: Error | undefined;
  /** Every resource played, in order (the bench counts them). */
  readonly log: PlayedResource[] = [];

  constructor(
    private readonly kube: Kube,
    private readonly observed: Map<string, Observed>,
    private readonly kinds: ReadonlyArray<{ apiVersion: string; kind: string }>,
  ) {}

  start(everyMs = 200): void {
    const tick = (): void => {
      this.running = this.playAll()
        .catch((err: unknown) => {
          this.lastError = err as Error;
        })
        .finally(() => {
          if (this.timer !== undefined) this.timer = setTimeout(tick, everyMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** The last error of a round, for failure messages. */
  error(): Error | undefined {
    return this.lastError;
  }

  private async playAll(): Promise<void> {
    const refresh = Date.now() - this.refreshedAt > REFRESH_MS;
    if (refresh) this.refreshedAt = Date.now();
    for (const { apiVersion, kind } of this.kinds) {
      for (const mr of await this.kube.list(apiVersion, kind)) {
        const composite = (mr.metadata['labels'] as Record<string, string> | undefined)?.[COMPOSITE_LABEL];
        const uid = String(mr.metadata['uid']);
        const generation = Number(mr.metadata['generation'] ?? 0);
        if (mr.metadata['deletionTimestamp']) {
          await this.remove(mr);
          continue;
        }
        // provider-kubernetes re-reads the objects it wraps on every poll: so does the player, less often.
        const due = this.played.get(uid) !== generation || (refresh && isObjectKind(mr));
        if (!composite || !due) continue;
        try {
          await this.play(mr, composite);
          this.played.set(uid, generation);
        } catch (err) {
          // Like a provider: report nothing yet and try again (say, the namespace of a wrapped object does not exist yet).
          this.lastError = err as Error;
        }
      }
    }
  }

  /** A provider's deletion: what the resource manages and its connection secret go, then its finalizer. */
  private async remove(mr: Obj): Promise<void> {
    const finalizers = Array.isArray(mr.metadata['finalizers']) ? (mr.metadata['finalizers'] as string[]) : [];
    if (!finalizers.includes(FINALIZER)) return;
    if (isObjectKind(mr) && allows(mr, 'Delete')) {
      const manifest = getObject(mr, 'spec.forProvider.manifest') as Obj | undefined;
      if (manifest) await this.kube.delete(manifest).catch(() => undefined);
    }
    const ref = getObject(mr, 'spec.writeConnectionSecretToRef');
    const name = getString(ref, 'name');
    const namespace = getString(ref, 'namespace');
    if (name && namespace) await this.kube.delete({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace } });
    await this.kube.patch(mr, { metadata: { finalizers: finalizers.filter((f) => f !== FINALIZER) } });
  }

  private async compositionOf(mr: Obj): Promise<string | undefined> {
    const owners = Array.isArray(mr.metadata['ownerReferences']) ? (mr.metadata['ownerReferences'] as JsonObject[]) : [];
    const owner = owners.find((o) => o['controller'] === true);
    if (!owner) return undefined;
    const key = getString(owner, 'uid') ?? '';
    let name = this.compositions.get(key);
    if (name === undefined) {
      const xr = await this.kube.get(getString(owner, 'apiVersion') ?? '', getString(owner, 'kind') ?? '', getString(owner, 'name') ?? '');
      name = getString(xr, 'spec.compositionRef.name') ?? getString(xr, 'spec.crossplane.compositionRef.name');
      if (name) this.compositions.set(key, name);
    }
    return name;
  }

  private async play(mr: Obj, composite: string): Promise<void> {
    const resourceName = annotation(mr, RESOURCE_NAME) ?? '';
    const composition = await this.compositionOf(mr);
    const truth = composition ? this.observed.get(composition) : undefined;
    const recorded = truth ? rename(truth.status.get(resourceName) ?? {}, truth.compositeName, composite) : {};
    const finalizers = Array.isArray(mr.metadata['finalizers']) ? (mr.metadata['finalizers'] as string[]) : [];
    if (!finalizers.includes(FINALIZER)) await this.kube.patch(mr, { metadata: { finalizers: [...finalizers, FINALIZER] } });
    const status = freshConditions(recorded);
    if (isObjectKind(mr)) {
      const manifest = await this.applyWrapped(mr, getObject(recorded, 'atProvider.manifest'));
      if (!manifest) return;
      status['atProvider'] = { manifest };
    }
    await this.kube.patch(mr, { status }, 'status');
    await this.publish(mr, resourceName, composite, truth);
    this.log.push({ apiVersion: mr.apiVersion, kind: mr.kind, name: mr.metadata.name, resourceName, composite });
  }

  /**
   * provider-kubernetes: the wrapped object applied to the cluster (this API
   * server) as the management policies allow, and reported as the server has
   * it. No operator runs, so its status is the one the example recorded.
   */
  private async applyWrapped(mr: Obj, recorded: JsonObject | undefined): Promise<JsonObject | undefined> {
    const manifest = getObject(mr, 'spec.forProvider.manifest') as Obj | undefined;
    if (!manifest) return undefined;
    const { apiVersion, kind, metadata } = manifest;
    const recordedStatus = getObject(recorded, 'status');
    let live = await this.kube.get(apiVersion, kind, metadata.name, metadata.namespace);
    if (!live && allows(mr, 'Create')) live = await this.kube.create(manifest);
    else if (live && allows(mr, 'Update')) live = await this.kube.apply(manifest, 'provider-kubernetes');
    // An observe-only Object of what an operator creates (StackGres' primary Service): no operator runs, so it is reported as the example recorded it.
    if (!live && recorded && !allows(mr, 'Create')) return JSON.parse(JSON.stringify(recorded)) as JsonObject;
    if (!live) return undefined;
    const { managedFields: _managedFields, ...meta } = live.metadata;
    const reported = { ...live, metadata: meta, ...(recordedStatus && live['status'] === undefined ? { status: recordedStatus } : {}) };
    return JSON.parse(JSON.stringify(reported)) as JsonObject;
  }

  /** The connection secret, when the resource asks for one: the keys its provider publishes, owned by the resource. */
  private async publish(mr: Obj, resourceName: string, composite: string, truth: Observed | undefined): Promise<void> {
    const ref = getObject(mr, 'spec.writeConnectionSecretToRef');
    const name = getString(ref, 'name');
    const namespace = getString(ref, 'namespace');
    if (!name || !namespace) return;
    const recorded = truth?.details.get(resourceName);
    const values: Record<string, string> = recorded ? rename(recorded, truth?.compositeName ?? '', composite) : {};
    const keys = new Set(Object.keys(values));
    const details = pathOf(mr, 'spec.connectionDetails');
    for (const d of Array.isArray(details) ? details : []) {
      const key = getString(d, 'toConnectionSecretKey');
      if (key) keys.add(key);
    }
    for (const key of PUBLISHED_KEYS[`${groupOf(mr.apiVersion)}/${mr.kind}`] ?? []) keys.add(key);
    const data = Object.fromEntries([...keys].map((k) => [k, Buffer.from(values[k] ?? `e2e-${resourceName}-${k}`).toString('base64')]));
    const secret: Obj = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        ownerReferences: [{ apiVersion: mr.apiVersion, kind: mr.kind, name: mr.metadata.name, uid: String(mr.metadata['uid']), controller: true }],
      },
      type: 'connection.crossplane.io/v1alpha1',
      data,
    };
    await this.kube.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    const existing = await this.kube.get('v1', 'Secret', name, namespace);
    if (existing) await this.kube.patch(existing, { data });
    else await this.kube.create(secret);
  }
}

function pathOf(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.')) cur = isObject(cur) ? cur[part] : undefined;
  return cur;
}

/** The managed kinds the goldens compose (every composed kind that is not a composite of ours). */
export function managedKinds(root: string, compositeGroups: ReadonlySet<string>): Array<{ apiVersion: string; kind: string }> {
  const seen = new Map<string, { apiVersion: string; kind: string }>();
  for (const c of findExamples(root)) {
    if (!existsSync(c.expectedOutput)) continue;
    for (const doc of readYamlDocuments(c.expectedOutput).slice(1)) {
      const apiVersion = getString(doc, 'apiVersion') ?? '';
      const kind = getString(doc, 'kind') ?? '';
      if (!apiVersion || apiVersion.startsWith('render.crossplane.io/') || compositeGroups.has(groupOf(apiVersion))) continue;
      seen.set(`${apiVersion}/${kind}`, { apiVersion, kind });
    }
  }
  return [...seen.values()];
}
