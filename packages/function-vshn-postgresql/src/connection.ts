// Connection details: the superuser credentials StackGres generates (read
// through the cluster Object's connection details), the server's CA (through
// the certificate's), and the service's address.
import { postgreSQLURL, vshnPostgreSQL } from '@appcat/appcat';
import { CLUSTER, TLS_CERTIFICATE, type Context } from './names.js';
import { hostOf } from './tls.js';

export function publishConnection(ctx: Context): void {
  const details = ctx.observedConnectionDetails(CLUSTER);
  const user = details['POSTGRESQL_USER'];
  const password = details['POSTGRESQL_PASSWORD'];
  if (!user || !password) {
    ctx.waitFor('the database credentials');
    return;
  }
  const host = hostOf(ctx);
  const { port, database } = vshnPostgreSQL;
  ctx.setConnectionDetail('POSTGRESQL_HOST', host);
  ctx.setConnectionDetail('POSTGRESQL_PORT', port);
  ctx.setConnectionDetail('POSTGRESQL_DB', database);
  ctx.setConnectionDetail('POSTGRESQL_USER', user);
  ctx.setConnectionDetail('POSTGRESQL_PASSWORD', password);
  ctx.setConnectionDetail('POSTGRESQL_URL', postgreSQLURL({ user, password, host, port, database }, ctx.params.service.tls.enabled));
  const ca = ctx.observedConnectionDetail(TLS_CERTIFICATE, 'ca.crt');
  if (ca?.length) ctx.setConnectionDetail('ca.crt', ca);
  else ctx.waitFor('the server CA certificate');
}
