// Status conditions: a transition time that moves only when the status does.
import type { Condition } from '../api/types.js';

export type ConditionType = 'Coupled' | 'Ready';

/** API server messages can quote whole objects back (an invalid Job spec): conditions keep the start. */
export const MAX_MESSAGE_LENGTH = 1024;

export function setCondition(
  conditions: Condition[] | undefined,
  type: ConditionType,
  status: boolean,
  reason: string,
  message: string,
  observedGeneration?: number,
): Condition[] {
  const value = status ? 'True' : 'False';
  const previous = conditions?.find((c) => c.type === type);
  const next: Condition = {
    type,
    status: value,
    reason,
    message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message,
    lastTransitionTime: previous?.status === value ? previous.lastTransitionTime : new Date().toISOString(),
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
  return [...(conditions ?? []).filter((c) => c.type !== type), next].sort((a, b) => a.type.localeCompare(b.type));
}

export const conditionOf = (conditions: Condition[] | undefined, type: ConditionType): Condition | undefined =>
  conditions?.find((c) => c.type === type);
