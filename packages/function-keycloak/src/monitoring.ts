// Metrics and alerts of the instance (monitoring.*): a ServiceMonitor for the
// metrics Keycloak serves on the chart's management port, PrometheusRules
// with the usual Keycloak alerts; where the alerts go (the claim's
// AlertmanagerConfig, a copy of one, e-mail) is the catalog's shared alerting.
import { alertingErrors, composeAlerting, prometheusRuleOf, type AlertRule } from '@appcat/appcat';
import type { FieldError } from '@appcat/runtime';
import { FULLNAME, HTTP_SERVICE, namespaceOf, TLS_SECRET, type Context } from './names.js';
import { releaseNameOf } from './release.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const SERVICE_MONITOR = 'service-monitor';
export const PROMETHEUS_RULES = 'prometheus-rules';

/** The keycloakx chart's management port on its HTTP service (9000): health and metrics. */
const MANAGEMENT_PORT = 'http-internal';
/** The chart's Keycloak container. */
const CONTAINER = 'keycloak';

export function checkMonitoring(ctx: Context): FieldError[] {
  return alertingErrors(ctx, ctx.params.monitoring, ctx.input.emailAlerting);
}

export function composeMonitoring(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const relativePath = ctx.params.service.relativePath.replace(/\/+$/, '');
  ctx.desireObject(
    SERVICE_MONITOR,
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: { name: 'keycloak', namespace },
      spec: {
        // The labels the chart puts on its HTTP service.
        selector: {
          matchLabels: {
            'app.kubernetes.io/name': 'keycloakx',
            'app.kubernetes.io/instance': releaseNameOf(ctx),
            'app.kubernetes.io/component': 'http',
          },
        },
        namespaceSelector: { matchNames: [namespace] },
        endpoints: [
          {
            port: MANAGEMENT_PORT,
            path: `${relativePath}/metrics`,
            // The management port serves HTTPS with the instance's certificate, verified against its CA.
            scheme: 'https',
            tlsConfig: { ca: { secret: { name: TLS_SECRET, key: 'ca.crt' } }, serverName: `${HTTP_SERVICE}.${namespace}.svc` },
          },
        ],
      },
    },
    { name: ctx.nameFor('servicemonitor') },
  );
  ctx.desireObject(PROMETHEUS_RULES, prometheusRuleOf(ctx, { namespace, name: 'keycloak', rules: alertRules(namespace) }), {
    name: ctx.nameFor('prometheusrules'),
  });
  composeAlerting(ctx, {
    namespace,
    configName: 'keycloak',
    monitoring: ctx.params.monitoring,
    relay: ctx.input.emailAlerting,
    controlNamespace: ctx.input.controlNamespace,
  });
}

/** The usual Keycloak alerts, each limited to the instance namespace. A suspended instance (instances 0) has no target to miss. */
function alertRules(namespace: string): AlertRule[] {
  const ns = `namespace="${namespace}"`;
  const statefulSet = `${ns}, statefulset="${FULLNAME}"`;
  return [
    {
      alert: 'KeycloakDown',
      // Critical when no instance answers; one of several missing is KeycloakInstancesUnavailable.
      expr: `max(up{${ns}, service="${HTTP_SERVICE}"}) == 0`,
      for: '5m',
      severity: 'critical',
      summary: 'no Keycloak instance answers its metrics endpoint',
    },
    {
      alert: 'KeycloakInstancesUnavailable',
      expr: `kube_statefulset_status_replicas_ready{${statefulSet}} < kube_statefulset_replicas{${statefulSet}}`,
      for: '15m',
      severity: 'warning',
      summary: 'fewer Keycloak instances are ready than the instance has',
    },
    {
      alert: 'KeycloakMemoryCritical',
      expr: `max by (pod) (container_memory_working_set_bytes{${ns}, container="${CONTAINER}"}) / max by (pod) (kube_pod_container_resource_limits{${ns}, container="${CONTAINER}", resource="memory"}) > 0.85`,
      for: '2h',
      severity: 'critical',
      summary: 'Keycloak uses more than 85% of its memory limit',
    },
  ];
}
