// TLS for the server: a self-signed cert-manager Issuer and a Certificate for
// the service's DNS names. Clients verify the server with its ca.crt.
import { TLS_CERTIFICATE, TLS_ISSUER, TLS_SECRET, type Context } from './context.js';

export function hostOf(ctx: Context, namespace: string): string {
  return `${ctx.name}.${namespace}.svc.${ctx.input.clusterDomain}`;
}

export function composeTLS(ctx: Context, namespace: string): void {
  const issuer = ctx.nameFor('selfsigned');
  ctx.desireObject(
    TLS_ISSUER,
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: issuer, namespace }, spec: { selfSigned: {} } },
    { name: ctx.nameFor('tls-issuer') },
  );
  // The primary and the replicas service, each by every name a client may use.
  const services = [ctx.name, `${ctx.name}-replicas`];
  const dnsNames = services.flatMap((s) => [`${s}.${namespace}.svc.${ctx.input.clusterDomain}`, `${s}.${namespace}.svc`, `${s}.${namespace}`, s]);
  ctx.desireObject(
    TLS_CERTIFICATE,
    {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name: TLS_SECRET, namespace },
      spec: {
        secretName: TLS_SECRET,
        dnsNames,
        duration: '8760h',
        renewBefore: '720h',
        privateKey: { algorithm: 'RSA', size: 4096, rotationPolicy: 'Always' },
        usages: ['server auth', 'client auth'],
        issuerRef: { name: issuer, kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
    { name: ctx.nameFor('tls-certificate'), readiness: 'DeriveFromObject' },
  );
}
