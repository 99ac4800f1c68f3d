// Asynchronous operations. The operation in flight is an annotation on the
// claim; its state is read from the claim's conditions every time it is
// polled: Crossplane's Ready=True means done, our functions' ServiceReady
// says what the service waits for, or why it refused (a FATAL result).
import { isObject } from '@appcat/runtime';
import { ANNOTATIONS, jsonAnnotation, type Claim, type Condition } from './store.js';

export type OperationType = 'provision' | 'update' | 'deprovision';

export interface Operation {
  type: OperationType;
  /** The claim's metadata.generation the operation waits for Crossplane to observe. */
  generation: number;
  /** When the operation started (ISO time), for conditions that carry no observedGeneration. */
  startedAt: string;
  /** The plan before an update; the platform polls with it. */
  fromPlanId?: string;
  /** How the operation before this one ended: the platform may still poll it. */
  previous?: { id: string; state: OperationState; description: string };
}

export type OperationState = 'in progress' | 'succeeded' | 'failed';

export interface OperationStatus {
  state: OperationState;
  description: string;
}

/** The opaque string the platform passes back: type and generation identify an operation of an instance. */
export function operationId(op: Operation): string {
  return op.type === 'deprovision' ? 'deprovision' : `${op.type}-${op.generation}`;
}

export function readOperation(claim: Claim): Operation | undefined {
  const raw = jsonAnnotation(claim.metadata, ANNOTATIONS.operation);
  if (!isObject(raw)) return undefined;
  const { type, generation, startedAt, fromPlanId, previous } = raw;
  if ((type !== 'provision' && type !== 'update' && type !== 'deprovision') || typeof generation !== 'number' || typeof startedAt !== 'string') {
    return undefined;
  }
  const prev =
    isObject(previous) && typeof previous['id'] === 'string' && typeof previous['description'] === 'string' && isState(previous['state'])
      ? { id: previous['id'], state: previous['state'], description: previous['description'] }
      : undefined;
  return { type, generation, startedAt, ...(typeof fromPlanId === 'string' ? { fromPlanId } : {}), ...(prev ? { previous: prev } : {}) };
}

function isState(v: unknown): v is OperationState {
  return v === 'in progress' || v === 'succeeded' || v === 'failed';
}

export function condition(claim: Claim, type: string): Condition | undefined {
  return claim.status?.conditions?.find((c) => c.type === type);
}

/** Whether a condition reflects the claim as the operation left it (not a state from before). */
function current(c: Condition | undefined, op: Operation): c is Condition {
  if (c === undefined) return false;
  if (typeof c.observedGeneration === 'number') return c.observedGeneration >= op.generation;
  return c.lastTransitionTime !== undefined && Date.parse(c.lastTransitionTime) >= Date.parse(op.startedAt) - 1000;
}

/** Reasons of ServiceReady=False that mean "not yet" rather than "refused". */
const WAITING_REASONS = new Set(['Provisioning', 'Waiting']);

/** The state of a provision or update, from the claim's conditions. */
export function operationStatus(claim: Claim, op: Operation): OperationStatus {
  const ready = condition(claim, 'Ready');
  const service = condition(claim, 'ServiceReady');
  if (current(service, op) && service.status === 'False' && !WAITING_REASONS.has(service.reason ?? '')) {
    return { state: 'failed', description: service.message ?? `the service refused the ${op.type} (${service.reason ?? 'no reason given'})` };
  }
  if (current(ready, op) && ready.status === 'True') {
    return { state: 'succeeded', description: op.type === 'provision' ? 'The service is ready.' : 'The change is applied and the service is ready.' };
  }
  if (service?.status === 'False' && service.message) return { state: 'in progress', description: service.message };
  const synced = condition(claim, 'Synced');
  if (synced?.status === 'False' && synced.message) return { state: 'in progress', description: `Crossplane: ${synced.message}` };
  return {
    state: 'in progress',
    description: op.type === 'provision' ? 'Waiting for the service to be composed.' : 'Waiting for the change to be applied.',
  };
}
