// The admin credentials: a Secret in the instance namespace whose password
// is generated once, then always read back from what exists. A new password
// would not change Keycloak's admin (it is created only on the first start),
// so the published credentials would stop working.
import { randomBytes } from 'node:crypto';
import { getString } from '@appcat/runtime';
import { ADMIN_CREDENTIALS, ADMIN_SECRET, ADMIN_USERNAME, namespaceOf, type Context } from './names.js';

const decode = (b64: string | undefined): string | undefined => (b64 ? Buffer.from(b64, 'base64').toString('utf8') : undefined);

/**
 * The password the admin Secret holds, if it exists: from the Object's spec
 * (what this function desired, observed as soon as the Object exists), else
 * from what provider-kubernetes observed in the cluster.
 */
export function observedAdminPassword(ctx: Context): string | undefined {
  const object = ctx.observed(ADMIN_CREDENTIALS);
  return (
    decode(getString(object, 'spec.forProvider.manifest.data.password')) ?? decode(getString(object, 'status.atProvider.manifest.data.password'))
  );
}

/** 32 characters from 192 random bits, URL- and shell-safe. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

export function composeAdminCredentials(ctx: Context): void {
  const password = observedAdminPassword(ctx) ?? generatePassword();
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
