// Bindings with a user of their own: for a service whose XRD lists extra
// users (VSHNPostgreSQL's spec.parameters.service.access), a binding is one
// entry of that list, named after the binding, with its connection Secret
// beside the claim. The claim is the only record of the entries: adding and
// removing one is a read-modify-write at the claim's resourceVersion.
import { postgreSQLURL, type PostgreSQLAddress } from '@appcat/appcat';
import { dnsName, isObject, shortHash, type JsonObject, type JsonValue } from '@appcat/runtime';
import { getPath } from './parameters.js';
import type { Claim, Secret } from './store.js';

/** PostgreSQL's identifier limit (NAMEDATALEN - 1), which the XRD's user field also sets. */
const MAX_USER_LENGTH = 63;

/**
 * The user of a binding: `osb_`, the binding id as far as PostgreSQL allows it
 * unquoted (lower case, `[a-z0-9_]`), and a hash of the id itself, so two
 * binding ids never share a user even where the readable part agrees.
 */
export function bindingUser(bindingId: string): string {
  const readable = bindingId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_USER_LENGTH - 'osb__'.length - 8);
  return ['osb', readable, shortHash(bindingId)].filter((p) => p !== '').join('_');
}

/** The Secret the binding's user's credentials are written to, beside the claim (binding ids are unique per instance only). */
export function bindingCredentialsSecretName(instanceId: string, bindingId: string): string {
  return dnsName(['osb-credentials', bindingId, shortHash(instanceId)]);
}

export interface AccessEntry {
  user: string;
  writeConnectionSecretToRef: { name: string; namespace: string };
}

function listAt(parameters: JsonObject | undefined, path: string): JsonValue[] {
  const v = parameters ? getPath(parameters, path) : undefined;
  return Array.isArray(v) ? v : [];
}

/** Whether the claim lists the user. */
export function hasUser(claim: Claim, path: string, user: string): boolean {
  return listAt(claim.spec.parameters, path).some((e) => isObject(e) && e['user'] === user);
}

/** spec.parameters with the list at `path` replaced (the groups on the way kept as they are). */
function withList(parameters: JsonObject, path: string, list: JsonValue[]): JsonObject {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return parameters;
  if (rest.length === 0) return { ...parameters, [head]: list };
  const child = parameters[head];
  return { ...parameters, [head]: withList(isObject(child) ? child : {}, rest.join('.'), list) };
}

/** The claim with the entry added, or undefined when its user is listed already. */
export function addEntry(claim: Claim, path: string, entry: AccessEntry): Claim | undefined {
  if (hasUser(claim, path, entry.user)) return undefined;
  const list = [...listAt(claim.spec.parameters, path), { ...entry, writeConnectionSecretToRef: { ...entry.writeConnectionSecretToRef } }];
  return { ...claim, spec: { ...claim.spec, parameters: withList(claim.spec.parameters ?? {}, path, list) } };
}

/** The claim without the user's entry, or undefined when it is not listed. */
export function removeEntry(claim: Claim, path: string, user: string): Claim | undefined {
  if (!hasUser(claim, path, user)) return undefined;
  const list = listAt(claim.spec.parameters, path).filter((e) => !(isObject(e) && e['user'] === user));
  return { ...claim, spec: { ...claim.spec, parameters: withList(claim.spec.parameters ?? {}, path, list) } };
}

/** `parameters` with the list at `path` as the claim has it: what bindings added survives a change of plan or parameters. */
export function keepList(parameters: JsonObject, claim: Claim, path: string): JsonObject {
  const current = claim.spec.parameters ? getPath(claim.spec.parameters, path) : undefined;
  return Array.isArray(current) ? withList(parameters, path, current) : parameters;
}

const decode = (data: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));

/**
 * The binding's credentials once its user's Secret holds a user and password:
 * the Secret's keys, plus POSTGRESQL_URL built from them as the instance's is
 * when the Secret has none (sslmode as the instance's TLS setting says).
 */
export function userCredentials(secret: Secret | undefined, claim: Claim): Record<string, string> | undefined {
  if (!secret?.data) return undefined;
  const c = decode(secret.data);
  const user = c['POSTGRESQL_USER'];
  const password = c['POSTGRESQL_PASSWORD'];
  if (!user || !password) return undefined;
  const host = c['POSTGRESQL_HOST'];
  const port = c['POSTGRESQL_PORT'];
  if (c['POSTGRESQL_URL'] === undefined && host && port) {
    const address: PostgreSQLAddress = { user, password, host, port, database: c['POSTGRESQL_DB'] ?? user };
    const tls = claim.spec.parameters ? getPath(claim.spec.parameters, 'service.tls.enabled') : undefined;
    c['POSTGRESQL_URL'] = postgreSQLURL(address, tls !== false);
  }
  return c;
}
