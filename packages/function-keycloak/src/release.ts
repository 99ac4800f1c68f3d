// Keycloak itself: a Helm Release of the codecentric keycloakx chart. No
// secret is ever a Helm value: the database password reaches the pod via
// the chart's database.existingSecret, the admin credentials via
// secretKeyRef env vars, and the database's address and user via
// provider-helm set[].valueFrom from the Secret Keycloak connects with (its
// own database user's, see DatabaseAccess). So the Release depends on
// nothing observed but how the database was created, and recomputing it
// always gives the same Release.
import { neverLowered, vshnPostgreSQL } from '@appcat/appcat';
import { dnsName, getString, type JsonObject, type KubeObject } from '@appcat/runtime';
import { databaseAccessOf, databaseReady, type DatabaseAccess } from './postgresql.js';
import { RELEASE_WAIT_TIMEOUT } from './readiness.js';
import {
  ADMIN_CREDENTIALS,
  ADMIN_SECRET,
  FULLNAME,
  namespaceOf,
  RELEASE,
  serviceHostOf,
  TLS_CERTIFICATE,
  TLS_SECRET,
  type Context,
} from './names.js';
import type { Parameters } from './generated.js';
import { resourcesOf } from './plans.js';
import { customMountsOf, envFromOf, requiredCopyResourceNames } from './customization.js';

type Version = Parameters['service']['version'];

/** The Keycloak image of each major version (chart 7.1.5 ships 26.4.5); maintenance.pinImageTag replaces it. */
export const IMAGE_TAGS: Record<Version, string> = { '25': '25.0.6', '26': '26.4.5' };

/**
 * The cache settings, the same on every offered version: the chart's own
 * (cache.stack default) set the jdbc-ping stack, which exists only from
 * Keycloak 26.1, so Keycloak 25 would not start. With cache.stack custom the
 * chart sets none, and every version gets the kubernetes stack (DNS
 * discovery through the headless service), which both have.
 */
const CACHE_ENV = [
  { name: 'KC_CACHE', value: 'ispn' },
  { name: 'KC_CACHE_STACK', value: 'kubernetes' },
] as const;

/** The image tag composed: the pinned one, else the catalog's release of the version. */
export const imageTagOf = (ctx: Context): string => ctx.params.maintenance.pinImageTag ?? IMAGE_TAGS[ctx.params.service.version];

/** Keycloak 26 renamed the variables that create the first admin. */
const ADMIN_ENV: Record<Version, { username: string; password: string }> = {
  '25': { username: 'KEYCLOAK_ADMIN', password: 'KEYCLOAK_ADMIN_PASSWORD' },
  '26': { username: 'KC_BOOTSTRAP_ADMIN_USERNAME', password: 'KC_BOOTSTRAP_ADMIN_PASSWORD' },
};

const CERTS_DIR = '/opt/keycloak/certs';
/** The database's CA, from the nested PostgreSQL's connection Secret. */
const DATABASE_CA_DIR = '/opt/keycloak/database-ca';

/** The Helm release name (at most 53 characters) and the Release's name. */
export const releaseNameOf = (ctx: Context): string => dnsName([ctx.name], 53);

/** The major version the running Release was composed with, if any. */
function runningVersionOf(observed: KubeObject | undefined): number | undefined {
  const tag = getString(observed, 'spec.forProvider.values.image.tag');
  return tag === undefined ? undefined : Number.parseInt(tag, 10);
}

/** Keycloak migrates its database on upgrade; an older Keycloak cannot read it. */
export function checkVersionNotLowered(ctx: Context): void {
  const lowered = neverLowered('spec.parameters.service.version', runningVersionOf(ctx.observed(RELEASE)), Number(ctx.params.service.version));
  if (lowered) throw lowered;
}

/**
 * The Release comes once the database's connection Secret, the certificate
 * and the admin Secret exist: Keycloak cannot start without them. A Release
 * that exists is always desired (it depends on nothing observed).
 */
export function composeKeycloak(ctx: Context): void {
  const exists = ctx.observed(RELEASE) !== undefined;
  const dbReady = databaseReady(ctx);
  if (!dbReady) {
    const consequence = exists ? 'Keycloak is kept as it is, but may not reach it' : 'Keycloak is installed once they exist';
    ctx.result('warning', `the database is not ready: its connection details are missing; ${consequence}`, { reason: 'DatabaseNotReady' });
    ctx.waitFor('the database connection details');
  }
  const missing = [TLS_CERTIFICATE, ADMIN_CREDENTIALS, ...requiredCopyResourceNames(ctx)].filter((name) => !ctx.isReady(name));
  if (!exists && (!dbReady || missing.length > 0)) {
    if (missing.length > 0) ctx.waitFor(`${missing.join(', ')} to be ready before Keycloak is installed`);
    return;
  }
  const access = databaseAccessOf(ctx);
  // Only when the database was lost from the observed state: the running Release stays as it is.
  if (access === 'unresolved') ctx.keep(RELEASE);
  else composeRelease(ctx, access);
}

/** The chart's tpl'd string values take YAML lists: one flow mapping per line. */
const yamlList = (items: readonly JsonObject[]): string => items.map((i) => `- ${JSON.stringify(i)}`).join('\n');

const fromSecret = (name: string, key: string): JsonObject => ({ valueFrom: { secretKeyRef: { name, key } } });

/** Where the admin console is: its own host, or only inside the cluster when it is private. */
function adminEnv(ctx: Context): JsonObject[] {
  const { adminConsole, relativePath } = ctx.params.service;
  const path = relativePath === '/' ? '' : relativePath;
  if (adminConsole?.fqdn) return [{ name: 'KC_HOSTNAME_ADMIN', value: `https://${adminConsole.fqdn}${path}` }];
  if (adminConsole?.private) return [{ name: 'KC_HOSTNAME_ADMIN', value: `https://${serviceHostOf(ctx)}${path}` }];
  return [];
}

function extraEnv(ctx: Context): string {
  const { version, fqdn } = ctx.params.service;
  const { tls } = ctx.params;
  const admin = ADMIN_ENV[version];
  return yamlList([
    { name: admin.username, ...fromSecret(ADMIN_SECRET, 'username') },
    { name: admin.password, ...fromSecret(ADMIN_SECRET, 'password') },
    // Encrypted and verified: the server's certificate must be signed by the instance's CA and name its host.
    { name: 'KC_DB_URL_PROPERTIES', value: `?sslmode=verify-full&sslrootcert=${DATABASE_CA_DIR}/ca.crt` },
    { name: 'KC_HTTPS_CERTIFICATE_FILE', value: `${CERTS_DIR}/tls.crt` },
    { name: 'KC_HTTPS_CERTIFICATE_KEY_FILE', value: `${CERTS_DIR}/tls.key` },
    ...(fqdn ? [{ name: 'KC_HOSTNAME', value: fqdn }] : [{ name: 'KC_HOSTNAME_STRICT', value: 'false' }]),
    ...adminEnv(ctx),
    // tls.enabled false adds plain HTTP beside HTTPS (the ingress and the probes keep HTTPS).
    ...(tls.enabled ? [] : [{ name: 'KC_HTTP_ENABLED', value: 'true' }]),
    { name: 'KC_HTTPS_CLIENT_AUTH', value: tls.authClients ? 'request' : 'none' },
    ...CACHE_ENV,
    // Instances find each other through the headless service (cache stack kubernetes).
    { name: 'JAVA_OPTS_APPEND', value: `-Djgroups.dns.query=${FULLNAME}-headless.${namespaceOf(ctx)}.svc.${ctx.input.clusterDomain}` },
  ]);
}

function ingress(ctx: Context): JsonObject {
  const { fqdn, relativePath } = ctx.params.service;
  if (!fqdn) return { enabled: false, console: consoleIngress(ctx) };
  const issuer = ctx.input.ingressClusterIssuer;
  return {
    enabled: true,
    servicePort: 'https',
    annotations: {
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      ...(issuer ? { 'cert-manager.io/cluster-issuer': issuer } : {}),
    },
    rules: [{ host: fqdn, paths: [{ path: relativePath, pathType: 'Prefix' }] }],
    tls: [{ hosts: [fqdn], secretName: 'ingress-tls' }],
    console: consoleIngress(ctx),
  };
}

/** The admin console's own ingress, on adminConsole.fqdn: every path, since the console's login and resources are outside /admin. */
function consoleIngress(ctx: Context): JsonObject {
  const host = ctx.params.service.adminConsole?.fqdn;
  if (!host) return { enabled: false };
  const issuer = ctx.input.ingressClusterIssuer;
  return {
    enabled: true,
    annotations: {
      'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS',
      ...(issuer ? { 'cert-manager.io/cluster-issuer': issuer } : {}),
    },
    rules: [{ host, paths: [{ path: ctx.params.service.relativePath, pathType: 'Prefix' }] }],
    tls: [{ hosts: [host], secretName: 'admin-ingress-tls' }],
  };
}

/**
 * The database named in the values, when the connection Secret names
 * another: a restored instance connecting as the superuser to the database
 * its source's data is in.
 */
const namedDatabase = (access: DatabaseAccess): string | undefined =>
  access.dedicated || access.database === vshnPostgreSQL.database ? undefined : access.database;

function values(ctx: Context, access: DatabaseAccess): JsonObject {
  const p = ctx.params;
  const custom = customMountsOf(ctx);
  const nodeSelector = p.scheduling.nodeSelector ?? {};
  const resources = resourcesOf(p.size);
  return {
    fullnameOverride: FULLNAME,
    replicas: p.instances,
    image: { tag: imageTagOf(ctx) },
    ...(custom.imagePullSecrets.length > 0 ? { imagePullSecrets: custom.imagePullSecrets } : {}),
    // Realms of customConfigurationRef are imported on start; existing realms are left as they are.
    command: ['/opt/keycloak/bin/kc.sh', 'start', ...(p.service.customConfigurationRef ? ['--import-realm'] : [])],
    resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
    cache: { stack: 'custom' },
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
    // Guaranteed availability: a voluntary disruption (a node drain) never takes more than one instance at a time.
    ...(p.service.serviceLevel === 'guaranteed' ? { podDisruptionBudget: { maxUnavailable: 1 } } : {}),
    database: {
      vendor: 'postgres',
      existingSecret: access.secret,
      existingSecretKey: 'POSTGRESQL_PASSWORD',
      ...(namedDatabase(access) ? { database: namedDatabase(access) } : {}),
    },
    // With a certificate, Keycloak's management port (the probes') serves HTTPS too.
    http: { relativePath: ctx.params.service.relativePath, internalScheme: 'HTTPS' },
    service: { httpsPort: 443 },
    ingress: ingress(ctx),
    extraEnv: extraEnv(ctx),
    ...(envFromOf(ctx).length > 0 ? { extraEnvFrom: yamlList(envFromOf(ctx)) } : {}),
    ...(custom.initContainers.length > 0 ? { extraInitContainers: yamlList(custom.initContainers) } : {}),
    extraVolumes: yamlList([
      { name: 'tls', secret: { secretName: TLS_SECRET } },
      { name: 'database-ca', secret: { secretName: access.secret, items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      ...custom.volumes,
    ]),
    extraVolumeMounts: yamlList([
      { name: 'tls', mountPath: CERTS_DIR, readOnly: true },
      { name: 'database-ca', mountPath: DATABASE_CA_DIR, readOnly: true },
      ...custom.volumeMounts,
    ]),
  };
}

function composeRelease(ctx: Context, access: DatabaseAccess): void {
  const namespace = namespaceOf(ctx);
  const fromConnection = (name: string, key: string): JsonObject => ({
    name,
    valueFrom: { secretKeyRef: { name: access.secret, namespace, key } },
  });
  ctx.desire(RELEASE, {
    apiVersion: 'helm.crossplane.io/v1beta1',
    kind: 'Release',
    metadata: { name: releaseNameOf(ctx) },
    spec: {
      forProvider: {
        chart: { name: 'keycloakx', repository: ctx.input.chartRepository, version: ctx.input.chartVersion },
        namespace,
        // The instance namespace is composed with its billing labels; Helm must not create it bare.
        skipCreateNamespace: true,
        // The Release is ready once Keycloak's pods are, not once the chart is applied.
        wait: true,
        waitTimeout: RELEASE_WAIT_TIMEOUT,
        values: values(ctx, access),
        set: [
          fromConnection('database.hostname', 'POSTGRESQL_HOST'),
          fromConnection('database.port', 'POSTGRESQL_PORT'),
          ...(namedDatabase(access) ? [] : [fromConnection('database.database', 'POSTGRESQL_DB')]),
          fromConnection('database.username', 'POSTGRESQL_USER'),
        ],
      },
      providerConfigRef: { name: ctx.input.helmProviderConfigName },
    },
  });
}
