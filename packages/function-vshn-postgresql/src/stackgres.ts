// The StackGres resources of an instance: its profile (CPU, memory), its
// postgresql.conf, and the SGCluster that runs PostgreSQL with them.
import { flatSettings } from '@appcat/appcat';
import { FieldError, getPath, getString, ValidationError, type JsonObject } from '@appcat/runtime';
import {
  BACKUP_BUCKET,
  CLUSTER,
  clusterNameOf,
  namespaceOf,
  OBJECT_STORAGE,
  PG_CONFIG,
  PROFILE,
  TLS_CERTIFICATE,
  TLS_SECRET,
  type Context,
} from './names.js';
import { applyClusterOptions } from './cluster-options.js';
import { checkDiskDoesNotShrink, requestsOf, sizeOf } from './plans.js';
import { POOLING_CONFIG } from './pooling.js';
import { CLUSTER_SERVES } from './readiness.js';
import { restoreDependencies } from './restore.js';
import { schedulesOf } from './schedules.js';
import { withServiceOptions } from './service-options.js';
import { UNMANAGED_CREDENTIALS } from './unmanaged-bucket.js';
import { clusterVersionOf, versionOf } from './version.js';

/** What the running cluster was last composed with (the manifest inside its Object). */
function current(ctx: Context, path: string): string | undefined {
  return getString(ctx.observed(CLUSTER), `spec.forProvider.manifest.spec.${path}`);
}

/** The profile and the config, on the version the instance runs. */
export function composeStackGres(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const { version, upgradePending } = versionOf(ctx);
  if (upgradePending) {
    ctx.result(
      'warning',
      `the major version upgrade from ${version} to ${ctx.params.service.majorVersion} is not performed automatically yet; the instance keeps running ${version}`,
      { reason: 'UpgradePending' },
    );
  }
  composeProfile(ctx, namespace);
  composeConfig(ctx, namespace, version);
}

function composeProfile(ctx: Context, namespace: string): void {
  const size = sizeOf(ctx.params);
  checkDiskDoesNotShrink(ctx, size.disk, current(ctx, 'pods.persistentVolume.size'));
  const requests = requestsOf(ctx, size);
  ctx.desireObject(
    PROFILE,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGInstanceProfile',
      metadata: { name: ctx.name, namespace },
      spec: { cpu: size.cpu, memory: size.memory, ...(requests ? { requests } : {}) },
    },
    { name: ctx.nameFor('profile') },
  );
}

/**
 * The postgresql.conf parameters StackGres sets itself (listening, logging,
 * WAL archiving for backups); a value for one of them would not take effect,
 * so the claim is told instead.
 */
const MANAGED_BY_STACKGRES = new Set([
  'archive_command',
  'archive_mode',
  'dynamic_library_path',
  'lc_messages',
  'listen_addresses',
  'logging_collector',
  'log_destination',
  'log_directory',
  'log_filename',
  'log_rotation_age',
  'log_rotation_size',
  'log_truncate_on_rotation',
  'port',
  'wal_log_hints',
]);

function checkNotManaged(settings: Record<string, unknown>): void {
  const managed = Object.keys(settings).filter((k) => MANAGED_BY_STACKGRES.has(k));
  if (managed.length === 0) return;
  throw new ValidationError(
    managed.map((k) => new FieldError(`spec.parameters.service.pgSettings.${k}`, 'is set by StackGres itself and cannot be changed')),
  );
}

function composeConfig(ctx: Context, namespace: string, version: string): void {
  const settings = flatSettings('spec.parameters.service.pgSettings', ctx.params.service.pgSettings);
  checkNotManaged(settings);
  // postgresql.conf values are strings; users may write numbers and booleans.
  const conf = Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)]));
  ctx.desireObject(
    PG_CONFIG,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGPostgresConfig',
      metadata: { name: ctx.name, namespace },
      spec: { postgresVersion: version, 'postgresql.conf': conf },
    },
    { name: ctx.nameFor('pg-config') },
  );
}

interface ClusterBackup {
  objectStorage: string;
  schedule: string;
}

/**
 * StackGres stops reconciling a cluster whose object storage's credentials
 * Secret is missing. The nested bucket writes that Secret; it is ready only
 * once it has (the ObjectBucket function waits for the credentials), or its
 * connection details show them.
 */
function bucketCredentialsExist(ctx: Context): boolean {
  if (ctx.params.backup.unmanagedBucket) return ctx.isReady(UNMANAGED_CREDENTIALS);
  const details = ctx.observedConnectionDetails(BACKUP_BUCKET);
  return ctx.isReady(BACKUP_BUCKET) || (!!details['AWS_ACCESS_KEY_ID'] && !!details['AWS_SECRET_ACCESS_KEY']);
}

/** Whether the running cluster already backs up: then a bucket that is briefly not ready does not turn backups off. */
function backupsRunning(ctx: Context): boolean {
  const backups = getPath(ctx.observed(CLUSTER), 'spec.forProvider.manifest.spec.configurations.backups');
  return Array.isArray(backups) && backups.length > 0;
}

/**
 * The cluster comes last: StackGres rejects an SGCluster whose profile,
 * config or object storage does not exist, and it needs the certificate.
 * A cluster that exists is always desired; only its backups wait.
 */
export function composeClusterWhenReady(ctx: Context): void {
  const exists = ctx.observed(CLUSTER) !== undefined;
  const backups = ctx.params.backup.enabled && ctx.isDesired(OBJECT_STORAGE);
  const dependencies = [PROFILE, PG_CONFIG, POOLING_CONFIG, TLS_CERTIFICATE, ...(backups ? [OBJECT_STORAGE] : []), ...restoreDependencies(ctx)];
  const missing = dependencies.filter((name) => !ctx.isReady(name));
  if (!exists && missing.length > 0) {
    ctx.waitFor(`${missing.join(', ')} to be ready before the cluster is created`);
    return;
  }
  const storageReady = backups && ctx.isReady(OBJECT_STORAGE) && (bucketCredentialsExist(ctx) || backupsRunning(ctx));
  if (ctx.params.backup.enabled && !storageReady) ctx.waitFor('the backup object storage and its credentials before enabling backups');
  const backup = storageReady ? { objectStorage: ctx.nameFor('backup'), schedule: schedulesOf(ctx).backup } : undefined;
  composeCluster(ctx, namespaceOf(ctx), clusterVersionOf(ctx), backup);
}

function composeCluster(ctx: Context, namespace: string, version: string, backup: ClusterBackup | undefined): void {
  const size = sizeOf(ctx.params);
  const configurations: JsonObject = { sgPostgresConfig: ctx.name };
  if (backup) {
    configurations['backups'] = [{ sgObjectStorage: backup.objectStorage, cronSchedule: backup.schedule, retention: ctx.params.backup.retention }];
  }
  const secret = (key: string): JsonObject => ({ name: TLS_SECRET, key });
  // StackGres keeps the superuser's credentials in a Secret named after the cluster.
  const credential = (key: string, to: string) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    name: clusterNameOf(ctx),
    namespace,
    fieldPath: `data.${key}`,
    toConnectionSecretKey: to,
  });
  const spec: JsonObject = {
    // 0 suspends the instance: StackGres stops its pods and keeps their volumes.
    instances: ctx.params.instances,
    sgInstanceProfile: ctx.name,
    configurations,
    postgres: {
      version,
      ssl: { enabled: true, certificateSecretKeySelector: secret('tls.crt'), privateKeySecretKeySelector: secret('tls.key') },
    },
    pods: { persistentVolume: { size: size.disk } },
  };
  applyClusterOptions(ctx, spec);
  ctx.desireObject(
    CLUSTER,
    { apiVersion: 'stackgres.io/v1', kind: 'SGCluster', metadata: { name: clusterNameOf(ctx), namespace }, spec: withServiceOptions(ctx, spec) },
    {
      name: ctx.nameFor('cluster'),
      // Ready once PostgreSQL serves, not once the SGCluster is applied.
      readiness: { celQuery: CLUSTER_SERVES },
      connectionDetails: [credential('superuser-username', 'POSTGRESQL_USER'), credential('superuser-password', 'POSTGRESQL_PASSWORD')],
      writeConnectionSecretToRef: { name: ctx.nameFor('cluster-connection'), namespace: ctx.input.connectionSecretNamespace },
    },
  );
}
