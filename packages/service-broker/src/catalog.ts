// The OSB catalog (GET /v2/catalog), built once from the service definitions.
import type { JsonObject } from '@appcat/runtime';
import { planChangeRefusal, planSchemas } from './parameters.js';
import type { PlanDefinition, ServiceDefinition } from './plans.js';

/** Whether an instance of `plan` can move to at least one other plan. */
export function planUpdateable(service: ServiceDefinition, plan: PlanDefinition): boolean {
  return service.plans.some((to) => to.id !== plan.id && planChangeRefusal(service, plan, to) === undefined);
}

function planEntry(service: ServiceDefinition, plan: PlanDefinition): JsonObject {
  const schemas = planSchemas(service, plan);
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    free: plan.free ?? false,
    bindable: true,
    plan_updateable: planUpdateable(service, plan),
    metadata: plan.metadata,
    maintenance_info: { ...plan.maintenance_info },
    ...(service.maximumPollingDuration !== undefined ? { maximum_polling_duration: service.maximumPollingDuration } : {}),
    schemas: {
      service_instance: { create: { parameters: schemas.create }, update: { parameters: schemas.update } },
      service_binding: { create: { parameters: schemas.bind } },
    },
  };
}

function serviceEntry(service: ServiceDefinition): JsonObject {
  return {
    id: service.id,
    name: service.name,
    description: service.description,
    tags: service.tags,
    bindable: true,
    instances_retrievable: true,
    bindings_retrievable: true,
    allow_context_updates: true,
    plan_updateable: service.plans.some((p) => planUpdateable(service, p)),
    metadata: {
      ...service.metadata,
      // Profile convention: say what a binding gets, so a platform's user knows whether unbinding revokes access.
      longDescription: [service.metadata['longDescription'], service.bindingDescription].filter((s) => typeof s === 'string').join(' '),
    },
    plans: service.plans.map((p) => planEntry(service, p)),
  };
}

export interface Catalog {
  services: JsonObject[];
}

export function buildCatalog(services: ServiceDefinition[]): Catalog {
  return { services: services.map(serviceEntry) };
}

/** Service and plan lookups by id. */
export class ServiceIndex {
  private readonly byId = new Map<string, ServiceDefinition>();

  constructor(readonly services: ServiceDefinition[]) {
    for (const s of services) this.byId.set(s.id, s);
  }

  service(id: string): ServiceDefinition | undefined {
    return this.byId.get(id);
  }

  plan(service: ServiceDefinition, planId: string): PlanDefinition | undefined {
    return service.plans.find((p) => p.id === planId);
  }
}
