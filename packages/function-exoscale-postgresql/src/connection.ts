// Connection details once provider-exoscale has published the credentials.
import { postgreSQLURL } from '@appcat/appcat';
import { POSTGRESQL, type Context } from './names.js';

/** What provider-exoscale publishes, URL aside: the URL is built from these parts. */
const PASSED_THROUGH = ['POSTGRESQL_USER', 'POSTGRESQL_PASSWORD', 'POSTGRESQL_HOST', 'POSTGRESQL_PORT', 'POSTGRESQL_DB', 'ca.crt'] as const;

export function publishConnection(ctx: Context): void {
  const observed = ctx.observedConnectionDetails(POSTGRESQL);
  const value = (key: (typeof PASSED_THROUGH)[number]): string => observed[key] ?? '';
  if (PASSED_THROUGH.some((key) => value(key) === '')) {
    ctx.waitFor('the PostgreSQL credentials');
    return;
  }
  // Byte for byte: ca.crt is not text to re-encode.
  for (const key of PASSED_THROUGH) ctx.setConnectionDetail(key, ctx.observedConnectionDetail(POSTGRESQL, key) ?? '');
  ctx.setConnectionDetail(
    'POSTGRESQL_URL',
    postgreSQLURL({
      user: value('POSTGRESQL_USER'),
      password: value('POSTGRESQL_PASSWORD'),
      host: value('POSTGRESQL_HOST'),
      port: value('POSTGRESQL_PORT'),
      database: value('POSTGRESQL_DB'),
    }),
  );
}
