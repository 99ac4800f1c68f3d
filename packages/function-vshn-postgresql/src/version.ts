// The major version: raised only by an upgrade, never lowered.
import { FieldError, getString } from '@appcat/runtime';
import { neverLowered } from '@appcat/appcat';
import { CLUSTER, type Context } from './names.js';

/** The major version the cluster runs, if it runs (the version may carry a minor: 16.4). */
function runningMajorOf(ctx: Context): number | undefined {
  const version = getString(ctx.observed(CLUSTER), 'spec.forProvider.manifest.spec.postgres.version');
  return version === undefined ? undefined : Number.parseInt(version, 10);
}

/** Rules across fields and against the running instance, before anything is composed. */
export function validate(ctx: Context): void {
  const { service, instances } = ctx.params;
  if (service.serviceLevel === 'guaranteed' && instances < 2) {
    throw new FieldError('spec.parameters.instances', `the guaranteed service level needs at least 2 instances, the claim asks for ${instances}`);
  }
  const lowered = neverLowered('spec.parameters.service.majorVersion', runningMajorOf(ctx), Number(service.majorVersion));
  if (lowered) throw lowered;
}

/**
 * The major version to compose. StackGres upgrades a major version only
 * through an SGDbOps and rejects a changed version on the cluster and its
 * config, so until that upgrade is composed a running instance stays on the
 * version it runs.
 */
export function versionOf(ctx: Context): { version: string; upgradePending: boolean } {
  const running = runningMajorOf(ctx);
  const upgradePending = running !== undefined && Number(ctx.params.service.majorVersion) > running;
  return { version: upgradePending ? String(running) : ctx.params.service.majorVersion, upgradePending };
}
