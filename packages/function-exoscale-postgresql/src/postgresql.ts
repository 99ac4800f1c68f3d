// The provider-exoscale PostgreSQL managed resource: an Exoscale DBaaS
// service in the zone, version and plan the claim asks for.
import { fixedFieldErrors, type FixedField } from '@appcat/appcat';
import { ValidationError, type KubeObject } from '@appcat/runtime';
import { POSTGRESQL, type Context } from './names.js';
import { ipFilterErrors } from './network.js';
import { schedulesOf } from './schedules.js';
import { exoscaleSettings } from './settings.js';

/**
 * Zone and version are fixed at creation: provider-exoscale never sends the
 * version on update, and a zone change would look for (and create) the
 * service in another zone.
 */
const FIXED: readonly FixedField[] = [
  { resource: POSTGRESQL, path: 'spec.forProvider.zone', field: 'spec.parameters.service.zone', thing: 'the database' },
  { resource: POSTGRESQL, path: 'spec.forProvider.version', field: 'spec.parameters.service.majorVersion', thing: 'the database' },
];

export function composePostgreSQL(ctx: Context): void {
  const { service, size, network } = ctx.params;
  const effective = schedulesOf(ctx.uid, ctx.params);
  const database: KubeObject = {
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
        ...(service.pgSettings ? { pgSettings: exoscaleSettings('spec.parameters.service.pgSettings', service.pgSettings) } : {}),
      },
      providerConfigRef: { name: ctx.input.providerConfigName },
      writeConnectionSecretToRef: { name: ctx.nameFor('connection'), namespace: ctx.input.connectionSecretNamespace },
    },
  };
  const errors = [...fixedFieldErrors((n) => ctx.observed(n), { [POSTGRESQL]: database }, FIXED), ...ipFilterErrors(network.ipFilter)];
  if (errors.length > 0) throw new ValidationError(errors);
  ctx.desire(POSTGRESQL, database);
  ctx.setStatus({ schedules: effective });
}
