// additionalResources: objects of the user's own in the instance namespace.
// They would be applied by provider-kubernetes, whose service account may
// create anything anywhere; applying arbitrary user YAML through it would
// let a claim's owner grant itself rights in the instance namespace (Roles,
// RoleBindings) or start workloads there with the instance's secrets. AppCat
// offers it only on some clusters; this catalog offers it on none, and says so.
import { FieldError } from '@appcat/runtime';
import type { Context } from './names.js';

export function refuseAdditionalResources(ctx: Context): void {
  if (ctx.params.additionalResources.configMapRef === undefined) return;
  throw new FieldError(
    'spec.parameters.additionalResources.configMapRef',
    'is not offered on this platform: objects of your own cannot be deployed into the instance namespace; remove it',
  );
}
