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
import { CLAIM_NAME, CLAIM_NAMESPACE, ownerLabels, withLabels } from './labels.js';
import { dnsName } from './names.js';
import { observedManifest, wrapObject, type ObjectOptions } from './objects.js';
import { deepClone, isConditionTrue, isObject, type JsonObject, type KubeObject } from './unstructured.js';

/** Input fields the runtime itself understands; each function's input schema may declare them. */
export interface RuntimeInput {
  apiVersion?: string;
  kind?: string;
  /** ProviderConfig of provider-kubernetes for wrapped objects. */
  kubernetesProviderConfigName?: string;
  /** Namespace the end user cannot see or change (billing config maps live there). */
  controlNamespace?: string;
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

export class ServiceContext<P, I extends RuntimeInput> {
  readonly composite: KubeObject;
  readonly results: Result[] = [];
  readonly conditions: ProtoCondition[] = [];
  /** Desired composed resources, starting with what earlier pipeline steps produced. */
  readonly desired: Map<string, Resource>;
  /** Names of the resources this function composed (readiness is derived only for them). */
  readonly composed = new Set<string>();
  readonly status: JsonObject = {};
  readonly connectionDetails = new Map<string, Buffer>();
  /** What the service is waiting for: the composite is not ready while non-empty. */
  readonly waitingFor: string[] = [];
  private readonly labels: Record<string, string>;

  constructor(
    readonly request: RunFunctionRequest,
    readonly params: P,
    readonly input: I,
  ) {
    const xr = request.observed?.composite?.resource;
    if (!isObject(xr) || typeof xr['apiVersion'] !== 'string' || typeof xr['kind'] !== 'string') {
      throw new FieldError('observed.composite', 'the request carries no observed composite resource');
    }
    this.composite = xr as unknown as KubeObject;
    this.desired = new Map(Object.entries(deepClone(request.desired?.resources ?? {})));
    this.labels = ownerLabels(this.composite);
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
    return dnsName([this.name, ...suffix]);
  }

  // --- observed state ------------------------------------------------------

  observed(name: string): KubeObject | undefined {
    const r = this.request.observed?.resources?.[name]?.resource;
    return isObject(r) ? (r as unknown as KubeObject) : undefined;
  }

  observedNames(): string[] {
    return Object.keys(this.request.observed?.resources ?? {});
  }

  /** The manifest observed through a provider-kubernetes Object composed under `name`. */
  observedManifest(name: string): KubeObject | undefined {
    return observedManifest(this.observed(name));
  }

  /** Connection details Crossplane observed for a composed resource, as strings. */
  observedConnectionDetails(name: string): Record<string, string> {
    const details = this.request.observed?.resources?.[name]?.connectionDetails ?? {};
    return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, Buffer.from(v).toString('utf8')]));
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
    const ready = opts.ready === undefined ? Ready.READY_UNSPECIFIED : opts.ready ? Ready.READY_TRUE : Ready.READY_FALSE;
    this.desired.set(name, { resource: withLabels(resource, this.labels), connectionDetails: {}, ready });
    this.composed.add(name);
  }

  /**
   * Desires the observed resource `name` as it is, when a step cannot compute
   * it this time (its inputs are briefly unavailable): leaving it out of the
   * desired state would delete it. Returns false when nothing is observed.
   */
  keep(name: string): boolean {
    const observed = this.request.observed?.resources?.[name]?.resource;
    if (!isObject(observed)) return false;
    this.desired.set(name, { resource: asDesired(observed), connectionDetails: {}, ready: Ready.READY_UNSPECIFIED });
    this.composed.add(name);
    return true;
  }

  /** Desires `manifest` wrapped in a provider-kubernetes Object. */
  desireObject(
    name: string,
    manifest: KubeObject,
    opts: Omit<ObjectOptions, 'providerConfigName' | 'labels'> & DesireOptions,
  ): void {
    const { ready, ...objectOpts } = opts;
    // Owner labels go on what we write; an object we only observe is someone else's.
    const applied = !opts.managementPolicies || opts.managementPolicies.some((p) => p !== 'Observe');
    const object = wrapObject(applied ? withLabels(manifest, this.labels) : manifest, { ...objectOpts, providerConfigName: this.providerConfigName() });
    this.desire(name, object, ready === undefined ? {} : { ready });
  }

  private providerConfigName(): string {
    const name = this.input.kubernetesProviderConfigName;
    if (!name) throw new FieldError('input.kubernetesProviderConfigName', 'required to compose Kubernetes objects');
    return name;
  }

  /** Merges fields into the desired composite status. */
  setStatus(fields: JsonObject): void {
    Object.assign(this.status, fields);
  }

  setConnectionDetail(key: string, value: string | Buffer): void {
    this.connectionDetails.set(key, Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
  }

  // --- results and conditions -----------------------------------------

  result(severity: 'normal' | 'warning' | 'fatal', message: string, opts: ResultOptions = {}): void {
    const sev = { normal: Severity.SEVERITY_NORMAL, warning: Severity.SEVERITY_WARNING, fatal: Severity.SEVERITY_FATAL }[severity];
    this.results.push({ severity: sev, message, ...(opts.reason ? { reason: opts.reason } : {}), target: toTarget(opts.target) });
  }

  condition(type: string, status: boolean | 'Unknown', reason: string, message?: string, target?: ResultTarget): void {
    const s = status === 'Unknown' ? Status.STATUS_CONDITION_UNKNOWN : status ? Status.STATUS_CONDITION_TRUE : Status.STATUS_CONDITION_FALSE;
    const existing = this.conditions.findIndex((c) => c.type === type);
    const cond: ProtoCondition = { type, status: s, reason, ...(message ? { message } : {}), target: toTarget(target) };
    if (existing >= 0) this.conditions[existing] = cond;
    else this.conditions.push(cond);
  }

  /** Records that the service waits for something; the composite stays not ready meanwhile. */
  waitFor(what: string): void {
    this.waitingFor.push(what);
  }
}

/** Server-set metadata that must not be sent back as desired state. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'ownerReferences', 'finalizers', 'selfLink'];

/** An observed resource as desired state: metadata and spec as observed, without status and server-set fields. */
export function asDesired(observed: JsonObject): JsonObject {
  const { apiVersion, kind, metadata, status: _status, ...rest } = observed;
  const meta = isObject(metadata) ? { ...metadata } : {};
  for (const key of SERVER_METADATA) delete meta[key];
  return { apiVersion, kind, metadata: meta, ...rest };
}
