// Connection details: where Keycloak is, the admin credentials as they
// exist (never a password that was not stored yet), and the CA of
// Keycloak's certificate, read through the certificate Object.
import { ADMIN_USERNAME, serviceHostOf, TLS_CERTIFICATE, type Context } from './names.js';
import { observedAdminPassword } from './credentials.js';

export function publishConnection(ctx: Context): void {
  const { fqdn, relativePath } = ctx.params.service;
  const host = fqdn ?? serviceHostOf(ctx);
  ctx.setConnectionDetail('KEYCLOAK_HOST', host);
  // Without TLS (tls.enabled false) in-cluster clients use the plain HTTP port; the ingress is always HTTPS.
  const scheme = fqdn || ctx.params.tls.enabled ? 'https' : 'http';
  ctx.setConnectionDetail('KEYCLOAK_URL', `${scheme}://${host}${relativePath}`);
  ctx.setConnectionDetail('KEYCLOAK_USERNAME', ADMIN_USERNAME);
  const password = observedAdminPassword(ctx);
  if (password) ctx.setConnectionDetail('KEYCLOAK_PASSWORD', password);
  else ctx.waitFor('the admin password to be stored');
  const ca = ctx.observedConnectionDetail(TLS_CERTIFICATE, 'ca.crt');
  if (ca?.length) ctx.setConnectionDetail('ca.crt', ca);
  else ctx.waitFor('the server CA certificate');
}
