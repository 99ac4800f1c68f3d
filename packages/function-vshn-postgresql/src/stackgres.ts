// The StackGres resources of an instance: its profile (CPU, memory), its
// postgresql.conf, and the SGCluster that runs PostgreSQL with them.
import { getString, type JsonObject } from '@appcat/runtime';
import { CLUSTER, PG_CONFIG, PROFILE, TLS_SECRET, type Context } from './context.js';
import { checkDiskDoesNotShrink, sizeOf } from './plans.js';

/** What the running cluster was last composed with (the manifest inside its Object). */
function current(ctx: Context, path: string): string | undefined {
  return getString(ctx.observed(CLUSTER), `spec.forProvider.manifest.spec.${path}`);
}

export function composeProfile(ctx: Context, namespace: string): void {
  const size = sizeOf(ctx.params);
  checkDiskDoesNotShrink(ctx, size.disk, current(ctx, 'pods.persistentVolume.size'));
  ctx.desireObject(
    PROFILE,
    { apiVersion: 'stackgres.io/v1', kind: 'SGInstanceProfile', metadata: { name: ctx.name, namespace }, spec: { cpu: size.cpu, memory: size.memory } },
    { name: ctx.nameFor('profile') },
  );
}

export function composeConfig(ctx: Context, namespace: string, version: string): void {
  // postgresql.conf values are strings; users may write numbers and booleans.
  const conf = Object.fromEntries(Object.entries(ctx.params.service.pgSettings ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
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

export interface ClusterBackup {
  objectStorage: string;
  schedule: string;
}

export function composeCluster(ctx: Context, namespace: string, version: string, backup: ClusterBackup | undefined): void {
  const size = sizeOf(ctx.params);
  const configurations: JsonObject = { sgPostgresConfig: ctx.name };
  if (backup) {
    configurations['backups'] = [{ sgObjectStorage: backup.objectStorage, cronSchedule: backup.schedule, retention: ctx.params.backup.retention }];
  }
  const secret = (key: string): JsonObject => ({ name: TLS_SECRET, key });
  // StackGres keeps the superuser's credentials in a Secret named after the cluster.
  const credential = (key: string, to: string) => ({ apiVersion: 'v1', kind: 'Secret', name: ctx.name, namespace, fieldPath: `data.${key}`, toConnectionSecretKey: to });
  ctx.desireObject(
    CLUSTER,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGCluster',
      metadata: { name: ctx.name, namespace },
      spec: {
        instances: ctx.params.instances,
        sgInstanceProfile: ctx.name,
        configurations,
        postgres: {
          version,
          ssl: { enabled: true, certificateSecretKeySelector: secret('tls.crt'), privateKeySecretKeySelector: secret('tls.key') },
        },
        pods: { persistentVolume: { size: size.disk } },
      },
    },
    {
      name: ctx.nameFor('cluster'),
      connectionDetails: [
        credential('superuser-username', 'POSTGRESQL_USER'),
        credential('superuser-password', 'POSTGRESQL_PASSWORD'),
      ],
      writeConnectionSecretToRef: { name: ctx.nameFor('cluster-connection'), namespace: ctx.input.connectionSecretNamespace },
    },
  );
}

