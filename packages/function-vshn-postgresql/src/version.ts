// The major version: raised only by an upgrade, never lowered; optionally
// pinned to one minor version.
import { FieldError, getString } from '@appcat/runtime';
import { neverLowered } from '@appcat/appcat';
import { CLUSTER, type Context } from './names.js';

/**
 * The major versions the pinned StackGres operator (1.18) runs: it ships
 * PostgreSQL 12 to 18. The XRD offers exactly these; the function checks
 * again so a claim stored before the XRD changed gets a clear answer.
 */
export const SUPPORTED_MAJORS = ['12', '13', '14', '15', '16', '17', '18'] as const;

/** The version the cluster runs, as composed (a major, 16, or a pinned minor, 16.4). */
function runningVersionOf(ctx: Context): string | undefined {
  return getString(ctx.observed(CLUSTER), 'spec.forProvider.manifest.spec.postgres.version');
}

/** The major version the cluster runs, if it runs. */
function runningMajorOf(ctx: Context): number | undefined {
  const version = runningVersionOf(ctx);
  return version === undefined ? undefined : Number.parseInt(version, 10);
}

/** Rules across fields and against the running instance, before anything is composed. */
export function validate(ctx: Context): void {
  const { service, instances, maintenance } = ctx.params;
  // A suspended instance (0) keeps its service level for when it runs again.
  if (service.serviceLevel === 'guaranteed' && instances === 1) {
    throw new FieldError('spec.parameters.instances', `the guaranteed service level needs at least 2 instances, the claim asks for ${instances}`);
  }
  if (!(SUPPORTED_MAJORS as readonly string[]).includes(service.majorVersion)) {
    throw new FieldError(
      'spec.parameters.service.majorVersion',
      `${service.majorVersion} is not supported; supported are ${SUPPORTED_MAJORS.join(', ')}`,
    );
  }
  const pin = maintenance.pinImageTag;
  if (pin !== undefined && pin.split('.')[0] !== service.majorVersion) {
    throw new FieldError(
      'spec.parameters.maintenance.pinImageTag',
      `${pin} is not a version of PostgreSQL ${service.majorVersion}, the instance's major version`,
    );
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

/**
 * The SGCluster's postgres.version: the pinned minor when the claim pins one
 * (StackGres then runs exactly it, older or not), else the major, on which
 * StackGres runs its newest minor. While an upgrade is pending, what runs.
 */
export function clusterVersionOf(ctx: Context): string {
  const { version, upgradePending } = versionOf(ctx);
  if (upgradePending) return runningVersionOf(ctx) ?? version;
  return ctx.params.maintenance.pinImageTag ?? version;
}
