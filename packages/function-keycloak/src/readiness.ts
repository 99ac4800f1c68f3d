// When Keycloak serves: the Release waits for the chart's workloads (helm
// --wait: the StatefulSet's pods pass the readiness probe, /health/ready,
// which checks the database connection), so provider-helm reports it Ready
// only then, and the composite follows. While it is not, the claim says why.
import { getCondition, getString } from '@appcat/runtime';
import { RELEASE, type Context } from './names.js';

/**
 * How long Helm waits for Keycloak's pods. The chart's startup probe allows
 * a pod 15 s + 60 × 5 s (a first start migrates the database), and pulling
 * the image comes first; provider-helm kills a Helm command after 10 minutes
 * (its --timeout default), so the wait ends before that. A wait that times
 * out fails the release, and provider-helm upgrades it again.
 */
export const RELEASE_WAIT_TIMEOUT = '8m';

export function reportKeycloakReadiness(ctx: Context): void {
  const release = ctx.observed(RELEASE);
  if (release === undefined || !ctx.isDesired(RELEASE) || ctx.isReady(RELEASE)) return;
  if (getString(release, 'status.atProvider.state') === 'failed') {
    const detail = getString(release, 'status.atProvider.releaseDescription') ?? getCondition(release, 'Ready')?.message ?? 'no reason given';
    ctx.result('warning', `the Keycloak release failed: ${detail}`, { reason: 'ReleaseFailed' });
  }
  ctx.waitFor('Keycloak to serve (Helm waits for its pods to be ready)');
}
