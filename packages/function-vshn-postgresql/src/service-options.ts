// What the claim's service, network and scheduling settings set on the
// SGCluster: TLS, the Envoy sidecar, the connection pooler, the primary
// Service's type, and the nodes the pods run on. Every check of these groups
// runs before anything is composed, so a bad edit keeps the running instance.
import { ValidationError, mergeObjects, type JsonObject } from '@appcat/runtime';
import type { Context } from './names.js';
import { checkHousekeeping } from './housekeeping.js';
import { checkMonitoring } from './monitoring.js';
import { checkNetwork, primaryServiceOf } from './network.js';
import { checkPooling, poolingClusterSpecOf } from './pooling.js';

export function validateServiceOptions(ctx: Context): void {
  const problems = [...checkNetwork(ctx), ...checkPooling(ctx), ...checkHousekeeping(ctx), ...checkMonitoring(ctx)];
  if (problems.length > 0) throw new ValidationError(problems);
}

/** The SGCluster spec fields these settings own, to merge into the cluster's spec. */
export function serviceOptionsSpecOf(ctx: Context): JsonObject {
  const { service, scheduling } = ctx.params;
  const pooling = poolingClusterSpecOf(ctx);
  return {
    postgres: { ssl: { enabled: service.tls.enabled } },
    postgresServices: { primary: primaryServiceOf(ctx) },
    configurations: pooling.configurations,
    pods: {
      ...pooling.pods,
      disableEnvoy: !service.enableEnvoy,
      ...(scheduling.nodeSelector && Object.keys(scheduling.nodeSelector).length > 0
        ? { scheduling: { nodeSelector: { ...scheduling.nodeSelector } } }
        : {}),
    },
  };
}

/** The cluster's spec with these settings' fields on top. */
export function withServiceOptions(ctx: Context, spec: JsonObject): JsonObject {
  return mergeObjects(spec, serviceOptionsSpecOf(ctx));
}
