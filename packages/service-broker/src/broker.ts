// The OSB semantics: what each endpoint does to the store and answers, as
// spec.md v2.17 defines it (idempotent re-sends, 409 for different
// attributes, 410 for what is gone, asynchronous provision/update/delete).
import { isObject, type JsonObject } from '@appcat/runtime';
import { addEntry, bindingCredentialsSecretName, bindingUser, hasUser, keepList, removeEntry, userCredentials } from './access.js';
import { buildCatalog, ServiceIndex, type Catalog } from './catalog.js';
import { asyncRequired, badRequest, BrokerError, concurrencyError, conflict, gone, notFound } from './errors.js';
import type { OriginatingIdentity } from './identity.js';
import { operationId, operationStatus, readOperation, condition, type Operation } from './operations.js';
import { claimParameters, merge, planChangeRefusal, planSchemas, validateParameters } from './parameters.js';
import { bindingSecretName, claimName, connectionSecretName, type NamespaceMapping } from './placement.js';
import type { ClaimAPI, PlanDefinition, ServiceDefinition } from './plans.js';
import { ANNOTATIONS, jsonAnnotation, LABELS, labelValue, MANAGER, type Claim, type Secret, type Store } from './store.js';

export interface ProvisionRequest {
  service_id: string;
  plan_id: string;
  context?: JsonObject;
  organization_guid?: string;
  space_guid?: string;
  parameters?: JsonObject;
  maintenance_info?: { version?: string };
}

export interface UpdateRequest {
  service_id: string;
  plan_id?: string;
  context?: JsonObject;
  parameters?: JsonObject;
  previous_values?: JsonObject;
  maintenance_info?: { version?: string };
}

export interface BindRequest {
  service_id: string;
  plan_id: string;
  context?: JsonObject;
  app_guid?: string;
  bind_resource?: JsonObject;
  parameters?: JsonObject;
  predecessor_binding_id?: string;
}

export interface InstanceQuery {
  service_id?: string;
  plan_id?: string;
  operation?: string;
}

/** Who asked and whether they accept an asynchronous answer. */
export interface CallInfo {
  identity?: OriginatingIdentity;
  acceptsIncomplete: boolean;
}

export interface Reply {
  status: number;
  body: JsonObject;
  /** Seconds until the platform should poll again (last_operation only). */
  retryAfter?: number;
}

export interface BrokerOptions {
  namespaces: NamespaceMapping;
  /** Create the namespace the mapping names when it does not exist. */
  createNamespaces: boolean;
  retryAfterSeconds: number;
}

/** JSON with sorted keys: two requests are "identical" when these agree. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

interface Instance {
  service: ServiceDefinition;
  plan: PlanDefinition | undefined;
  claim: Claim;
}

const ok = (body: JsonObject = {}): Reply => ({ status: 200, body });

const UPDATE_ATTEMPTS = 3;
/** Binds and unbinds of one instance all write its list of users: enough tries for dozens at once. */
const ACCESS_ATTEMPTS = 20;

/** A replace that found the claim changed since it was read; after the last attempt the platform gets a ConcurrencyError. */
class StaleWrite extends BrokerError {
  constructor() {
    super(422, 'ConcurrencyError', 'the instance was changed concurrently; send the request again');
  }
}

export class Broker {
  private readonly index: ServiceIndex;
  private readonly claimAPIs: ClaimAPI[];
  readonly catalog: Catalog;

  constructor(
    services: ServiceDefinition[],
    private readonly store: Store,
    private readonly opts: BrokerOptions,
  ) {
    this.index = new ServiceIndex(services);
    this.claimAPIs = services.map((s) => s.claim);
    this.catalog = buildCatalog(services);
  }

  // ---- lookups ------------------------------------------------------------

  private serviceOf(id: string): ServiceDefinition {
    const service = this.index.service(id);
    if (!service) throw badRequest(`service_id ${id} is not in this broker's catalog`);
    return service;
  }

  private planOf(service: ServiceDefinition, id: string): PlanDefinition {
    const plan = this.index.plan(service, id);
    if (!plan) throw badRequest(`plan_id ${id} is not a plan of service ${service.name}`);
    return plan;
  }

  /** The instance's claim: of the hinted service's kind only, or of any kind (then `cachedExcept` alone is read consistently). */
  private async findInstance(instanceId: string, serviceHint?: string, cachedExcept?: ServiceDefinition): Promise<Instance | undefined> {
    const hinted = serviceHint !== undefined ? this.index.service(serviceHint) : undefined;
    const cached = cachedExcept ? this.claimAPIs.filter((a) => a !== cachedExcept.claim) : [];
    const found = await this.store.findClaim(hinted ? [hinted.claim] : this.claimAPIs, instanceId, cached);
    if (!found) return undefined;
    const service = this.index.services.find((s) => s.claim === found.api);
    if (!service) return undefined;
    const planId = found.claim.metadata.labels?.[LABELS.plan] ?? '';
    return { service, plan: this.index.plan(service, planId), claim: found.claim };
  }

  private checkMaintenance(plan: PlanDefinition, mi: { version?: string } | undefined): void {
    if (mi?.version !== undefined && mi.version !== plan.maintenance_info.version) {
      throw new BrokerError(
        422,
        'MaintenanceInfoConflict',
        `maintenance_info.version ${mi.version} is not the version of plan ${plan.name} (${plan.maintenance_info.version}); fetch the catalog again`,
      );
    }
  }

  private checkParameters(schema: JsonObject, parameters: JsonObject | undefined): void {
    const problems = validateParameters(schema, parameters ?? {});
    if (problems.length > 0) throw badRequest(`invalid parameters: ${problems.join('; ')}`);
  }

  private userParameters(claim: Claim): JsonObject {
    const v = jsonAnnotation(claim.metadata, ANNOTATIONS.parameters);
    return isObject(v) ? v : {};
  }

  private identityAnnotations(call: CallInfo): Record<string, string> {
    return call.identity ? { [ANNOTATIONS.identity]: call.identity.raw } : {};
  }

  private identityLabels(call: CallInfo): Record<string, string> {
    const user = call.identity?.user;
    return user !== undefined ? { [LABELS.user]: labelValue(user) } : {};
  }

  // ---- catalog --------------------------------------------------------------

  getCatalog(): Reply {
    return ok(this.catalog as unknown as JsonObject);
  }

  // ---- provision ------------------------------------------------------------

  async provision(instanceId: string, body: ProvisionRequest, call: CallInfo): Promise<Reply> {
    const service = this.serviceOf(body.service_id);
    const plan = this.planOf(service, body.plan_id);
    this.checkMaintenance(plan, body.maintenance_info);
    this.checkParameters(planSchemas(service, plan).create, body.parameters);
    const request = {
      service_id: body.service_id,
      plan_id: body.plan_id,
      parameters: body.parameters ?? {},
      context: body.context ?? {},
      organization_guid: body.organization_guid,
      space_guid: body.space_guid,
    };
    const existing = await this.findInstance(instanceId, undefined, service);
    if (existing) return this.resentProvision(existing, request);
    if (!call.acceptsIncomplete) throw asyncRequired();

    const namespace = this.opts.namespaces.namespaceFor(body.context, body);
    if (this.opts.createNamespaces) await this.store.ensureNamespace(namespace);
    const name = claimName(instanceId);
    const op: Operation = { type: 'provision', generation: 1, startedAt: new Date().toISOString() };
    const platform = typeof body.context?.['platform'] === 'string' ? body.context['platform'] : (call.identity?.platform ?? '');
    const claim: Claim = {
      apiVersion: `${service.claim.group}/${service.claim.version}`,
      kind: service.claim.kind,
      metadata: {
        name,
        namespace,
        labels: {
          [LABELS.managedBy]: MANAGER,
          [LABELS.instance]: labelValue(instanceId),
          [LABELS.service]: labelValue(service.id),
          [LABELS.plan]: labelValue(plan.id),
          ...(platform !== '' ? { [LABELS.platform]: labelValue(platform) } : {}),
          ...this.identityLabels(call),
        },
        annotations: {
          [ANNOTATIONS.instance]: instanceId,
          [ANNOTATIONS.request]: canonical(request),
          [ANNOTATIONS.parameters]: canonical(body.parameters ?? {}),
          [ANNOTATIONS.context]: canonical(body.context ?? {}),
          [ANNOTATIONS.operation]: JSON.stringify(op),
          [ANNOTATIONS.maintenance]: plan.maintenance_info.version,
          ...this.identityAnnotations(call),
        },
      },
      spec: {
        parameters: claimParameters(plan, body.parameters ?? {}),
        writeConnectionSecretToRef: { name: connectionSecretName(name) },
      },
    };
    const created = await this.store.createClaim(service.claim, claim);
    if (created === 'exists') {
      // Another replica (or an earlier attempt) created it just now: answer as for a re-sent request.
      const raced = await this.findInstance(instanceId, service.id);
      if (!raced) throw conflict(`a claim named ${namespace}/${name} exists but belongs to no instance ${instanceId}`);
      return this.resentProvision(raced, request);
    }
    return { status: 202, body: { operation: operationId(op) } };
  }

  private resentProvision(existing: Instance, request: JsonObject): Reply {
    if (existing.claim.metadata.annotations?.[ANNOTATIONS.request] !== canonical(request)) {
      throw conflict('an instance with this id exists with other attributes (service, plan, parameters or context)');
    }
    if (existing.claim.metadata.deletionTimestamp !== undefined) throw concurrencyError('the instance is being deprovisioned');
    const op = readOperation(existing.claim);
    if (!op || op.type !== 'provision') return ok(); // provisioned, since changed by an update
    const status = operationStatus(existing.claim, op);
    return status.state === 'succeeded' ? ok() : { status: 202, body: { operation: operationId(op) } };
  }

  // ---- update ---------------------------------------------------------------

  async update(instanceId: string, body: UpdateRequest, call: CallInfo): Promise<Reply> {
    // Crossplane writes claims too (resource references, conditions): a write that lost the race is tried again on a fresh read.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.updateOnce(instanceId, body, call);
      } catch (err) {
        if (!(err instanceof StaleWrite) || attempt === UPDATE_ATTEMPTS) throw err;
      }
    }
  }

  private async updateOnce(instanceId: string, body: UpdateRequest, call: CallInfo): Promise<Reply> {
    const service = this.serviceOf(body.service_id);
    const instance = await this.findInstance(instanceId, service.id);
    if (!instance) throw badRequest(`there is no instance ${instanceId} of service ${service.name}`);
    const { claim } = instance;
    if (claim.metadata.deletionTimestamp !== undefined) throw concurrencyError('the instance is being deprovisioned');
    const from = instance.plan;
    if (!from) throw badRequest(`the instance's plan ${claim.metadata.labels?.[LABELS.plan] ?? ''} is no longer in the catalog`);
    const to = body.plan_id !== undefined ? this.planOf(service, body.plan_id) : from;
    this.checkMaintenance(to, body.maintenance_info);
    if (to.id !== from.id) {
      const refusal = planChangeRefusal(service, from, to);
      if (refusal) throw new BrokerError(422, 'PlanChangeNotSupported', refusal, { instance_usable: true, update_repeatable: false });
    }
    this.checkParameters(planSchemas(service, to).update, body.parameters);

    const userParameters = merge(this.userParameters(claim), body.parameters ?? {});
    const access = service.bindingCredentials;
    const parameters =
      access.kind === 'access' ? keepList(claimParameters(to, userParameters), claim, access.path) : claimParameters(to, userParameters);
    const annotations: Record<string, string> = {
      ...claim.metadata.annotations,
      [ANNOTATIONS.parameters]: canonical(userParameters),
      [ANNOTATIONS.context]: canonical(merge(jsonObject(jsonAnnotation(claim.metadata, ANNOTATIONS.context)), body.context ?? {})),
      [ANNOTATIONS.maintenance]: to.maintenance_info.version,
      ...this.identityAnnotations(call),
    };
    const current = readOperation(claim);
    const currentStatus = current ? operationStatus(claim, current) : undefined;

    // Compared with what the broker wrote, not the claim's spec: the API server fills in the XRD's defaults there.
    if (canonical(userParameters) === canonical(this.userParameters(claim)) && to.id === from.id) {
      // Nothing for the service to do. A re-sent update still in flight stays 202 (spec: never 200 before it completes).
      if (current?.type === 'update' && currentStatus?.state === 'in progress') return { status: 202, body: { operation: operationId(current) } };
      if (canonical(annotations) !== canonical(claim.metadata.annotations ?? {}))
        await this.replace(instance, { ...claim, metadata: { ...claim.metadata, annotations } });
      return ok();
    }
    if (!call.acceptsIncomplete) throw asyncRequired();
    if (current && currentStatus?.state === 'in progress') {
      throw concurrencyError(`the instance's ${current.type} is still in progress; update it once last_operation reports it done`);
    }
    const op: Operation = {
      type: 'update',
      generation: (claim.metadata.generation ?? 1) + 1,
      startedAt: new Date().toISOString(),
      fromPlanId: from.id,
      ...(current && currentStatus
        ? { previous: { id: operationId(current), state: currentStatus.state, description: currentStatus.description } }
        : {}),
    };
    const updated: Claim = {
      ...claim,
      metadata: {
        ...claim.metadata,
        labels: { ...claim.metadata.labels, [LABELS.plan]: labelValue(to.id), ...this.identityLabels(call) },
        annotations: { ...annotations, [ANNOTATIONS.operation]: JSON.stringify(op) },
      },
      spec: { ...claim.spec, parameters },
    };
    const written = await this.replace(instance, updated);
    if (written.metadata.generation !== undefined && written.metadata.generation !== op.generation) {
      // Generation moves by one per spec change; should another writer have moved it too, wait for what we wrote.
      const fixed = { ...op, generation: written.metadata.generation };
      await this.replace(instance, {
        ...written,
        metadata: { ...written.metadata, annotations: { ...written.metadata.annotations, [ANNOTATIONS.operation]: JSON.stringify(fixed) } },
      });
      return { status: 202, body: { operation: operationId(fixed) } };
    }
    return { status: 202, body: { operation: operationId(op) } };
  }

  private async replace(instance: Instance, claim: Claim): Promise<Claim> {
    const written = await this.store.replaceClaim(instance.service.claim, claim);
    if (written === 'conflict') throw new StaleWrite();
    if (written === 'gone') throw concurrencyError('the instance was deleted meanwhile');
    return written;
  }

  // ---- deprovision ----------------------------------------------------------

  async deprovision(instanceId: string, query: InstanceQuery, call: CallInfo): Promise<Reply> {
    if (query.service_id !== undefined) this.serviceOf(query.service_id);
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance) throw gone(`there is no instance ${instanceId}`);
    if (!call.acceptsIncomplete) throw asyncRequired();
    if (instance.claim.metadata.deletionTimestamp === undefined) await this.store.deleteClaim(instance.service.claim, instance.claim);
    return { status: 202, body: { operation: 'deprovision' } };
  }

  // ---- last_operation -------------------------------------------------------

  async lastOperation(instanceId: string, query: InstanceQuery): Promise<Reply> {
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance) {
      // Gone is the success of a delete; for anything else the instance is unknown.
      if (query.operation === undefined || query.operation === 'deprovision') throw gone(`instance ${instanceId} is deleted`);
      throw notFound(`there is no instance ${instanceId}`);
    }
    const { claim } = instance;
    const retry = this.opts.retryAfterSeconds;
    if (claim.metadata.deletionTimestamp !== undefined) {
      const waiting = (claim.metadata.finalizers ?? []).join(', ');
      return {
        status: 200,
        body: { state: 'in progress', description: `Deleting the service${waiting ? ` (waiting for ${waiting})` : ''}.` },
        retryAfter: retry,
      };
    }
    const op: Operation | undefined = readOperation(claim);
    if (!op) throw notFound(`instance ${instanceId} has no operation recorded`);
    if (query.operation !== undefined && query.operation !== operationId(op)) {
      if (op.previous?.id === query.operation) return ok({ state: op.previous.state, description: op.previous.description });
      throw badRequest(`operation ${query.operation} is not an operation of instance ${instanceId} (the last one is ${operationId(op)})`);
    }
    const status = operationStatus(claim, op);
    const body: JsonObject = { state: status.state, description: status.description };
    if (op.type === 'update' && status.state === 'failed') {
      body['instance_usable'] = true;
      body['update_repeatable'] = true;
    }
    return status.state === 'in progress' ? { status: 200, body, retryAfter: retry } : ok(body);
  }

  // ---- fetch instance -------------------------------------------------------

  async getInstance(instanceId: string, query: InstanceQuery): Promise<Reply> {
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance || instance.claim.metadata.deletionTimestamp !== undefined) throw notFound(`there is no instance ${instanceId}`);
    const { claim, service, plan } = instance;
    const op = readOperation(claim);
    const status = op ? operationStatus(claim, op) : undefined;
    if (op?.type === 'provision' && status?.state !== 'succeeded')
      throw notFound(`instance ${instanceId} is not provisioned yet (${status?.description ?? ''})`);
    if (op?.type === 'update' && status?.state === 'in progress') throw concurrencyError(`instance ${instanceId} is being updated`);
    return ok({
      service_id: service.id,
      plan_id: plan?.id ?? claim.metadata.labels?.[LABELS.plan] ?? '',
      parameters: this.userParameters(claim),
      maintenance_info: { version: claim.metadata.annotations?.[ANNOTATIONS.maintenance] ?? plan?.maintenance_info.version ?? '' },
      metadata: { labels: {}, attributes: { kind: claim.kind, namespace: claim.metadata.namespace, name: claim.metadata.name } },
    });
  }

  // ---- bindings -------------------------------------------------------------

  /** The instance's credentials once it is ready and Crossplane wrote its connection secret. */
  private async instanceCredentials(instance: Instance): Promise<JsonObject | undefined> {
    const ready = condition(instance.claim, 'Ready');
    if (ready?.status !== 'True') return undefined;
    const ref = instance.claim.spec.writeConnectionSecretToRef?.name;
    if (ref === undefined) return undefined;
    const secret = await this.store.getSecret(instance.claim.metadata.namespace, ref);
    if (!secret?.data || Object.keys(secret.data).length === 0) return undefined;
    return Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  }

  /** What a binding returns: its own user's credentials once their Secret is written, or the instance's. */
  private async bindingCredentials(instance: Instance, instanceId: string, bindingId: string): Promise<JsonObject | undefined> {
    if (instance.service.bindingCredentials.kind === 'instance') return this.instanceCredentials(instance);
    const secret = await this.store.getSecret(instance.claim.metadata.namespace, bindingCredentialsSecretName(instanceId, bindingId));
    return userCredentials(secret, instance.claim);
  }

  /**
   * Changes the claim's list of users (`change` answers undefined when there
   * is nothing to do). Crossplane and other bindings write the claim too: a
   * write that lost the race is done again on a fresh read, so no binding's
   * entry is ever lost to another's.
   */
  private async changeUsers(instance: Instance, change: (claim: Claim) => Claim | undefined): Promise<void> {
    const { namespace, name, uid } = instance.claim.metadata;
    let claim = instance.claim;
    for (let attempt = 1; ; attempt++) {
      const changed = change(claim);
      if (!changed) return;
      const written = await this.store.replaceClaim(instance.service.claim, changed);
      if (written === 'gone') throw concurrencyError('the instance was deleted meanwhile');
      if (written !== 'conflict') return;
      if (attempt === ACCESS_ATTEMPTS) throw new StaleWrite();
      // Spread the retries of writers that collided, so they do not collide again.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * Math.min(attempt, 5)));
      const fresh = await this.store.getClaim(instance.service.claim, namespace, name);
      if (!fresh || fresh.metadata.uid !== uid) throw concurrencyError('the instance was deleted meanwhile');
      claim = fresh;
    }
  }

  /** Lists the binding's user on the claim, its credentials to go to the binding's Secret beside the claim. */
  private addUser(instance: Instance, path: string, instanceId: string, bindingId: string): Promise<void> {
    const entry = {
      user: bindingUser(bindingId),
      writeConnectionSecretToRef: { name: bindingCredentialsSecretName(instanceId, bindingId), namespace: instance.claim.metadata.namespace },
    };
    return this.changeUsers(instance, (claim) => addEntry(claim, path, entry));
  }

  private async bindingRecord(instance: Instance, bindingId: string): Promise<Secret | undefined> {
    const instanceId = instance.claim.metadata.annotations?.[ANNOTATIONS.instance] ?? '';
    const record = await this.store.getSecret(instance.claim.metadata.namespace, bindingSecretName(instanceId, bindingId));
    // The name carries a hash; the annotations are the ids themselves.
    const a = record?.metadata.annotations;
    return a?.[ANNOTATIONS.instance] === instanceId && a[ANNOTATIONS.binding] === bindingId ? record : undefined;
  }

  private provisionFailure(instance: Instance): string | undefined {
    const op = readOperation(instance.claim);
    if (op?.type !== 'provision') return undefined;
    const status = operationStatus(instance.claim, op);
    return status.state === 'failed' ? status.description : undefined;
  }

  async bind(instanceId: string, bindingId: string, body: BindRequest, call: CallInfo): Promise<Reply> {
    const service = this.serviceOf(body.service_id);
    const plan = this.planOf(service, body.plan_id);
    this.checkParameters(planSchemas(service, plan).bind, body.parameters);
    const instance = await this.findInstance(instanceId, service.id);
    if (!instance) throw badRequest(`there is no instance ${instanceId} of service ${service.name}`);
    const request = {
      service_id: body.service_id,
      plan_id: body.plan_id,
      app_guid: body.app_guid,
      bind_resource: body.bind_resource ?? {},
      parameters: body.parameters ?? {},
    };

    const existing = await this.bindingRecord(instance, bindingId);
    if (existing) return this.resentBind(instance, instanceId, bindingId, existing, request);
    if (instance.claim.metadata.deletionTimestamp !== undefined) throw concurrencyError('the instance is being deprovisioned');
    if (instance.plan?.id !== plan.id) throw badRequest(`plan_id ${plan.id} is not the instance's plan`);
    const failure = this.provisionFailure(instance);
    if (failure !== undefined) throw new BrokerError(422, 'InstanceFailed', `the instance failed to provision: ${failure}`);

    const access = service.bindingCredentials;
    if (access.kind === 'access' && !call.acceptsIncomplete) {
      throw new BrokerError(
        422,
        'AsyncRequired',
        'Every binding of this service gets a user of its own, which takes a while to create: send accepts_incomplete=true.',
      );
    }
    const credentials = access.kind === 'instance' ? await this.instanceCredentials(instance) : undefined;
    if (access.kind === 'instance' && !credentials && !call.acceptsIncomplete)
      throw concurrencyError('the instance is not ready yet; bind once last_operation reports it succeeded, or send accepts_incomplete=true');
    const record: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: bindingSecretName(instanceId, bindingId),
        namespace: instance.claim.metadata.namespace,
        labels: { [LABELS.managedBy]: MANAGER, [LABELS.instance]: labelValue(instanceId), [LABELS.binding]: labelValue(bindingId) },
        annotations: {
          [ANNOTATIONS.instance]: instanceId,
          [ANNOTATIONS.binding]: bindingId,
          [ANNOTATIONS.request]: canonical(request),
          [ANNOTATIONS.bound]: String(credentials !== undefined),
          ...(access.kind === 'access' ? { [ANNOTATIONS.user]: bindingUser(bindingId) } : {}),
          ...this.identityAnnotations(call),
        },
        // Deleting the instance's claim deletes its binding records with it.
        ...(instance.claim.metadata.uid !== undefined
          ? {
              ownerReferences: [
                {
                  apiVersion: instance.claim.apiVersion,
                  kind: instance.claim.kind,
                  name: instance.claim.metadata.name,
                  uid: instance.claim.metadata.uid,
                },
              ],
            }
          : {}),
      },
    };
    // The record first: the user is then always found by a re-sent bind or an unbind, even after a restart in between.
    const created = await this.store.createSecret(record);
    if (created === 'exists') {
      const raced = await this.bindingRecord(instance, bindingId);
      if (!raced) throw concurrencyError('the binding was created and deleted concurrently; send the request again');
      return this.resentBind(instance, instanceId, bindingId, raced, request);
    }
    if (access.kind === 'access') {
      try {
        await this.addUser(instance, access.path, instanceId, bindingId);
      } catch (err) {
        // A refusal leaves nothing behind; after a 5xx the platform unbinds (orphan mitigation) or sends the bind again.
        if (err instanceof BrokerError && err.status < 500) await this.store.deleteSecret(created);
        throw err;
      }
      return { status: 202, body: { operation: 'bind' } };
    }
    return credentials ? { status: 201, body: { credentials } } : { status: 202, body: { operation: 'bind' } };
  }

  private async resentBind(instance: Instance, instanceId: string, bindingId: string, record: Secret, request: JsonObject): Promise<Reply> {
    if (record.metadata.annotations?.[ANNOTATIONS.request] !== canonical(request))
      throw conflict('a binding with this id exists with other attributes');
    const access = instance.service.bindingCredentials;
    if (record.metadata.annotations[ANNOTATIONS.bound] !== 'true') {
      // Completes a bind that stopped between its record and its user.
      if (access.kind === 'access' && instance.claim.metadata.deletionTimestamp === undefined)
        await this.addUser(instance, access.path, instanceId, bindingId);
      return { status: 202, body: { operation: 'bind' } };
    }
    const credentials = await this.bindingCredentials(instance, instanceId, bindingId);
    if (!credentials) throw concurrencyError("the binding's credentials are not available right now");
    return ok({ credentials });
  }

  async getBinding(instanceId: string, bindingId: string, query: InstanceQuery): Promise<Reply> {
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance) throw notFound(`there is no instance ${instanceId}`);
    const record = await this.bindingRecord(instance, bindingId);
    if (!record) throw notFound(`there is no binding ${bindingId}`);
    if (record.metadata.annotations?.[ANNOTATIONS.bound] !== 'true') throw notFound(`binding ${bindingId} is not complete yet`);
    const credentials = await this.bindingCredentials(instance, instanceId, bindingId);
    if (!credentials) throw notFound(`the credentials of binding ${bindingId} are not available right now`);
    const request = jsonObject(jsonAnnotation(record.metadata, ANNOTATIONS.request));
    return ok({ credentials, parameters: jsonObject(request['parameters']) });
  }

  async bindingLastOperation(instanceId: string, bindingId: string, query: InstanceQuery): Promise<Reply> {
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance) throw notFound(`there is no instance ${instanceId}`);
    const record = await this.bindingRecord(instance, bindingId);
    if (!record) throw notFound(`there is no binding ${bindingId}`);
    if (record.metadata.annotations?.[ANNOTATIONS.bound] === 'true') return ok({ state: 'succeeded', description: 'The binding is ready.' });
    const failure = this.provisionFailure(instance);
    if (failure !== undefined) return ok({ state: 'failed', description: `the instance failed to provision: ${failure}` });
    const access = instance.service.bindingCredentials;
    const user = bindingUser(bindingId);
    if (access.kind === 'access' && !hasUser(instance.claim, access.path, user)) {
      // The bind stopped before it listed the user (the platform saw a 5xx): failed, so the platform unbinds or binds again.
      return ok({ state: 'failed', description: `the instance does not list the binding's user ${user}; send the bind again, or unbind` });
    }
    if (!(await this.bindingCredentials(instance, instanceId, bindingId))) {
      return {
        status: 200,
        body: {
          state: 'in progress',
          description: access.kind === 'access' ? `Waiting for the binding's user ${user} to be created.` : 'Waiting for the instance to be ready.',
        },
        retryAfter: this.opts.retryAfterSeconds,
      };
    }
    const bound: Secret = {
      ...record,
      metadata: { ...record.metadata, annotations: { ...record.metadata.annotations, [ANNOTATIONS.bound]: 'true' } },
    };
    // A conflict means a poll on another replica marked it first: bound either way.
    if ((await this.store.replaceSecret(bound)) === 'gone') throw notFound(`binding ${bindingId} was deleted`);
    return ok({ state: 'succeeded', description: 'The binding is ready.' });
  }

  async unbind(instanceId: string, bindingId: string, query: InstanceQuery): Promise<Reply> {
    if (query.service_id !== undefined) this.serviceOf(query.service_id);
    const instance = await this.findInstance(instanceId, query.service_id);
    if (!instance) throw gone(`there is no instance ${instanceId}, so no binding ${bindingId}`);
    const record = await this.bindingRecord(instance, bindingId);
    // The user goes first (Crossplane then drops it), the record last: an unbind that stops in between is sent again and finds
    // the record. The binding's user goes even when its record is missing: no unbind leaves it behind.
    const access = instance.service.bindingCredentials;
    if (access.kind === 'access' && instance.claim.metadata.deletionTimestamp === undefined) {
      const user = bindingUser(bindingId);
      await this.changeUsers(instance, (claim) => removeEntry(claim, access.path, user));
    }
    if (!record) throw gone(`there is no binding ${bindingId}`);
    await this.store.deleteSecret(record);
    return ok();
  }
}

function jsonObject(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}
