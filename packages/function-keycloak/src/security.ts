// Who may reach and read the instance: the catalog's namespace access
// (NetworkPolicies, a read-only RoleBinding) from the claim's security group.
// The ingress controller (the public host names) and Prometheus always reach
// Keycloak's pods. The nested PostgreSQL admits Keycloak's namespace itself:
// it is its parent's.
import { composeNamespaceAccess } from '@appcat/appcat';
import { namespaceOf, type Context } from './names.js';

export function composeSecurity(ctx: Context): void {
  composeNamespaceAccess(ctx, { namespace: namespaceOf(ctx), security: ctx.params.security, platformNamespaces: ctx.input.platformNamespaces });
}
