// Connection details: the superuser credentials StackGres generates (read
// through the cluster Object's connection details), the server's CA (through
// the certificate's), and the service's address.
import { CLUSTER, DATABASE, PORT, TLS_CERTIFICATE, type Context } from './context.js';
import { hostOf } from './tls.js';

export function publishConnection(ctx: Context, namespace: string): void {
  const details = ctx.observedConnectionDetails(CLUSTER);
  const user = details['POSTGRESQL_USER'];
  const password = details['POSTGRESQL_PASSWORD'];
  if (!user || !password) {
    ctx.waitFor('the database credentials');
    return;
  }
  const host = hostOf(ctx, namespace);
  ctx.setConnectionDetail('POSTGRESQL_HOST', host);
  ctx.setConnectionDetail('POSTGRESQL_PORT', PORT);
  ctx.setConnectionDetail('POSTGRESQL_DB', DATABASE);
  ctx.setConnectionDetail('POSTGRESQL_USER', user);
  ctx.setConnectionDetail('POSTGRESQL_PASSWORD', password);
  // sslmode=require: always encrypted; clients that verify the server use ca.crt (a URL cannot carry it).
  ctx.setConnectionDetail('POSTGRESQL_URL', `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${PORT}/${DATABASE}?sslmode=require`);
  const ca = ctx.observedConnectionDetails(TLS_CERTIFICATE)['ca.crt'];
  if (ca) ctx.setConnectionDetail('ca.crt', ca);
  else ctx.waitFor('the server CA certificate');
}
