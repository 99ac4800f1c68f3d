// VSHNPostgreSQL: PostgreSQL on StackGres in an instance namespace of its
// own, with TLS, backups to a nested bucket, and derived schedules.
import { bootstrapInstanceNs, createFunction, FieldError, getString, instanceNamespaceName, type RunFunction } from '@appcat/runtime';
import { composeBackupBucket, composeObjectStorage, keepsBackupBucket } from './backup.js';
import { publishConnection } from './connection.js';
import { CLUSTER, OBJECT_STORAGE, PG_CONFIG, PROFILE, SERVICE, TLS_CERTIFICATE, type Context } from './context.js';
import { inputSchema, parametersSchema } from './generated.js';
import { schedulesOf } from './schedules.js';
import { composeCluster, composeConfig, composeProfile } from './stackgres.js';
import { composeTLS } from './tls.js';

const namespaceOf = (ctx: Context): string => instanceNamespaceName(SERVICE, ctx.name);

/** The major version the cluster runs, if it runs (the version may carry a minor: 16.4). */
function runningMajor(ctx: Context): number | undefined {
  const version = getString(ctx.observed(CLUSTER), 'spec.forProvider.manifest.spec.postgres.version');
  return version === undefined ? undefined : Number.parseInt(version, 10);
}

/** Rules across fields and against the running instance, before anything is composed. */
function validate(ctx: Context): void {
  const { service, instances } = ctx.params;
  if (service.serviceLevel === 'guaranteed' && instances < 2) {
    throw new FieldError('spec.parameters.instances', `the guaranteed service level needs at least 2 instances, the claim asks for ${instances}`);
  }
  const running = runningMajor(ctx);
  if (running !== undefined && Number(service.majorVersion) < running) {
    throw new FieldError('spec.parameters.service.majorVersion', `cannot be lowered on a running instance: it runs ${running}, the claim asks for ${service.majorVersion}`);
  }
}

/**
 * The major version to compose. StackGres upgrades a major version only
 * through an SGDbOps and rejects a changed version on the cluster and its
 * config, so until that upgrade is composed a running instance stays on the
 * version it runs.
 */
function versionOf(ctx: Context): { version: string; upgradePending: boolean } {
  const running = runningMajor(ctx);
  const upgradePending = running !== undefined && Number(ctx.params.service.majorVersion) > running;
  return { version: upgradePending ? String(running) : ctx.params.service.majorVersion, upgradePending };
}

function composeStackGres(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const { version, upgradePending } = versionOf(ctx);
  if (upgradePending) {
    ctx.result('warning', `the major version upgrade from ${version} to ${ctx.params.service.majorVersion} is not performed automatically yet; the instance keeps running ${version}`, { reason: 'UpgradePending' });
  }
  composeProfile(ctx, namespace);
  composeConfig(ctx, namespace, version);
}

function composeBackups(ctx: Context): void {
  if (!keepsBackupBucket(ctx)) return;
  const namespace = namespaceOf(ctx);
  composeBackupBucket(ctx, namespace);
  composeObjectStorage(ctx, namespace);
}

/**
 * The cluster comes last: StackGres rejects an SGCluster whose profile,
 * config or object storage does not exist, and it needs the certificate.
 * A cluster that exists is always desired; only its backups wait.
 */
function composeClusterWhenReady(ctx: Context): void {
  const exists = ctx.observed(CLUSTER) !== undefined;
  const backups = ctx.params.backup.enabled && ctx.desired.has(OBJECT_STORAGE);
  const dependencies = [PROFILE, PG_CONFIG, TLS_CERTIFICATE, ...(backups ? [OBJECT_STORAGE] : [])];
  const missing = dependencies.filter((name) => !ctx.isReady(name));
  if (!exists && missing.length > 0) {
    ctx.waitFor(`${missing.join(', ')} to be ready before the cluster is created`);
    return;
  }
  const storageReady = backups && ctx.isReady(OBJECT_STORAGE);
  if (ctx.params.backup.enabled && !storageReady) ctx.waitFor('the backup object storage before enabling backups');
  const backup = storageReady ? { objectStorage: ctx.nameFor('backup'), schedule: schedulesOf(ctx).backup } : undefined;
  composeCluster(ctx, namespaceOf(ctx), versionOf(ctx).version, backup);
}

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  steps: [
    { name: 'validate', run: validate },
    { name: 'namespace', run: (ctx) => void bootstrapInstanceNs(ctx, SERVICE) },
    { name: 'tls', run: (ctx) => composeTLS(ctx, namespaceOf(ctx)) },
    { name: 'stackgres', run: composeStackGres },
    { name: 'backups', run: composeBackups },
    { name: 'cluster', run: composeClusterWhenReady },
    { name: 'connection', run: (ctx) => publishConnection(ctx, namespaceOf(ctx)) },
    { name: 'schedules', run: (ctx) => ctx.setStatus({ schedules: { ...schedulesOf(ctx) } }) },
  ],
});
