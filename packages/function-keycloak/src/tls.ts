// TLS for Keycloak's own HTTPS: the service by every in-cluster name, and
// the public names (and the admin console's) the ingress forwards to it.
import { composeSelfSignedTLS } from '@appcat/appcat';
import { HTTP_SERVICE, namespaceOf, type Context } from './names.js';

export function composeTLS(ctx: Context): void {
  composeSelfSignedTLS(ctx, {
    namespace: namespaceOf(ctx),
    services: [HTTP_SERVICE],
    clusterDomain: ctx.input.clusterDomain,
    extraNames: [ctx.params.service.fqdn, ctx.params.service.adminConsole?.fqdn].filter((n): n is string => n !== undefined),
    usages: ['server auth'],
    connectionSecretNamespace: ctx.input.connectionSecretNamespace,
  });
}
