// replication.mode: how the replicas follow the primary (SGCluster
// spec.replication). StackGres needs fewer synchronous replicas than
// instances, so the synchronous modes need a replica to be synchronous.
import { FieldError, type JsonObject } from '@appcat/runtime';
import type { Context } from './names.js';

export function replicationOf(ctx: Context): JsonObject {
  const { mode } = ctx.params.replication;
  const { instances } = ctx.params;
  if (mode === 'async') return { mode };
  if (instances === 1) {
    throw new FieldError('spec.parameters.replication.mode', `${mode} needs at least 2 instances, the claim asks for 1`);
  }
  // A suspended instance (0) keeps its mode; one synchronous replica is what StackGres defaults to.
  return instances === 0 ? { mode } : { mode, syncInstances: 1 };
}
