// VACUUM and pg_repack in the weekly maintenance window
// (service.vacuumEnabled, service.repackEnabled): a CronJob in the instance
// namespace creates StackGres SGDbOps for them at the window's start. Its
// ServiceAccount may only create SGDbOps there. The SGDbOps manifests live in
// a ConfigMap the job reads, so the image needs no shell.
import { BoundedCache, FieldError, type JsonObject } from '@appcat/runtime';
import { clusterNameOf, namespaceOf, type Context } from './names.js';
import { maintenanceCronOf } from './schedules.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const MAINTENANCE_ACCOUNT = 'maintenance-service-account';
export const MAINTENANCE_ROLE = 'maintenance-role';
export const MAINTENANCE_ROLE_BINDING = 'maintenance-role-binding';
export const MAINTENANCE_OPS = 'maintenance-ops';
export const MAINTENANCE_JOB = 'maintenance-job';

const NAME = 'maintenance';

export function checkHousekeeping(ctx: Context): FieldError[] {
  const { vacuumEnabled, repackEnabled } = ctx.params.service;
  if (vacuumEnabled || repackEnabled) return [];
  return [
    new FieldError(
      'spec.parameters.service.repackEnabled',
      'vacuumEnabled and repackEnabled are both false; at least one must be true so the weekly maintenance keeps tables from bloating',
    ),
  ];
}

/** The SGDbOps the window starts, by the file name the job reads them from. */
function operationsOf(ctx: Context): Record<string, string> {
  const { vacuumEnabled, repackEnabled } = ctx.params.service;
  const cluster = clusterNameOf(ctx);
  // The same JSON on every reconcile of a cluster: written once per cluster name and choice.
  const ops = operationsByCluster.get(`${cluster}/${String(vacuumEnabled)}/${String(repackEnabled)}`, () =>
    writeOperations(cluster, vacuumEnabled, repackEnabled),
  );
  // The ConfigMap's own data: a copy, since the cached one is shared by every response.
  return { ...ops };
}

const operationsByCluster = new BoundedCache<Readonly<Record<string, string>>>(1024);

function writeOperations(cluster: string, vacuum: boolean, repack: boolean): Record<string, string> {
  const op = (kind: 'vacuum' | 'repack', settings: JsonObject): JsonObject => ({
    apiVersion: 'stackgres.io/v1',
    kind: 'SGDbOps',
    metadata: { generateName: `${cluster}-${kind}-`, labels: { 'app.kubernetes.io/component': 'maintenance' } },
    spec: { sgCluster: cluster, op: kind, maxRetries: 1, [kind]: settings },
  });
  const ops: Record<string, string> = {};
  if (vacuum) ops['vacuum.json'] = JSON.stringify(op('vacuum', { analyze: true, full: false }));
  if (repack) ops['repack.json'] = JSON.stringify(op('repack', {}));
  return ops;
}

export function composeHousekeeping(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const meta = { name: NAME, namespace };
  ctx.desireObject(MAINTENANCE_ACCOUNT, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta }, { name: ctx.nameFor('maintenance-sa') });
  ctx.desireObject(
    MAINTENANCE_ROLE,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta,
      rules: [{ apiGroups: ['stackgres.io'], resources: ['sgdbops'], verbs: ['create'] }],
    },
    { name: ctx.nameFor('maintenance-role') },
  );
  ctx.desireObject(
    MAINTENANCE_ROLE_BINDING,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: NAME, namespace }],
    },
    { name: ctx.nameFor('maintenance-rolebinding') },
  );
  ctx.desireObject(
    MAINTENANCE_OPS,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data: operationsOf(ctx) },
    { name: ctx.nameFor('maintenance-ops') },
  );
  ctx.desireObject(MAINTENANCE_JOB, maintenanceCronJob(ctx, namespace), { name: ctx.nameFor('maintenance-job') });
}

function maintenanceCronJob(ctx: Context, namespace: string): JsonObject & { apiVersion: string; kind: string } {
  const container = {
    name: 'start-maintenance',
    image: ctx.input.maintenanceJobImage,
    args: ['create', '--filename=/ops'],
    env: [{ name: 'HOME', value: '/tmp' }],
    resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [
      { name: 'ops', mountPath: '/ops', readOnly: true },
      { name: 'tmp', mountPath: '/tmp' },
    ],
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: NAME, namespace },
    spec: {
      schedule: maintenanceCronOf(ctx),
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      successfulJobsHistoryLimit: 1,
      failedJobsHistoryLimit: 2,
      jobTemplate: {
        spec: {
          backoffLimit: 3,
          template: {
            spec: {
              serviceAccountName: NAME,
              restartPolicy: 'OnFailure',
              securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [container],
              volumes: [
                { name: 'ops', configMap: { name: NAME } },
                { name: 'tmp', emptyDir: {} },
              ],
            },
          },
        },
      },
    },
  };
}
