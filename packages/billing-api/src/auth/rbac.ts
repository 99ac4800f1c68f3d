// The per-entity ClusterRoles and bindings made on create (the reference's
// billingrbac): `billingentities-<name>-admin` binds the creator and may
// read, change and delete the entity and manage both bindings;
// `-viewer` may read it. Rules name the entity in both the real group (so
// kube-apiserver forwards the request) and the shadow group (so this server's
// review grants just this entity).
import { GROUP, PLURAL, RBAC_GROUP } from '../api/entity.js';
import type { KubeClient } from '../kube/client.js';
import { expectStatus } from '../kube/client.js';
import type { UserInfo } from './user.js';

const RBAC = '/apis/rbac.authorization.k8s.io/v1';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'billing-api' };

export const roleName = (entity: string, role: 'admin' | 'viewer'): string => `billingentities-${entity}-${role}`;

function clusterRoles(entity: string): Array<Record<string, unknown>> {
  const admin = roleName(entity, 'admin');
  const viewer = roleName(entity, 'viewer');
  const meta = (name: string) => ({ name, labels: { ...MANAGED_BY, 'billing.appuio.io/entity': entity } });
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(viewer),
      rules: [
        { apiGroups: [GROUP, RBAC_GROUP], resources: [PLURAL], verbs: ['get'], resourceNames: [entity] },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get'], resourceNames: [viewer] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: meta(admin),
      rules: [
        { apiGroups: [GROUP, RBAC_GROUP], resources: [PLURAL], verbs: ['get', 'update', 'patch', 'delete'], resourceNames: [entity] },
        {
          apiGroups: ['rbac.authorization.k8s.io'],
          resources: ['clusterrolebindings'],
          verbs: ['get', 'update', 'patch'],
          resourceNames: [viewer, admin],
        },
        { apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'], verbs: ['get'], resourceNames: [viewer, admin] },
      ],
    },
  ];
}

function binding(entity: string, role: 'admin' | 'viewer', subjects: Array<Record<string, string>>): Record<string, unknown> {
  const name = roleName(entity, role);
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...MANAGED_BY, 'billing.appuio.io/entity': entity } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects,
  };
}

/** The RBAC subject for a user: service accounts as ServiceAccount, anyone else as User. */
function subjectOf(user: UserInfo): Record<string, string> {
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user.name);
  if (sa) return { kind: 'ServiceAccount', namespace: sa[1] ?? '', name: sa[2] ?? '' };
  return { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user.name };
}

export class EntityRbac {
  constructor(private readonly kube: KubeClient) {}

  /** Creates roles and bindings; on failure removes what it made and rethrows. */
  async grant(entity: string, creator: UserInfo): Promise<void> {
    const made: string[] = [];
    try {
      for (const role of clusterRoles(entity)) {
        await expectStatus(this.kube, [201], 'POST', `${RBAC}/clusterroles`, role);
        made.push(`${RBAC}/clusterroles/${(role['metadata'] as { name: string }).name}`);
      }
      for (const b of [binding(entity, 'admin', [subjectOf(creator)]), binding(entity, 'viewer', [])]) {
        await expectStatus(this.kube, [201], 'POST', `${RBAC}/clusterrolebindings`, b);
        made.push(`${RBAC}/clusterrolebindings/${(b['metadata'] as { name: string }).name}`);
      }
    } catch (err) {
      await Promise.all(made.map((path) => this.kube.request('DELETE', path).catch(() => undefined)));
      throw err;
    }
  }

  /** Removes an archived entity's roles and bindings (best effort: leftovers grant nothing that exists). */
  async revoke(entity: string): Promise<void> {
    await Promise.all(
      (['admin', 'viewer'] as const).flatMap((role) => [
        this.kube.request('DELETE', `${RBAC}/clusterrolebindings/${roleName(entity, role)}`).catch(() => undefined),
        this.kube.request('DELETE', `${RBAC}/clusterroles/${roleName(entity, role)}`).catch(() => undefined),
      ]),
    );
  }
}
