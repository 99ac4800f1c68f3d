// TLS for the server: a certificate for the primary and the replicas
// service. Clients verify the server with its ca.crt.
import { composeSelfSignedTLS } from '@appcat/appcat';
import { clusterNameOf, namespaceOf, type Context } from './names.js';

/** The in-cluster host name of the primary. */
export function hostOf(ctx: Context): string {
  return `${clusterNameOf(ctx)}.${namespaceOf(ctx)}.svc.${ctx.input.clusterDomain}`;
}

export function composeTLS(ctx: Context): void {
  composeSelfSignedTLS(ctx, {
    namespace: namespaceOf(ctx),
    services: [clusterNameOf(ctx), `${clusterNameOf(ctx)}-replicas`],
    clusterDomain: ctx.input.clusterDomain,
    usages: ['server auth', 'client auth'],
    connectionSecretNamespace: ctx.input.connectionSecretNamespace,
  });
}
