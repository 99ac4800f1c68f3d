// service.access: extra users, each with privileges on a database, managed
// in PostgreSQL by provider-sql through a ProviderConfig that reads the
// instance's own connection secret. Each user's password is generated once
// into a Secret in the instance namespace that the user's Role names
// (passwordSecretRef): provider-sql sets it on the role whether it creates
// the role or finds it existing, as in a restored instance, whose roles
// come back from the backup. provider-sql publishes the password it set in
// the Role's connection secret, and provider-kubernetes copies it from
// there into the user's Secret, so that Secret holds a password only once
// it works.
import {
  dnsName,
  FieldError,
  generatePassword,
  getObject,
  getString,
  secretWithData,
  storedSecretValue,
  ValidationError,
  type JsonObject,
  type KubeObject,
} from '@appcat/runtime';
import { secretCopy, vshnPostgreSQL } from '@appcat/appcat';
import { CLUSTER, namespaceOf, TLS_SECRET, type Context } from './names.js';
import { hostOf } from './tls.js';

export const SQL_PROVIDER_CONFIG = 'sql-provider-config';
const SQL_API = 'postgresql.sql.crossplane.io/v1alpha1';

/** Users StackGres itself runs the cluster as; a claim cannot take them over. */
const RESERVED_USERS = new Set(['postgres', 'replicator', 'authenticator']);

type Access = NonNullable<Context['params']['service']['access']>[number];

interface User {
  user: string;
  database: string;
  privileges: string[];
  secret: { name: string; namespace: string };
}

const roleKey = (user: string): string => `access-role-${user}`;
const databaseKey = (database: string): string => `access-database-${database}`;
const grantKey = (user: string): string => `access-grant-${user}`;
const secretKey = (user: string): string => `access-secret-${user}`;
const passwordKey = (user: string): string => `access-password-${user}`;

/**
 * Where users' Secrets may be written. A claim's own namespace only. A
 * composite without a claim is composed by the platform (another service
 * nests it, like Keycloak its database); whoever composed it already chose
 * where its superuser's credentials go, so its users' may go there too.
 */
function secretNamespacesOf(ctx: Context): Set<string> {
  const namespaces = new Set<string>();
  if (ctx.claimNamespace !== undefined) namespaces.add(ctx.claimNamespace);
  const own = getString(ctx.composite, 'spec.writeConnectionSecretToRef.namespace');
  if (getObject(ctx.composite, 'spec.claimRef') === undefined && own !== undefined) namespaces.add(own);
  return namespaces;
}

function usersOf(ctx: Context): User[] {
  const access: Access[] = ctx.params.service.access ?? [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const allowed = secretNamespacesOf(ctx);
  const users = access.map((a, i): User => {
    const path = `spec.parameters.service.access[${i}]`;
    if (RESERVED_USERS.has(a.user)) errors.push(new FieldError(`${path}.user`, `${a.user} is the cluster's own user; choose another name`));
    if (seen.has(a.user)) errors.push(new FieldError(`${path}.user`, `${a.user} is listed twice`));
    seen.add(a.user);
    const claimNamespace = ctx.claimNamespace;
    const ref = a.writeConnectionSecretToRef;
    // Credentials stay in the claim's namespace: the claim's owner cannot write Secrets elsewhere.
    if (ref && !allowed.has(ref.namespace)) {
      errors.push(
        new FieldError(
          `${path}.writeConnectionSecretToRef.namespace`,
          allowed.size > 1
            ? `must be the claim's namespace (${claimNamespace ?? 'none'}) or the composite's connection Secret's (${[...allowed].filter((n) => n !== claimNamespace).join(', ')}), not ${ref.namespace}`
            : `must be the claim's namespace (${claimNamespace ?? 'none'}), not ${ref.namespace}`,
        ),
      );
    }
    if (!ref && claimNamespace === undefined)
      errors.push(new FieldError(`${path}.writeConnectionSecretToRef`, 'must be set for a composite without a claim'));
    return {
      user: a.user,
      database: a.database ?? a.user,
      privileges: a.privileges && a.privileges.length > 0 ? [...new Set(a.privileges)] : ['ALL'],
      secret: ref ?? { name: dnsName([ctx.claimName, a.user]), namespace: claimNamespace ?? '' },
    };
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return users;
}

/** Whether anything of service.access was composed before: it stays while the cluster is not ready. */
const composedBefore = (ctx: Context): string[] => ctx.observedNames().filter((n) => n === SQL_PROVIDER_CONFIG || n.startsWith('access-'));

export function composeAccess(ctx: Context): void {
  const users = usersOf(ctx);
  if (users.length === 0 && composedBefore(ctx).length === 0) return;
  const connectionSecret = getString(ctx.composite, 'spec.writeConnectionSecretToRef.name');
  const connectionNamespace = getString(ctx.composite, 'spec.writeConnectionSecretToRef.namespace');
  // provider-sql connects with the instance's own credentials (retrying until Crossplane has
  // written them), once the cluster serves.
  if (!connectionSecret || !connectionNamespace || !ctx.isReady(CLUSTER)) {
    for (const name of composedBefore(ctx)) ctx.keep(name);
    if (users.length > 0) ctx.waitFor('the cluster to serve before its extra users are created');
    return;
  }
  const providerConfig = ctx.nameFor('sql');
  ctx.desire(
    SQL_PROVIDER_CONFIG,
    {
      apiVersion: SQL_API,
      kind: 'ProviderConfig',
      metadata: { name: providerConfig },
      spec: {
        credentials: {
          source: 'PostgreSQLConnectionSecret',
          connectionSecretRef: { name: connectionSecret, namespace: connectionNamespace },
          secretKeyMapping: { endpoint: 'POSTGRESQL_HOST', port: 'POSTGRESQL_PORT', username: 'POSTGRESQL_USER', password: 'POSTGRESQL_PASSWORD' },
        },
        defaultDatabase: vshnPostgreSQL.database,
        sslMode: 'require',
      },
    },
    // A ProviderConfig has no Ready condition; it is usable once it exists.
    { ready: true },
  );
  const managed = sqlResource(providerConfig);
  const owners = new Map(users.filter((u) => u.user === u.database).map((u) => [u.database, u.user]));
  for (const database of new Set(users.map((u) => u.database))) {
    const owner = owners.get(database);
    // Orphan: removing an access entry never drops the database and its data.
    ctx.desire(
      databaseKey(database),
      managed('Database', ctx.nameFor('db', database), database, owner ? { owner } : {}, { deletionPolicy: 'Orphan' }),
    );
  }
  for (const u of users) composeUser(ctx, u, managed);
}

type SqlResource = (kind: string, name: string, external: string | undefined, forProvider: JsonObject, extra?: JsonObject) => KubeObject;

/** A provider-sql managed resource; its external name is the name in PostgreSQL. */
function sqlResource(providerConfig: string): SqlResource {
  return (kind, name, external, forProvider, extra = {}) => ({
    apiVersion: SQL_API,
    kind,
    metadata: { name, ...(external ? { annotations: { 'crossplane.io/external-name': external } } : {}) },
    spec: { forProvider, providerConfigRef: { name: providerConfig }, ...extra },
  });
}

/** The key of the password in the user's password Secret. */
const PASSWORD = 'password';

/**
 * The user's password Secret, composed unless its Role keeps a password of
 * its own; the reference the Role names it by. A Role that exists without a
 * reference and has published a password was created by provider-sql with
 * one it generated, which the user's Secret holds and applications connect
 * with: naming a new one would make provider-sql change it under them, so
 * that Role stays as it is. One that has published none found its role
 * existing (restored from a backup before roles named their passwords):
 * provider-sql publishes a password only when it sets one, so nobody holds
 * a working password for it, and it gets one.
 */
function composePassword(ctx: Context, u: User): JsonObject | undefined {
  const role = ctx.observed(roleKey(u.user));
  const ownPassword =
    role !== undefined &&
    getObject(role, 'spec.forProvider.passwordSecretRef') === undefined &&
    ctx.observedConnectionDetail(roleKey(u.user), 'password') !== undefined;
  if (ownPassword) return undefined;
  const object = ctx.observed(passwordKey(u.user));
  // Before its Object is observed the password is read by nothing (provider-sql reads it from the Secret), so a new one is as good.
  const password =
    storedSecretValue(object, PASSWORD, { value: `the password of user ${u.user}`, secret: "the user's password Secret" }) ?? generatePassword();
  const secret = { name: dnsName(['user', u.user, 'password']), namespace: namespaceOf(ctx) };
  ctx.desireObject(passwordKey(u.user), secretWithData(secret.name, secret.namespace, { [PASSWORD]: password }), {
    name: ctx.nameFor('user-password', u.user),
  });
  return { ...secret, key: PASSWORD };
}

function composeUser(ctx: Context, u: User, managed: SqlResource): void {
  const credentials = { name: ctx.nameFor('user', u.user), namespace: ctx.input.connectionSecretNamespace };
  const passwordSecretRef = composePassword(ctx, u);
  ctx.desire(
    roleKey(u.user),
    managed(
      'Role',
      ctx.nameFor('user', u.user),
      u.user,
      { privileges: { login: true }, ...(passwordSecretRef ? { passwordSecretRef } : {}) },
      { writeConnectionSecretToRef: credentials },
    ),
  );
  ctx.desire(
    grantKey(u.user),
    managed('Grant', ctx.nameFor('grant', u.user), undefined, { role: u.user, database: u.database, privileges: u.privileges }),
  );
  // The user's Secret: what is not secret written as it is, the password and the CA copied in.
  const copy = secretCopy(credentials, u.secret, [{ from: 'password', to: 'POSTGRESQL_PASSWORD' }], {
    POSTGRESQL_USER: u.user,
    POSTGRESQL_DB: u.database,
    POSTGRESQL_HOST: hostOf(ctx),
    POSTGRESQL_PORT: vshnPostgreSQL.port,
  });
  const ca = secretCopy({ name: TLS_SECRET, namespace: namespaceOf(ctx) }, u.secret, [{ from: 'ca.crt' }]);
  ctx.desireObject(secretKey(u.user), copy.manifest, {
    name: ctx.nameFor('user-secret', u.user),
    references: [...copy.references, ...ca.references],
  });
}
