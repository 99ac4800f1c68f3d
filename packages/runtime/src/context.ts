// The per-call view a service's steps work with: typed access to the
// request (observed composite and composed resources, input, parameters)
// and the desired state they build.
import {
  Ready,
  Severity,
  Status,
  Target,
  type Condition as ProtoCondition,
  type Resource,
  type Result,
  type RunFunctionRequest,
} from '@crossplane-org/function-sdk-typescript';
import { FieldError } from './errors.js';
import { BoundedCache, dnsName } from './names.js';
import { objectOf, observedManifest, type ManagementPolicy, type ObjectOptions } from './objects.js';
import {
  deepClone,
  getCondition,
  isConditionTrue,
  isObject,
  setOwn,
  withLabels,
  type JsonObject,
  type JsonValue,
  type KubeObject,
} from './unstructured.js';

/**
 * A condition users can read on their claim. Crossplane keeps Ready and
 * Synced to itself (functions cannot set system conditions), so the
 * service's own view is ServiceReady: what it waits for, what is not ready.
 */
export const SERVICE_READY = 'ServiceReady';

/** The labels Crossplane puts on a composite that belongs to a claim. */
export const CLAIM_NAME = 'crossplane.io/claim-name';
export const CLAIM_NAMESPACE = 'crossplane.io/claim-namespace';

/** Input fields the runtime itself understands; each function's input schema may declare them. */
export interface RuntimeInput {
  apiVersion?: string;
  kind?: string;
  /** ProviderConfig of provider-kubernetes for wrapped objects. */
  kubernetesProviderConfigName?: string;
}

export type ResultTarget = 'composite' | 'composite-and-claim';

export interface ResultOptions {
  /** PascalCase reason; Crossplane defaults it to ComposeResources. */
  reason?: string;
  /** Default `composite-and-claim`: results are for the user who owns the claim. */
  target?: ResultTarget;
}

export interface DesireOptions {
  /** An explicit readiness; without it the resource is ready once observed with Ready=True. */
  ready?: boolean;
}

function toTarget(target: ResultTarget | undefined): Target {
  return target === 'composite' ? Target.TARGET_COMPOSITE : Target.TARGET_COMPOSITE_AND_CLAIM;
}

/**
 * What a run produces. The function that runs the steps owns it; steps
 * reach it only through the context's methods, so the one way a step fails
 * is to throw.
 */
export interface Outcome {
  /** Desired composed resources, starting with what earlier pipeline steps produced. */
  readonly desired: Map<string, Resource>;
  /** Names of the resources this function composed (readiness is derived only for them). */
  readonly composed: Set<string>;
  readonly status: JsonObject;
  readonly connectionDetails: Map<string, Buffer>;
  readonly results: Result[];
  readonly conditions: ProtoCondition[];
  /** What the service is waiting for: the composite is not ready while non-empty. */
  readonly waitingFor: string[];
}

/** Whether a resource is a Kubernetes object Crossplane can apply: it has an apiVersion and a kind. */
export function isWellFormed(resource: unknown): resource is JsonObject {
  return (
    isObject(resource) &&
    typeof resource['apiVersion'] === 'string' &&
    resource['apiVersion'] !== '' &&
    typeof resource['kind'] === 'string' &&
    resource['kind'] !== ''
  );
}

/**
 * An empty outcome whose desired state is what earlier pipeline steps
 * desired. A desired resource that is not a well-formed object is not passed
 * on: Crossplane could only fail on it; a warning names it.
 */
export function newOutcome(request: RunFunctionRequest): Outcome {
  const out: Outcome = {
    desired: new Map(),
    composed: new Set(),
    status: {},
    connectionDetails: new Map(),
    results: [],
    conditions: [],
    waitingFor: [],
  };
  for (const [name, r] of Object.entries(deepClone(request.desired?.resources ?? {}))) {
    if (isWellFormed(r.resource)) out.desired.set(name, r);
    else out.results.push(skipped(`desired resource ${JSON.stringify(name)} of an earlier step`));
  }
  return out;
}

/** The warning for a resource that is not passed on. */
export function skipped(what: string): Result {
  return {
    severity: Severity.SEVERITY_WARNING,
    message: `${what} has no apiVersion or kind and is not passed on`,
    reason: 'MalformedResource',
    target: Target.TARGET_COMPOSITE,
  };
}

export class ServiceContext<P, I extends RuntimeInput> {
  readonly composite: KubeObject;
  private readonly labels: Record<string, string>;
  /** The names this composite's objects get, by suffix (see nameFor). */
  private names: ComposedNames | undefined;
  /** Values computed once per call (see once). */
  private readonly computed = new Map<(ctx: ServiceContext<P, I>) => unknown, unknown>();

  constructor(
    private readonly request: RunFunctionRequest,
    readonly params: P,
    readonly input: I,
    private readonly out: Outcome,
    /** The function's labels hook: labels for everything composed for the composite. */
    labelsOf: (composite: KubeObject) => Record<string, string> = () => ({}),
  ) {
    this.composite = compositeOf(request);
    this.labels = labelsOf(this.composite);
  }

  // --- the composite and its claim -------------------------------------

  get name(): string {
    return this.composite.metadata?.name ?? '';
  }

  get uid(): string {
    return this.composite.metadata?.uid ?? this.name;
  }

  get claimName(): string {
    return this.composite.metadata?.labels?.[CLAIM_NAME] ?? this.name;
  }

  get claimNamespace(): string | undefined {
    return this.composite.metadata?.labels?.[CLAIM_NAMESPACE];
  }

  /** A stable DNS-1123 name for something composed for this composite. */
  nameFor(...suffix: string[]): string {
    // The same few names on every reconcile, kept per composite name: by the suffix itself when
    // there is one, else by the JSON of the suffixes (never confused with each other).
    const names = (this.names ??= namesByComposite.get(this.name, () => ({ one: new Map<string, string>(), many: new Map<string, string>() })));
    const one = suffix.length === 1;
    const map = one ? names.one : names.many;
    const key = one ? (suffix[0] ?? '') : JSON.stringify(suffix);
    let name = map.get(key);
    if (name === undefined) {
      name = dnsName([this.name, ...suffix]);
      if (map.size < MAX_NAMES_PER_COMPOSITE) map.set(key, name);
    }
    return name;
  }

  /**
   * What `compute` gives for this context, computed once per call: for a
   * value several steps derive from the request alone. The value is shared
   * by those steps, so none may change it.
   */
  once<T>(compute: (ctx: ServiceContext<P, I>) => T): T {
    const known = this.computed.get(compute);
    if (known !== undefined || this.computed.has(compute)) return known as T;
    const value = compute(this);
    this.computed.set(compute, value);
    return value;
  }

  // --- observed state ------------------------------------------------------

  /** The observed composed resource `name`, when it is a well-formed object. */
  observed(name: string): KubeObject | undefined {
    const r = observedResource(this.request, name)?.resource;
    return isWellFormed(r) ? (r as unknown as KubeObject) : undefined;
  }

  observedNames(): string[] {
    return Object.keys(this.request.observed?.resources ?? {});
  }

  /** The manifest observed through a provider-kubernetes Object composed under `name`. */
  observedManifest(name: string): KubeObject | undefined {
    return observedManifest(this.observed(name));
  }

  /** One connection detail Crossplane observed for a composed resource, byte for byte (certificates and keys are not text). */
  observedConnectionDetail(name: string, key: string): Buffer | undefined {
    const details = observedResource(this.request, name)?.connectionDetails;
    const value = details && Object.hasOwn(details, key) ? details[key] : undefined;
    return value === undefined ? undefined : Buffer.from(value);
  }

  /**
   * The message with which a nested composite (one of ours, composed under
   * `name`) refuses its desired state: its ServiceReady condition is False
   * for bad input or a failed composition. The parent's claim is the only
   * place its user sees it.
   */
  nestedRefusal(name: string): string | undefined {
    const condition = getCondition(this.observed(name), SERVICE_READY);
    if (condition?.status !== 'False' || (condition.reason !== 'InvalidInput' && condition.reason !== 'ComposeFailed')) return undefined;
    return condition.message ?? condition.reason;
  }

  /** Repeats a nested composite's refusal (see nestedRefusal) as a warning and in this claim's ServiceReady. */
  repeatNestedRefusal(name: string, what: string, reason: string): void {
    const refusal = this.nestedRefusal(name);
    if (refusal === undefined) return;
    const message = `${what} refuses its parameters: ${refusal}`;
    this.result('warning', message, { reason });
    this.condition(SERVICE_READY, false, reason, message);
  }

  /** One connection detail of the composite itself, as Crossplane stored it on an earlier reconcile. */
  observedCompositeConnectionDetail(key: string): Buffer | undefined {
    const details = this.request.observed?.composite?.connectionDetails;
    const value = details && Object.hasOwn(details, key) ? details[key] : undefined;
    return value === undefined ? undefined : Buffer.from(value);
  }

  /** Connection details Crossplane observed for a composed resource, as strings. */
  observedConnectionDetails(name: string): Record<string, string> {
    const details = observedResource(this.request, name)?.connectionDetails;
    const out: Record<string, string> = {};
    if (details === undefined) return out;
    for (const key of Object.keys(details)) {
      const value = details[key];
      if (value !== undefined) setOwn(out, key, Buffer.from(value).toString('utf8'));
    }
    return out;
  }

  /** Whether the composed resource is observed with condition Ready=True. */
  isReady(name: string): boolean {
    return isConditionTrue(this.observed(name), 'Ready');
  }

  // --- desired state ----------------------------------------------------

  /**
   * Sets the desired composed resource `name`, replacing whatever was desired
   * under that name (never a merge: a field this step leaves out is gone).
   */
  desire(name: string, resource: KubeObject, opts: DesireOptions = {}): void {
    this.desireLabelled(name, withLabels(resource, this.labels), opts.ready);
  }

  /** desire() of a resource that carries this composite's labels already. */
  private desireLabelled(name: string, resource: KubeObject, ready: boolean | undefined): void {
    this.out.desired.set(name, {
      resource,
      connectionDetails: {},
      ready: ready === undefined ? Ready.READY_UNSPECIFIED : ready ? Ready.READY_TRUE : Ready.READY_FALSE,
    });
    this.out.composed.add(name);
  }

  /**
   * Desires the observed resource `name` as it is, when a step cannot compute
   * it this time (its inputs are briefly unavailable): leaving it out of the
   * desired state would delete it. Returns false when nothing is observed.
   */
  keep(name: string): boolean {
    const observed = observedResource(this.request, name)?.resource;
    if (!isWellFormed(observed)) return false;
    this.out.desired.set(name, { resource: asDesired(observed), connectionDetails: {}, ready: Ready.READY_UNSPECIFIED });
    this.out.composed.add(name);
    return true;
  }

  /** Whether a resource `name` is desired so far (by this function or an earlier step). */
  isDesired(name: string): boolean {
    return this.out.desired.has(name);
  }

  /** Desires `manifest` wrapped in a provider-kubernetes Object. */
  desireObject(name: string, manifest: KubeObject, opts: Omit<ObjectOptions, 'providerConfigName' | 'labels'> & DesireOptions): void {
    // Owner labels go on what we write; an object we only observe is someone else's.
    const applied = opts.managementPolicies === undefined || !observesOnly(opts.managementPolicies);
    // The Object is built with the labels desire() would add, rather than copied again to add them;
    // the options are read as they are, not copied into ObjectOptions first.
    const object = objectOf(applied ? withLabels(manifest, this.labels) : manifest, opts, this.providerConfigName(), { ...this.labels });
    this.desireLabelled(name, object, opts.ready);
  }

  private providerConfigName(): string {
    const name = this.input.kubernetesProviderConfigName;
    if (!name) throw new FieldError('input.kubernetesProviderConfigName', 'required to compose Kubernetes objects');
    return name;
  }

  /** Merges fields into the desired composite status. */
  setStatus(fields: JsonObject): void {
    Object.assign(this.out.status, fields);
  }

  /** A field of the desired composite status set by an earlier step. */
  desiredStatus(field: string): JsonValue | undefined {
    return this.out.status[field];
  }

  setConnectionDetail(key: string, value: string | Buffer): void {
    this.out.connectionDetails.set(key, Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
  }

  // --- results and conditions -----------------------------------------

  /** A normal or warning result; a step that cannot go on throws instead (see createFunction). */
  result(severity: 'normal' | 'warning', message: string, opts: ResultOptions = {}): void {
    const sev = severity === 'normal' ? Severity.SEVERITY_NORMAL : Severity.SEVERITY_WARNING;
    this.out.results.push({ severity: sev, message, ...(opts.reason ? { reason: opts.reason } : {}), target: toTarget(opts.target) });
  }

  condition(type: string, status: boolean | 'Unknown', reason: string, message?: string, target?: ResultTarget): void {
    const s = status === 'Unknown' ? Status.STATUS_CONDITION_UNKNOWN : status ? Status.STATUS_CONDITION_TRUE : Status.STATUS_CONDITION_FALSE;
    const existing = this.out.conditions.findIndex((c) => c.type === type);
    const cond: ProtoCondition = { type, status: s, reason, ...(message ? { message } : {}), target: toTarget(target) };
    if (existing >= 0) this.out.conditions[existing] = cond;
    else this.out.conditions.push(cond);
  }

  /** Records that the service waits for something; the composite stays not ready meanwhile. */
  waitFor(what: string): void {
    this.out.waitingFor.push(what);
  }
}

function observesOnly(policies: readonly ManagementPolicy[]): boolean {
  for (const p of policies) if (p !== 'Observe') return false;
  return true;
}

/**
 * The observed composed resource `name`. Resource names are the user's and
 * the composition's: a name such as `constructor` is an ordinary name, never
 * a member of the map object.
 */
export function observedResource(request: RunFunctionRequest, name: string): Resource | undefined {
  const resources = request.observed?.resources;
  return resources && Object.hasOwn(resources, name) ? resources[name] : undefined;
}

/** nameFor's names by composite name, then by suffix; both bounded, since suffixes may come from user input. */
interface ComposedNames {
  one: Map<string, string>;
  many: Map<string, string>;
}
const namesByComposite = new BoundedCache<ComposedNames>(1024);
const MAX_NAMES_PER_COMPOSITE = 256;

/** A DNS-1123 subdomain: what the API server accepts as an object's name. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * The observed composite of a request; a FieldError when the request carries
 * none, or one without the name, uid and labels that every composed name is
 * derived from.
 */
export function compositeOf(request: RunFunctionRequest): KubeObject {
  const xr = request.observed?.composite?.resource;
  if (!isWellFormed(xr)) throw new FieldError('observed.composite', 'the request carries no observed composite resource');
  const meta = xr['metadata'];
  const name = isObject(meta) ? meta['name'] : undefined;
  if (typeof name !== 'string' || name === '') throw new FieldError('metadata.name', 'the composite has no name, so nothing can be named after it');
  if (!OBJECT_NAME.test(name) || name.length > 253)
    throw new FieldError('metadata.name', `${JSON.stringify(name.slice(0, 80))} is not a Kubernetes object name`);
  const uid = isObject(meta) ? meta['uid'] : undefined;
  if (uid !== undefined && typeof uid !== 'string') throw new FieldError('metadata.uid', 'must be a string');
  const labels = isObject(meta) ? meta['labels'] : undefined;
  if (labels !== undefined && !(isObject(labels) && Object.values(labels).every((v) => typeof v === 'string'))) {
    throw new FieldError('metadata.labels', 'must map names to strings');
  }
  return xr as unknown as KubeObject;
}

/** Server-set metadata that must not be sent back as desired state. */
const SERVER_METADATA = new Set([
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'ownerReferences',
  'finalizers',
  'selfLink',
]);

/** An observed resource as desired state: metadata and spec as observed, without status and server-set fields. */
export function asDesired(observed: JsonObject): JsonObject {
  const { apiVersion, kind, metadata, status: _status, ...rest } = observed;
  const meta = isObject(metadata) ? Object.fromEntries(Object.entries(metadata).filter(([key]) => !SERVER_METADATA.has(key))) : {};
  return { apiVersion, kind, metadata: meta, ...rest };
}
