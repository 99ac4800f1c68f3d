// Metrics and alerts of the instance (monitoring.*): a PodMonitor for
// StackGres' exporter, PrometheusRules with the usual PostgreSQL alerts, and
// AlertmanagerConfigs routing them where the claim says: the claim's own
// AlertmanagerConfig spec, a copy of one in the claim's namespace (with its
// Secret), and e-mail through the platform's SMTP relay. Copies are made by
// provider-kubernetes from the source objects, so no secret passes through
// the function.
import { FieldError, type JsonObject, type KubeObject } from '@appcat/runtime';
import { clusterNameOf, namespaceOf, type Context } from './names.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const POD_MONITOR = 'pod-monitor';
export const PROMETHEUS_RULES = 'prometheus-rules';
export const ALERTMANAGER_CONFIG = 'alertmanager-config';
export const ALERTMANAGER_SECRET = 'alertmanager-secret';
export const EMAIL_ALERTING = 'email-alerting';
export const EMAIL_SECRET = 'email-secret';

const ALERTMANAGER_CONFIG_FIELDS = new Set(['route', 'receivers', 'inhibitRules', 'muteTimeIntervals']);
/** The Secret the e-mail receiver reads the relay's password from, in the instance namespace. */
const SMTP_SECRET = 'smtp-relay';

/** The labels StackGres puts on the pods of a cluster. */
export function clusterPodsOf(ctx: Context): Record<string, string> {
  return { app: 'StackGresCluster', 'stackgres.io/cluster-name': clusterNameOf(ctx) };
}

export function checkMonitoring(ctx: Context): FieldError[] {
  const { alertmanagerConfigTemplate, alertmanagerConfigSecretRef, alertmanagerConfigRef, email } = ctx.params.monitoring;
  const problems: FieldError[] = [];
  for (const key of Object.keys(alertmanagerConfigTemplate ?? {})) {
    if (!ALERTMANAGER_CONFIG_FIELDS.has(key)) {
      problems.push(
        new FieldError(
          `spec.parameters.monitoring.alertmanagerConfigTemplate.${key}`,
          `unknown field; allowed fields: ${[...ALERTMANAGER_CONFIG_FIELDS].join(', ')}`,
        ),
      );
    }
  }
  const copies = alertmanagerConfigRef !== undefined || alertmanagerConfigSecretRef !== undefined;
  if (copies && !ctx.claimNamespace) {
    problems.push(
      new FieldError('spec.parameters.monitoring.alertmanagerConfigRef', 'names an object in the claim namespace, and this composite has no claim'),
    );
  }
  if (email !== undefined && !ctx.input.emailAlerting) {
    problems.push(
      new FieldError(
        'spec.parameters.monitoring.email',
        'e-mail alerting is not configured on this platform; use alertmanagerConfigTemplate or alertmanagerConfigRef',
      ),
    );
  }
  return problems;
}

export function composeMonitoring(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  ctx.desireObject(
    POD_MONITOR,
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { name: 'postgresql', namespace },
      spec: {
        selector: { matchLabels: clusterPodsOf(ctx) },
        namespaceSelector: { matchNames: [namespace] },
        podMetricsEndpoints: [{ port: 'pgexporter' }],
      },
    },
    { name: ctx.nameFor('podmonitor') },
  );
  ctx.desireObject(PROMETHEUS_RULES, prometheusRules(ctx, namespace), { name: ctx.nameFor('prometheusrules') });
  composeAlertmanagerConfig(ctx, namespace);
  composeEmailAlerting(ctx, namespace);
}

/** The usual PostgreSQL alerts, each limited to the instance namespace. */
function prometheusRules(ctx: Context, namespace: string): KubeObject {
  const ns = `namespace="${namespace}"`;
  const rule = (alert: string, expr: string, duration: string, severity: 'warning' | 'critical', summary: string): JsonObject => ({
    alert,
    expr,
    for: duration,
    labels: { severity },
    annotations: { summary, description: `${summary} (instance ${ctx.claimName} in ${namespace})` },
  });
  const rules = [
    rule('PostgreSQLDown', `pg_up{${ns}} == 0`, '5m', 'critical', 'PostgreSQL does not answer its exporter'),
    rule(
      'PostgreSQLConnectionsCritical',
      `sum by (pod) (pg_stat_activity_count{${ns}}) > 0.9 * max by (pod) (pg_settings_max_connections{${ns}})`,
      '10m',
      'critical',
      'PostgreSQL uses more than 90% of max_connections',
    ),
    rule(
      'PostgreSQLPersistentVolumeFillingUp',
      `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.03`,
      '1m',
      'critical',
      'the PostgreSQL volume has less than 3% free space',
    ),
    rule(
      'PostgreSQLPersistentVolumeExpectedToFillUp',
      `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.15 and predict_linear(kubelet_volume_stats_available_bytes{${ns}}[6h], 4 * 24 * 3600) < 0`,
      '1h',
      'warning',
      'the PostgreSQL volume is expected to fill up within four days',
    ),
    rule(
      'PostgreSQLMemoryCritical',
      `max by (pod) (container_memory_working_set_bytes{${ns}, container="patroni"}) / max by (pod) (kube_pod_container_resource_limits{${ns}, container="patroni", resource="memory"}) > 0.85`,
      '2h',
      'critical',
      'PostgreSQL uses more than 85% of its memory limit',
    ),
    ...(ctx.params.instances > 1
      ? [
          rule(
            'PostgreSQLReplicationLagHigh',
            `max by (pod) (pg_replication_lag{${ns}}) > 300`,
            '10m',
            'warning',
            'a PostgreSQL replica lags more than 5 minutes',
          ),
        ]
      : []),
  ];
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'postgresql', namespace },
    spec: { groups: [{ name: 'postgresql', rules }] },
  };
}

/** The claim's routing: its own spec, else a copy of the AlertmanagerConfig it names (with the Secret it names). */
function composeAlertmanagerConfig(ctx: Context, namespace: string): void {
  const { alertmanagerConfigTemplate, alertmanagerConfigRef, alertmanagerConfigSecretRef } = ctx.params.monitoring;
  const claimNamespace = ctx.claimNamespace ?? '';
  if (alertmanagerConfigSecretRef !== undefined) {
    ctx.desireObject(
      ALERTMANAGER_SECRET,
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: alertmanagerConfigSecretRef, namespace } },
      {
        name: ctx.nameFor('alertmanager-secret'),
        references: [
          {
            patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: alertmanagerConfigSecretRef, namespace: claimNamespace, fieldPath: 'data' },
            toFieldPath: 'data',
          },
        ],
      },
    );
  }
  const manifest = (spec: JsonObject): KubeObject => ({
    apiVersion: 'monitoring.coreos.com/v1alpha1',
    kind: 'AlertmanagerConfig',
    metadata: { name: 'postgresql', namespace },
    spec,
  });
  if (alertmanagerConfigTemplate !== undefined) {
    ctx.desireObject(ALERTMANAGER_CONFIG, manifest(alertmanagerConfigTemplate as JsonObject), { name: ctx.nameFor('alertmanagerconfig') });
  } else if (alertmanagerConfigRef !== undefined) {
    ctx.desireObject(ALERTMANAGER_CONFIG, manifest({}), {
      name: ctx.nameFor('alertmanagerconfig'),
      references: [
        {
          patchesFrom: {
            apiVersion: 'monitoring.coreos.com/v1alpha1',
            kind: 'AlertmanagerConfig',
            name: alertmanagerConfigRef,
            namespace: claimNamespace,
            fieldPath: 'spec',
          },
          toFieldPath: 'spec',
        },
      ],
    });
  }
}

/** monitoring.email: the alerts by e-mail through the platform's relay, whose password is copied from the control namespace. */
function composeEmailAlerting(ctx: Context, namespace: string): void {
  const email = ctx.params.monitoring.email;
  const relay = ctx.input.emailAlerting;
  if (email === undefined || !relay) return;
  ctx.desireObject(
    EMAIL_SECRET,
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: SMTP_SECRET, namespace } },
    {
      name: ctx.nameFor('email-secret'),
      references: [
        {
          patchesFrom: {
            apiVersion: 'v1',
            kind: 'Secret',
            name: relay.passwordSecret.name,
            namespace: ctx.input.controlNamespace,
            fieldPath: 'data',
          },
          toFieldPath: 'data',
        },
      ],
    },
  );
  ctx.desireObject(
    EMAIL_ALERTING,
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'email', namespace },
      spec: {
        route: { receiver: 'email', groupBy: ['alertname'], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' },
        receivers: [
          {
            name: 'email',
            emailConfigs: [
              {
                to: email,
                from: relay.from,
                smarthost: relay.smarthost,
                ...(relay.authUsername ? { authUsername: relay.authUsername } : {}),
                authPassword: { name: SMTP_SECRET, key: relay.passwordSecret.key },
                sendResolved: true,
              },
            ],
          },
        ],
      },
    },
    { name: ctx.nameFor('email-alerting') },
  );
}
