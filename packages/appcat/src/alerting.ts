// Where an instance's alerts go (the claim's `monitoring` group), the same
// for every service with an instance namespace: the claim's own
// AlertmanagerConfig spec, a copy of one in the claim's namespace (with the
// Secret it names), and e-mail through the platform's SMTP relay. Copies are
// made by provider-kubernetes from the source objects, so no secret passes
// through a function. What is scraped and which alerts exist is each
// service's own (its PodMonitor or ServiceMonitor, its PrometheusRules).
import { FieldError, type JsonObject, type KubeObject, type RuntimeInput, type ServiceContext } from '@appcat/runtime';

/** The `monitoring` group, as every XRD of the catalog that has one declares it. */
export interface MonitoringParameters {
  alertmanagerConfigRef?: string;
  alertmanagerConfigSecretRef?: string;
  alertmanagerConfigTemplate?: Record<string, unknown>;
  email?: string;
}

/** The platform's SMTP relay (a function input's `emailAlerting`). */
export interface EmailRelay {
  smarthost: string;
  from: string;
  authUsername?: string;
  /** The Secret in the control namespace holding the relay's password. */
  passwordSecret: { name: string; key: string };
}

export interface AlertingOptions {
  /** The instance namespace. */
  namespace: string;
  /** The name of the instance's AlertmanagerConfig (the service's: `postgresql`, `keycloak`). */
  configName: string;
  monitoring: MonitoringParameters;
  /** Without a relay, monitoring.email is refused by alertingErrors. */
  relay?: EmailRelay;
  /** Where the relay's password Secret is. */
  controlNamespace: string;
}

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const ALERTMANAGER_CONFIG = 'alertmanager-config';
export const ALERTMANAGER_SECRET = 'alertmanager-secret';
export const EMAIL_ALERTING = 'email-alerting';
export const EMAIL_SECRET = 'email-secret';

/** The fields of prometheus-operator's AlertmanagerConfig spec. */
const ALERTMANAGER_CONFIG_FIELDS = new Set(['route', 'receivers', 'inhibitRules', 'muteTimeIntervals']);
/** The Secret the e-mail receiver reads the relay's password from, in the instance namespace. */
const SMTP_SECRET = 'smtp-relay';
const FIELD = 'spec.parameters.monitoring';

/** One alert of a service's PrometheusRule. */
export interface AlertRule {
  alert: string;
  expr: string;
  /** How long the condition holds before the alert fires (a Prometheus duration). */
  for: string;
  severity: 'warning' | 'critical';
  summary: string;
}

/**
 * A PrometheusRule of one group of alerts, each saying which instance it is
 * about. Every alert carries the instance namespace as its `namespace` label,
 * whatever its expression aggregates away: the instance's AlertmanagerConfigs
 * only receive alerts of their own namespace.
 */
export function prometheusRuleOf<P, I extends RuntimeInput>(
  ctx: ServiceContext<P, I>,
  opts: { namespace: string; name: string; rules: readonly AlertRule[] },
): KubeObject {
  const rules = opts.rules.map((r) => ({
    alert: r.alert,
    expr: r.expr,
    for: r.for,
    labels: { severity: r.severity, namespace: opts.namespace },
    annotations: { summary: r.summary, description: `${r.summary} (instance ${ctx.claimName} in ${opts.namespace})` },
  }));
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: opts.name, namespace: opts.namespace },
    spec: { groups: [{ name: opts.name, rules }] },
  };
}

/** Refusals of the monitoring group: a template that is no AlertmanagerConfig spec, copies without a claim, e-mail without a relay. */
export function alertingErrors<P, I extends RuntimeInput>(
  ctx: ServiceContext<P, I>,
  monitoring: MonitoringParameters,
  relay?: EmailRelay,
): FieldError[] {
  const { alertmanagerConfigTemplate, alertmanagerConfigSecretRef, alertmanagerConfigRef, email } = monitoring;
  const problems: FieldError[] = [];
  for (const key of Object.keys(alertmanagerConfigTemplate ?? {})) {
    if (!ALERTMANAGER_CONFIG_FIELDS.has(key)) {
      problems.push(
        new FieldError(`${FIELD}.alertmanagerConfigTemplate.${key}`, `unknown field; allowed fields: ${[...ALERTMANAGER_CONFIG_FIELDS].join(', ')}`),
      );
    }
  }
  const copies = alertmanagerConfigRef !== undefined || alertmanagerConfigSecretRef !== undefined;
  if (copies && !ctx.claimNamespace) {
    problems.push(new FieldError(`${FIELD}.alertmanagerConfigRef`, 'names an object in the claim namespace, and this composite has no claim'));
  }
  if (email !== undefined && !relay) {
    problems.push(
      new FieldError(`${FIELD}.email`, 'e-mail alerting is not configured on this platform; use alertmanagerConfigTemplate or alertmanagerConfigRef'),
    );
  }
  return problems;
}

/** Desires the AlertmanagerConfigs (and the Secrets they read) the monitoring group asks for; nothing when it is empty. */
export function composeAlerting<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: AlertingOptions): void {
  composeAlertmanagerConfig(ctx, opts);
  composeEmailAlerting(ctx, opts);
}

/** The claim's routing: its own spec, else a copy of the AlertmanagerConfig it names (with the Secret it names). */
function composeAlertmanagerConfig<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: AlertingOptions): void {
  const { namespace } = opts;
  const { alertmanagerConfigTemplate, alertmanagerConfigRef, alertmanagerConfigSecretRef } = opts.monitoring;
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
    metadata: { name: opts.configName, namespace },
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
function composeEmailAlerting<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: AlertingOptions): void {
  const { namespace, relay } = opts;
  const email = opts.monitoring.email;
  if (email === undefined || !relay) return;
  ctx.desireObject(
    EMAIL_SECRET,
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: SMTP_SECRET, namespace } },
    {
      name: ctx.nameFor('email-secret'),
      references: [
        {
          patchesFrom: { apiVersion: 'v1', kind: 'Secret', name: relay.passwordSecret.name, namespace: opts.controlNamespace, fieldPath: 'data' },
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
