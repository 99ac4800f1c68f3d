import { vshnKeycloak } from '@appcat/appcat';
import { dnsName, type ServiceContext } from '@appcat/runtime';
import type { Input, Parameters } from './generated.js';

export { TLS_CERTIFICATE, TLS_SECRET } from '@appcat/appcat';

export type Context = ServiceContext<Parameters, Input>;

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const POSTGRESQL = 'postgresql';
export const ADMIN_CREDENTIALS = 'admin-credentials';
export const RELEASE = 'release';

/** Secret the nested PostgreSQL writes its connection details to, in the instance namespace. */
export const POSTGRESQL_CONNECTION_SECRET = 'postgresql-connection';
/** Keycloak's own database user and the database it owns, in the nested PostgreSQL (service.access). */
export const DATABASE_USER = 'keycloak';
export const DATABASE_NAME = 'keycloak';
/** Secret the nested PostgreSQL writes Keycloak's database user's credentials to, in the instance namespace. */
export const DATABASE_USER_SECRET = 'keycloak-database';
/**
 * On the nested PostgreSQL composite: the database Keycloak's data is in.
 * Only this function writes it; a restore reads it from its source's.
 */
export const DATABASE_ANNOTATION = 'keycloak.appcat.vshn.io/database';

/** Secret of the admin credentials, in the instance namespace. */
export const ADMIN_SECRET = 'keycloak-admin';
export const ADMIN_USERNAME = 'admin';

/**
 * The chart's objects are named after this (fullnameOverride): every
 * instance has a namespace of its own, so the names never collide.
 */
export const FULLNAME = 'keycloak';
export const HTTP_SERVICE = `${FULLNAME}-http`;

/** The namespace the instance runs in. */
export const namespaceOf = (ctx: Context): string => vshnKeycloak.instanceNamespace(ctx.name);

/** The in-cluster host name of Keycloak's HTTP(S) service. */
export const serviceHostOf = (ctx: Context): string => `${HTTP_SERVICE}.${namespaceOf(ctx)}.svc.${ctx.input.clusterDomain}`;

/** The name of a Keycloak composite's nested PostgreSQL composite (a restore names its source's). */
export const postgreSQLNameFor = (keycloakComposite: string): string => dnsName([keycloakComposite, 'pg']);
