// Metrics and alerts of the instance (monitoring.*): a PodMonitor for
// StackGres' exporter and PrometheusRules with the usual PostgreSQL alerts;
// where the alerts go (the claim's AlertmanagerConfig, a copy of one, e-mail)
// is the catalog's shared alerting.
import { alertingErrors, composeAlerting, prometheusRuleOf, type AlertRule } from '@appcat/appcat';
import type { FieldError } from '@appcat/runtime';
import { clusterNameOf, namespaceOf, type Context } from './names.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const POD_MONITOR = 'pod-monitor';
export const PROMETHEUS_RULES = 'prometheus-rules';

/** The labels StackGres puts on the pods of a cluster. */
export function clusterPodsOf(ctx: Context): Record<string, string> {
  return { app: 'StackGresCluster', 'stackgres.io/cluster-name': clusterNameOf(ctx) };
}

export function checkMonitoring(ctx: Context): FieldError[] {
  return alertingErrors(ctx, ctx.params.monitoring, ctx.input.emailAlerting);
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
  ctx.desireObject(PROMETHEUS_RULES, prometheusRuleOf(ctx, { namespace, name: 'postgresql', rules: alertRules(ctx, namespace) }), {
    name: ctx.nameFor('prometheusrules'),
  });
  composeAlerting(ctx, {
    namespace,
    configName: 'postgresql',
    monitoring: ctx.params.monitoring,
    relay: ctx.input.emailAlerting,
    controlNamespace: ctx.input.controlNamespace,
  });
}

/** The usual PostgreSQL alerts, each limited to the instance namespace. */
function alertRules(ctx: Context, namespace: string): AlertRule[] {
  const ns = `namespace="${namespace}"`;
  return [
    { alert: 'PostgreSQLDown', expr: `pg_up{${ns}} == 0`, for: '5m', severity: 'critical', summary: 'PostgreSQL does not answer its exporter' },
    {
      alert: 'PostgreSQLConnectionsCritical',
      expr: `sum by (pod) (pg_stat_activity_count{${ns}}) > 0.9 * max by (pod) (pg_settings_max_connections{${ns}})`,
      for: '10m',
      severity: 'critical',
      summary: 'PostgreSQL uses more than 90% of max_connections',
    },
    {
      alert: 'PostgreSQLPersistentVolumeFillingUp',
      expr: `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.03`,
      for: '1m',
      severity: 'critical',
      summary: 'the PostgreSQL volume has less than 3% free space',
    },
    {
      alert: 'PostgreSQLPersistentVolumeExpectedToFillUp',
      expr: `kubelet_volume_stats_available_bytes{${ns}} / kubelet_volume_stats_capacity_bytes{${ns}} < 0.15 and predict_linear(kubelet_volume_stats_available_bytes{${ns}}[6h], 4 * 24 * 3600) < 0`,
      for: '1h',
      severity: 'warning',
      summary: 'the PostgreSQL volume is expected to fill up within four days',
    },
    {
      alert: 'PostgreSQLMemoryCritical',
      expr: `max by (pod) (container_memory_working_set_bytes{${ns}, container="patroni"}) / max by (pod) (kube_pod_container_resource_limits{${ns}, container="patroni", resource="memory"}) > 0.85`,
      for: '2h',
      severity: 'critical',
      summary: 'PostgreSQL uses more than 85% of its memory limit',
    },
    ...(ctx.params.instances > 1
      ? [
          {
            alert: 'PostgreSQLReplicationLagHigh',
            expr: `max by (pod) (pg_replication_lag{${ns}}) > 300`,
            for: '10m',
            severity: 'warning' as const,
            summary: 'a PostgreSQL replica lags more than 5 minutes',
          },
        ]
      : []),
  ];
}
