// The provider-exoscale PostgreSQL managed resource: an Exoscale DBaaS
// service in the zone, version and plan the claim asks for.
import { fixedOnceCreated } from '@appcat/appcat';
import { FieldError, getString, ValidationError, type JsonObject } from '@appcat/runtime';
import { POSTGRESQL, type Context } from './names.js';
import { ipFilterErrors } from './network.js';
import { schedulesOf } from './schedules.js';

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

export function composePostgreSQL(ctx: Context): void {
  const { service, size, network } = ctx.params;
  const errors = [...immutableErrors(ctx), ...ipFilterErrors(network.ipFilter)];
  if (errors.length > 0) throw new ValidationError(errors);
  const effective = schedulesOf(ctx.uid, ctx.params);
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
