// The guaranteed service level (service.serviceLevel: guaranteed, at least
// two instances): a PodDisruptionBudget lets node drains take only one
// instance down at a time, so a replica is always there to take over.
import { namespaceOf, type Context } from './names.js';
import { clusterPodsOf } from './monitoring.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const DISRUPTION_BUDGET = 'pod-disruption-budget';

export function composeDisruptionBudget(ctx: Context): void {
  if (ctx.params.service.serviceLevel !== 'guaranteed') return;
  ctx.desireObject(
    DISRUPTION_BUDGET,
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'postgresql', namespace: namespaceOf(ctx) },
      spec: { maxUnavailable: 1, selector: { matchLabels: clusterPodsOf(ctx) } },
    },
    { name: ctx.nameFor('pdb') },
  );
}
