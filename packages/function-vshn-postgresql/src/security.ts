// Who may reach and read the instance: the catalog's namespace access
// (NetworkPolicies, a read-only RoleBinding) from the claim's security group.
// The StackGres operator and Prometheus always reach the instance's pods.
import { composeNamespaceAccess } from '@appcat/appcat';
import { namespaceOf, type Context } from './names.js';

export function composeSecurity(ctx: Context): void {
  composeNamespaceAccess(ctx, { namespace: namespaceOf(ctx), security: ctx.params.security, platformNamespaces: ctx.input.platformNamespaces });
}
