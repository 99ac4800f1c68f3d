// When the instance serves: an SGCluster that exists does not yet run
// PostgreSQL. Its Object is Ready only when the cluster's own status says
// that a primary runs, evaluated by provider-kubernetes (a CEL query over the
// observed SGCluster), so the composite, and a parent that nests it, becomes
// Ready only then. While it is not, the claim says what the cluster lacks.
import { getPath, getString, isObject, type JsonObject, type KubeObject } from '@appcat/runtime';
import { CLUSTER, type Context } from './names.js';

/**
 * Ready when, in the SGCluster's status:
 * - at least one of its pods exists (`instances` counts them; 0 while the
 *   cluster starts or is suspended, when a stale pod status may remain);
 * - a pod is the primary (`podStatuses[].primary`, set by the StackGres
 *   controller in the pod once Patroni elected it leader: PostgreSQL accepts
 *   connections and writes);
 * - StackGres does not report the cluster `Failed` (its configuration cannot
 *   be applied).
 * Every field is tested with has() first: a missing one is "not ready", not
 * an evaluation error. JSON numbers reach CEL as doubles, hence 0.0.
 */
export const CLUSTER_SERVES = [
  'has(object.status) && has(object.status.instances) && object.status.instances > 0.0',
  'has(object.status.podStatuses) && object.status.podStatuses.exists(p, has(p.primary) && p.primary == true)',
  "!(has(object.status.conditions) && object.status.conditions.exists(c, c.type == 'Failed' && c.status == 'True'))",
].join(' && ');

/** A Failed condition of the cluster that is True (any, as the query's exists() finds it). */
function failedCondition(cluster: KubeObject | undefined): JsonObject | undefined {
  const conditions = getPath(cluster, 'status.conditions');
  return Array.isArray(conditions) ? conditions.filter(isObject).find((c) => c['type'] === 'Failed' && c['status'] === 'True') : undefined;
}

/**
 * What the observed cluster lacks to serve, in the terms of CLUSTER_SERVES
 * (the readiness tests hold the two to the same verdict); undefined when it
 * lacks nothing.
 */
export function notServing(cluster: KubeObject | undefined): string | undefined {
  if (failedCondition(cluster)) return 'StackGres reports the cluster failed';
  const instances = getPath(cluster, 'status.instances');
  if (typeof instances !== 'number' || instances <= 0) return 'no PostgreSQL pod runs yet';
  const pods = getPath(cluster, 'status.podStatuses');
  if (!Array.isArray(pods) || !pods.some((p) => isObject(p) && p['primary'] === true)) return 'no primary is elected yet';
  return undefined;
}

/**
 * The claim waits while the cluster exists but does not serve. A suspended
 * instance (instances: 0) does not serve by choice: the suspend step says so.
 */
export function reportClusterReadiness(ctx: Context): void {
  if (ctx.observed(CLUSTER) === undefined || ctx.isReady(CLUSTER) || ctx.params.instances === 0) return;
  const cluster = ctx.observedManifest(CLUSTER);
  const failed = failedCondition(cluster);
  if (failed) {
    const detail = getString(failed, 'message') ?? getString(failed, 'reason') ?? 'no reason given';
    ctx.result('warning', `StackGres cannot run the cluster: ${detail}`, { reason: 'ClusterFailed' });
  }
  ctx.waitFor(`PostgreSQL to serve (${notServing(cluster) ?? 'its Object does not report it ready yet'})`);
}
