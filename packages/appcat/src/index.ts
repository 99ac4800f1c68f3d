// AppCat's conventions on top of the Crossplane-generic runtime.
export {
  ALERTMANAGER_CONFIG,
  ALERTMANAGER_SECRET,
  alertingErrors,
  composeAlerting,
  EMAIL_ALERTING,
  EMAIL_SECRET,
  prometheusRuleOf,
  type AlertingOptions,
  type AlertRule,
  type EmailRelay,
  type MonitoringParameters,
} from './alerting.js';
export * as billing from './billing.js';
export { bootstrapInstanceNs, disableBilling, type AppCatInput } from './billing.js';
export { ownerLabels } from './labels.js';
export { flatSettings, type SettingValue } from './settings.js';
export { fixedFieldErrors, fixedOnceCreated, neverLowered, type FixedField } from './lifecycle.js';
export { derivedMaintenanceWindow, normalTimeOfDay, uidDigest, type DayOfWeek, type MaintenanceWindow } from './schedules.js';
export {
  BACKUP_RETENTION_ANNOTATION,
  BACKUP_RETENTION_FINALIZER,
  MAX_RETENTION_DAYS,
  releaseTimeOf,
  RetentionError,
  retentionDaysOf,
} from './retention.js';
export { secretCopy, type SecretCopy, type SecretKeyCopy } from './secrets.js';
export {
  exoscalePostgreSQL,
  objectBucket,
  postgreSQLURL,
  SERVICES,
  vshnKeycloak,
  vshnPostgreSQL,
  type NamespacedService,
  type PostgreSQLAddress,
  type ServiceContract,
} from './services.js';
export { composeSelfSignedTLS, TLS_CERTIFICATE, TLS_ISSUER, TLS_SECRET, type SelfSignedTLSOptions } from './tls.js';
export {
  clientNamespacesOf,
  CLIENTS_NETWORK_POLICY,
  composeNamespaceAccess,
  PLATFORM_NETWORK_POLICY,
  READ_ACCESS,
  READER_CLUSTER_ROLE,
  type NamespaceAccessOptions,
  type SecurityParameters,
} from './security.js';
