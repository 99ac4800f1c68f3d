// TLS for the server: a certificate for the primary and the replicas
// service. Clients verify the server with its ca.crt.
import { composeSelfSignedTLS } from '@appcat/runtime';
import type { Context } from './context.js';

export function hostOf(ctx: Context, namespace: string): string {
  return `${ctx.name}.${namespace}.svc.${ctx.input.clusterDomain}`;
}

export function composeTLS(ctx: Context, namespace: string): void {
  composeSelfSignedTLS(ctx, {
    namespace,
    services: [ctx.name, `${ctx.name}-replicas`],
    clusterDomain: ctx.input.clusterDomain,
    usages: ['server auth', 'client auth'],
    connectionSecretNamespace: ctx.input.connectionSecretNamespace,
  });
}
