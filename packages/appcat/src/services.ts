// The service contracts: what one service of the catalog needs to know of
// another, written once. A service that composes another (Keycloak → its
// PostgreSQL, PostgreSQL → its backup bucket) imports the contract, never the
// other function's code.
import { dnsName } from '@appcat/runtime';

export interface ServiceContract {
  /** The service name in namespaces, labels and billing (`appcat-<name>`). */
  readonly name: string;
  /** apiVersion and kind of the composite, for a parent that composes it. */
  readonly apiVersion: string;
  readonly compositeKind: string;
  /** The keys of the connection secret every claim gets (the XRD's connectionSecretKeys). */
  readonly connectionKeys: readonly string[];
}

/** A service whose instances run in a namespace of their own. */
export interface NamespacedService extends ServiceContract {
  /** The instance namespace of a composite: `vshn-<service>-<composite name>`. */
  instanceNamespace(compositeName: string): string;
}

function namespaced(contract: ServiceContract): NamespacedService {
  return { ...contract, instanceNamespace: (compositeName) => dnsName(['vshn', contract.name, compositeName]) };
}

const POSTGRESQL_KEYS = [
  'POSTGRESQL_URL',
  'POSTGRESQL_DB',
  'POSTGRESQL_HOST',
  'POSTGRESQL_PORT',
  'POSTGRESQL_USER',
  'POSTGRESQL_PASSWORD',
  'ca.crt',
] as const;

export interface PostgreSQLAddress {
  user: string;
  password: string;
  host: string;
  port: string;
  database: string;
}

/**
 * The URL of a PostgreSQL service, built from its parts so it always agrees
 * with them and is encoded. sslmode=require: always encrypted (clients that
 * verify the server use ca.crt, which a URL cannot carry); sslmode=disable
 * for a server without TLS, which would refuse require.
 */
export function postgreSQLURL(a: PostgreSQLAddress, tls = true): string {
  const e = encodeURIComponent;
  return `postgres://${e(a.user)}:${e(a.password)}@${a.host}:${a.port}/${e(a.database)}?sslmode=${tls ? 'require' : 'disable'}`;
}

/** VSHNPostgreSQL: PostgreSQL on StackGres. */
export const vshnPostgreSQL = {
  ...namespaced({
    name: 'postgresql',
    apiVersion: 'vshn.appcat.vshn.io/v1',
    compositeKind: 'XVSHNPostgreSQL',
    // LOADBALANCER_IP only when network.serviceType is LoadBalancer.
    connectionKeys: [...POSTGRESQL_KEYS, 'LOADBALANCER_IP'],
  }),
  port: '5432',
  database: 'postgres',
};

/** ExoscalePostgreSQL: Exoscale's DBaaS; it runs at Exoscale, not in a namespace of ours. */
export const exoscalePostgreSQL: ServiceContract = {
  name: 'exoscale-postgresql',
  apiVersion: 'exoscale.appcat.vshn.io/v1',
  compositeKind: 'XExoscalePostgreSQL',
  connectionKeys: POSTGRESQL_KEYS,
};

/** ObjectBucket: an S3 bucket and a user limited to it. */
export const objectBucket: ServiceContract = {
  name: 'objectbucket',
  apiVersion: 'appcat.vshn.io/v1',
  compositeKind: 'XObjectBucket',
  connectionKeys: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION', 'ENDPOINT', 'ENDPOINT_URL', 'BUCKET_NAME'],
};

/** VSHNKeycloak: Keycloak on a nested VSHNPostgreSQL. */
export const vshnKeycloak = namespaced({
  name: 'keycloak',
  apiVersion: 'vshn.appcat.vshn.io/v1',
  compositeKind: 'XVSHNKeycloak',
  connectionKeys: ['KEYCLOAK_HOST', 'KEYCLOAK_URL', 'KEYCLOAK_USERNAME', 'KEYCLOAK_PASSWORD', 'ca.crt'],
});

/** Every service of the catalog. */
export const SERVICES: readonly ServiceContract[] = [vshnPostgreSQL, exoscalePostgreSQL, objectBucket, vshnKeycloak];
