// The admin credentials: a Secret in the instance namespace whose password
// is generated once, then always read back from what exists (the Secret, or
// the composite's connection details before the Secret is observed). A new
// password would not change Keycloak's admin (it is created only on the
// first start), so the published credentials would stop working.
import { generatePassword, secretWithData, storedSecretValue } from '@appcat/runtime';
import { ADMIN_CREDENTIALS, ADMIN_SECRET, ADMIN_USERNAME, namespaceOf, type Context } from './names.js';

/** The password the admin Secret holds, if it exists (see storedSecretValue). */
export function observedAdminPassword(ctx: Context): string | undefined {
  return storedSecretValue(ctx.observed(ADMIN_CREDENTIALS), 'password', { value: 'the admin password', secret: 'the admin Secret' });
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

export function composeAdminCredentials(ctx: Context): void {
  const password = observedAdminPassword(ctx) ?? pendingAdminPassword(ctx) ?? generatePassword();
  // Kept where the next reconcile reads it, so it never changes before the Secret exists.
  ctx.setConnectionDetail('KEYCLOAK_PASSWORD', password);
  ctx.desireObject(ADMIN_CREDENTIALS, secretWithData(ADMIN_SECRET, namespaceOf(ctx), { username: ADMIN_USERNAME, password }), {
    name: ctx.nameFor('admin-credentials'),
  });
}
