// Who may reach and read an instance (the claim's `security` group).
// Network access: NetworkPolicies in the instance namespace admit the pods of
// the instance namespace itself, the claim's namespace, the instance
// namespace of a parent service that composed it, the allowed ones (or every
// namespace), and always the platform's (operators, monitoring). Read access:
// a RoleBinding of Kubernetes' built-in `view` ClusterRole (no Secrets) for
// the allowed users and groups. Deletion protection is not composed: the
// catalog's ValidatingAdmissionPolicy (admission/deletion-protection.yaml)
// reads `security.deletionProtection` on every DELETE.
import { isObject, type JsonObject, type RuntimeInput, type ServiceContext } from '@appcat/runtime';
import { SERVICES, type NamespacedService } from './services.js';

/** The `security` group, as every XRD of the catalog that has one declares it. */
export interface SecurityParameters {
  deletionProtection: boolean;
  allowAllNamespaces: boolean;
  allowedNamespaces?: string[];
  allowedGroups?: string[];
  allowedUsers?: string[];
}

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const CLIENTS_NETWORK_POLICY = 'network-policy-clients';
export const PLATFORM_NETWORK_POLICY = 'network-policy-platform';
export const READ_ACCESS = 'read-access';

/** The ClusterRole readers get: Kubernetes' aggregated read-only role, which leaves out Secrets. */
export const READER_CLUSTER_ROLE = 'view';

export interface NamespaceAccessOptions {
  /** The instance namespace. */
  namespace: string;
  security: SecurityParameters;
  /** Namespaces whose pods always reach the instance (the operator that manages it, the Prometheus that scrapes it). */
  platformNamespaces?: readonly string[];
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

/** Ingress from the pods of these namespaces (selected by the label Kubernetes sets on every namespace). */
function fromNamespaces(namespaces: readonly string[]): JsonObject {
  return { from: [{ namespaceSelector: { matchExpressions: [{ key: NAME_LABEL, operator: 'In', values: [...namespaces] }] } }] };
}

/**
 * The instance namespace of the catalog service that composed this composite
 * (Keycloak for its PostgreSQL): the parent's pods are its clients.
 */
function parentNamespaceOf<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>): string | undefined {
  const owners = ctx.composite.metadata?.['ownerReferences'];
  const controller = Array.isArray(owners) ? owners.find((o) => isObject(o) && o['controller'] === true) : undefined;
  if (!isObject(controller)) return undefined;
  const parent = SERVICES.find(
    (s): s is NamespacedService => 'instanceNamespace' in s && s.compositeKind === controller['kind'] && s.apiVersion === controller['apiVersion'],
  );
  return parent && typeof controller['name'] === 'string' ? parent.instanceNamespace(controller['name']) : undefined;
}

/** The namespaces whose pods may connect: the instance's, the claim's, a parent service's, the allowed ones (sorted, once each). */
export function clientNamespacesOf<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: NamespaceAccessOptions): string[] {
  const claim = ctx.claimNamespace;
  const parent = parentNamespaceOf(ctx);
  return [...new Set([opts.namespace, ...(claim ? [claim] : []), ...(parent ? [parent] : []), ...(opts.security.allowedNamespaces ?? [])])].sort();
}

/**
 * Desires the NetworkPolicies and the read-only RoleBinding of an instance
 * namespace from the composite's `security` parameters. Any service with an
 * instance namespace calls it after bootstrapInstanceNs.
 */
export function composeNamespaceAccess<P, I extends RuntimeInput>(ctx: ServiceContext<P, I>, opts: NamespaceAccessOptions): void {
  const { namespace, security } = opts;
  const ingress: JsonObject[] = security.allowAllNamespaces
    ? [{ from: [{ namespaceSelector: {} }] }]
    : [fromNamespaces(clientNamespacesOf(ctx, opts))];
  ctx.desireObject(
    CLIENTS_NETWORK_POLICY,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-clients', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress },
    },
    { name: ctx.nameFor('netpol-clients') },
  );
  const platform = [...new Set(opts.platformNamespaces ?? [])].sort();
  if (platform.length > 0) {
    ctx.desireObject(
      PLATFORM_NETWORK_POLICY,
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-platform', namespace },
        spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [fromNamespaces(platform)] },
      },
      { name: ctx.nameFor('netpol-platform') },
    );
  }
  const subjects = [
    ...[...new Set(security.allowedGroups ?? [])].sort().map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name })),
    ...[...new Set(security.allowedUsers ?? [])].sort().map((name) => ({ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name })),
  ];
  // Without readers there is no binding: emptying the lists revokes the access.
  if (subjects.length === 0) return;
  ctx.desireObject(
    READ_ACCESS,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'appcat-readers', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: READER_CLUSTER_ROLE },
      subjects,
    },
    { name: ctx.nameFor('readers') },
  );
}
