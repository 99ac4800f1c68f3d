// TLS for a service inside its instance namespace: a self-signed cert-manager
// Issuer and a Certificate for every name clients may use. The certificate's
// Object publishes ca.crt as a connection detail, so the composite can hand
// it to clients; the private key never leaves the Secret.
import type { RuntimeInput, ServiceContext } from '@appcat/runtime';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const TLS_ISSUER = 'tls-issuer';
export const TLS_CERTIFICATE = 'tls-certificate';
/** The Secret cert-manager writes (tls.crt, tls.key, ca.crt), in the instance namespace. */
export const TLS_SECRET = 'tls-certificate';

export interface SelfSignedTLSOptions {
  namespace: string;
  /** Services whose in-cluster names the certificate covers (name, name.ns, name.ns.svc, name.ns.svc.<domain>). */
  services: readonly string[];
  clusterDomain: string;
  /** Further names, such as a public host name. */
  extraNames?: readonly string[];
  usages: readonly ('server auth' | 'client auth')[];
  /** Where the certificate's Object writes ca.crt for Crossplane to read. */
  connectionSecretNamespace: string;
}

export function composeSelfSignedTLS<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: SelfSignedTLSOptions): void {
  const { namespace } = opts;
  const issuer = ctx.nameFor('selfsigned');
  ctx.desireObject(
    TLS_ISSUER,
    { apiVersion: 'cert-manager.io/v1', kind: 'Issuer', metadata: { name: issuer, namespace }, spec: { selfSigned: {} } },
    { name: ctx.nameFor('tls-issuer') },
  );
  const dnsNames: string[] = [];
  for (const s of opts.services) dnsNames.push(`${s}.${namespace}.svc.${opts.clusterDomain}`, `${s}.${namespace}.svc`, `${s}.${namespace}`, s);
  if (opts.extraNames) dnsNames.push(...opts.extraNames);
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
        usages: [...opts.usages],
        issuerRef: { name: issuer, kind: 'Issuer', group: 'cert-manager.io' },
      },
    },
    {
      name: ctx.nameFor('tls-certificate'),
      readiness: 'DeriveFromObject',
      connectionDetails: [
        { apiVersion: 'v1', kind: 'Secret', name: TLS_SECRET, namespace, fieldPath: 'data[ca.crt]', toConnectionSecretKey: 'ca.crt' },
      ],
      writeConnectionSecretToRef: { name: ctx.nameFor('tls-connection'), namespace: opts.connectionSecretNamespace },
    },
  );
}
