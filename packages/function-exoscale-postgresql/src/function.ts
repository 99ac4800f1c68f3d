// ExoscalePostgreSQL: one provider-exoscale PostgreSQL managed resource (an
// Exoscale DBaaS service), whose connection details become the composite's.
import {
  createFunction,
  FieldError,
  fixedOnceCreated,
  getString,
  ValidationError,
  type JsonObject,
  type RunFunction,
  type ServiceContext,
} from '@appcat/runtime';
import { inputSchema, parametersSchema, type Input, type Parameters } from './generated.js';
import { ipFilterErrors } from './network.js';
import { schedules } from './schedules.js';

type Context = ServiceContext<Parameters, Input>;

/** Composed resource name. Renaming it deletes the database of every running instance. */
export const POSTGRESQL = 'postgresql';

/**
 * Zone and version are fixed at creation: provider-exoscale never sends the
 * version on update, and a zone change would look for (and create) the
 * service in another zone.
 */
function immutableErrors(ctx: Context): FieldError[] {
  const observed = ctx.observed(POSTGRESQL);
  const fixed = [
    { field: 'spec.parameters.service.zone', path: 'spec.forProvider.zone', wanted: ctx.params.service.zone },
    { field: 'spec.parameters.service.majorVersion', path: 'spec.forProvider.version', wanted: ctx.params.service.majorVersion },
  ];
  return fixed.flatMap(({ field, path, wanted }) => fixedOnceCreated(field, 'the database', getString(observed, path), wanted) ?? []);
}

function composePostgreSQL(ctx: Context): void {
  const { service, size, network } = ctx.params;
  const errors = [...immutableErrors(ctx), ...ipFilterErrors(network.ipFilter)];
  if (errors.length > 0) throw new ValidationError(errors);
  const effective = schedules(ctx.uid, ctx.params);
  ctx.desire(POSTGRESQL, {
    apiVersion: 'exoscale.crossplane.io/v1',
    kind: 'PostgreSQL',
    // The provider names the Exoscale service after the managed resource (cluster scoped, so unique).
    metadata: { name: ctx.name },
    spec: {
      forProvider: {
        zone: service.zone,
        version: service.majorVersion,
        size: { plan: size.plan },
        ipFilter: [...network.ipFilter],
        maintenance: effective.maintenance,
        backup: effective.backup,
        // Parsed from the request's JSON, so JSON all the way down.
        ...(service.pgSettings ? { pgSettings: service.pgSettings as JsonObject } : {}),
      },
      providerConfigRef: { name: ctx.input.providerConfigName },
      writeConnectionSecretToRef: { name: ctx.nameFor('connection'), namespace: ctx.input.connectionSecretNamespace },
    },
  });
  ctx.setStatus({ schedules: effective });
}

/** What provider-exoscale publishes (operator/postgresqlcontroller: connectionDetails), URL aside. */
const PASSED_THROUGH = ['POSTGRESQL_USER', 'POSTGRESQL_PASSWORD', 'POSTGRESQL_HOST', 'POSTGRESQL_PORT', 'POSTGRESQL_DB', 'ca.crt'] as const;

/** Connection details once the provider has published the credentials. */
function publishConnection(ctx: Context): void {
  const observed = ctx.observedConnectionDetails(POSTGRESQL);
  const value = (key: (typeof PASSED_THROUGH)[number]): string => observed[key] ?? '';
  if (PASSED_THROUGH.some((key) => value(key) === '')) {
    ctx.waitFor('the PostgreSQL credentials');
    return;
  }
  for (const key of PASSED_THROUGH) ctx.setConnectionDetail(key, value(key));
  // Built from the parts rather than copied, so it always agrees with them and
  // is encoded. sslmode=require like Exoscale's own URI: verify-full needs
  // ca.crt on the client, which a URL cannot carry.
  const e = encodeURIComponent;
  const credentials = `${e(value('POSTGRESQL_USER'))}:${e(value('POSTGRESQL_PASSWORD'))}`;
  const url = `postgres://${credentials}@${value('POSTGRESQL_HOST')}:${value('POSTGRESQL_PORT')}/${e(value('POSTGRESQL_DB'))}?sslmode=require`;
  ctx.setConnectionDetail('POSTGRESQL_URL', url);
}

export const runFunction: RunFunction = createFunction({
  input: inputSchema,
  parameters: parametersSchema,
  steps: [
    { name: 'postgresql', run: composePostgreSQL },
    { name: 'connection', run: publishConnection },
  ],
});
