// The admin credentials: a Secret in the instance namespace whose password
// is generated once, then always read back from what exists (the Secret, or
// the composite's connection details before the Secret is observed). A new
// password would not change Keycloak's admin (it is created only on the
// first start), so the published credentials would stop working.
import { randomBytes } from 'node:crypto';
import { getString } from '@appcat/runtime';
import { ADMIN_CREDENTIALS, ADMIN_SECRET, ADMIN_USERNAME, namespaceOf, type Context } from './names.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The text of a Secret's base64 value; an error for one that is not base64, never an empty or mangled password. */
function decode(b64: string | undefined, where: string): string | undefined {
  if (b64 === undefined || b64 === '') return undefined;
  if (!BASE64.test(b64))
    throw new Error(`the admin password in ${where} is not valid base64; correct it or delete the Secret ${ADMIN_SECRET} for a new one`);
  return Buffer.from(b64, 'base64').toString('utf8');
}

/**
 * The password the admin Secret holds, if it exists: from the Object's spec
 * (what this function desired, observed as soon as the Object exists), else
 * from what provider-kubernetes observed in the cluster.
 */
export function observedAdminPassword(ctx: Context): string | undefined {
  const object = ctx.observed(ADMIN_CREDENTIALS);
  return (
    decode(getString(object, 'spec.forProvider.manifest.data.password'), "the admin Secret's Object") ??
    decode(getString(object, 'status.atProvider.manifest.data.password'), 'the admin Secret')
  );
}

/**
 * The password this function generated on an earlier reconcile, before the
 * Secret's Object was observed: kept in the composite's own connection
 * details, which Crossplane stores and hands back on every reconcile.
 */
function pendingAdminPassword(ctx: Context): string | undefined {
  const value = ctx.observedCompositeConnectionDetail('KEYCLOAK_PASSWORD');
  return value?.length ? value.toString('utf8') : undefined;
}

/** 32 characters from 192 random bits, URL- and shell-safe. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export function composeAdminCredentials(ctx: Context): void {
  const password = observedAdminPassword(ctx) ?? pendingAdminPassword(ctx) ?? generatePassword();
  // Kept where the next reconcile reads it, so it never changes before the Secret exists.
  ctx.setConnectionDetail('KEYCLOAK_PASSWORD', password);
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
  ctx.desireObject(
    ADMIN_CREDENTIALS,
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: ADMIN_SECRET, namespace: namespaceOf(ctx) },
      // data, not stringData: the cluster reports data, so spec and observed state read alike.
      data: { username: b64(ADMIN_USERNAME), password: b64(password) },
    },
    { name: ctx.nameFor('admin-credentials') },
  );
}
