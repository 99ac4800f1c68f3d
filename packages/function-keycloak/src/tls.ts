// TLS for Keycloak's own HTTPS: a self-signed cert-manager Issuer and a
// Certificate for the service's names. Clients verify Keycloak with the
// ca.crt the certificate Object publishes as a connection detail.
import { HTTP_SERVICE, namespaceOf, TLS_CERTIFICATE, TLS_ISSUER, TLS_SECRET, type Context } from './context.js';

export function composeTLS(ctx: Context): void {
  const namespace = namespaceOf(ctx);
  const issuer = ctx.nameFor('selfsigned');
  ctx.desireObject(
    TLS_ISSUER,
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: issuer, namespace }, spec: { selfSigned: {} } },
    { name: ctx.nameFor('tls-issuer') },
  );
  // The service by every name a client may use, and the public name, which the ingress forwards to it.
  const s = HTTP_SERVICE;
  const dnsNames = [`${s}.${namespace}.svc.${ctx.input.clusterDomain}`, `${s}.${namespace}.svc`, `${s}.${namespace}`, s];
  if (ctx.params.service.fqdn) dnsNames.push(ctx.params.service.fqdn);
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
        usages: ['server auth'],
        issuerRef: { name: issuer, kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
    {
      name: ctx.nameFor('tls-certificate'),
      readiness: 'DeriveFromObject',
      connectionDetails: [{ apiVersion: 'v1', kind: 'Secret', name: TLS_SECRET, namespace, fieldPath: 'data[ca.crt]', toConnectionSecretKey: 'ca.crt' }],
      writeConnectionSecretToRef: { name: ctx.nameFor('tls-connection'), namespace: ctx.input.connectionSecretNamespace },
    },
  );
}
