// The apparatus pod and service of a plug or socket: created in the owner's
// namespace when an event needs them, owned by it (so they go with it), run
// as non-root, and removed again after the idle timeout. When they were last
// used is kept in the owner's status, so a restarted operator still reaps them.
import type { V1Container, V1Pod, V1Service } from '@kubernetes/client-node';
import { API_VERSION } from '../api/schema.js';
import type { Side } from '../api/types.js';
import { type Kube, orUndefinedWhenNotFound, statusOf } from '../kube/client.js';
import { apparatusName } from './client.js';

export const DEFAULT_IDLE_TIMEOUT_S = 60;
const LABEL = 'integration.appcat.vshn.io/apparatus';

const idleTimeoutMs = (owner: Side): number => (owner.spec.apparatus?.idleTimeout ?? DEFAULT_IDLE_TIMEOUT_S) * 1000;

/** Whether the owner's apparatus runs as a pod the operator manages (rather than at a full URL). */
export function managesPod(owner: Side): boolean {
  const apparatus = owner.spec.apparatus;
  return (apparatus?.containers?.length ?? 0) > 0 && !/^https?:\/\//.test(apparatus?.endpoint ?? '');
}

function podOf(owner: Side): V1Pod {
  const name = apparatusName(owner);
  const containers = (owner.spec.apparatus?.containers ?? []).map((c) => ({
    ...c,
    securityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      ...(c['securityContext'] as object | undefined),
    },
  }));
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: owner.metadata.namespace,
      labels: { [LABEL]: name, 'app.kubernetes.io/managed-by': 'integration-operator' },
      annotations: { 'sidecar.istio.io/inject': 'false' },
      ownerReferences: [ownerReference(owner)],
    },
    spec: {
      automountServiceAccountToken: false,
      restartPolicy: 'Always',
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      // The containers are the user's Pod container specs, passed through as written.
      containers: containers as unknown as V1Container[],
    },
  };
}

function serviceOf(owner: Side): V1Service {
  const name = apparatusName(owner);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: owner.metadata.namespace, labels: { [LABEL]: name }, ownerReferences: [ownerReference(owner)] },
    spec: { selector: { [LABEL]: name }, ports: [{ name: 'http', port: 80, targetPort: 'container' }] },
  };
}

function ownerReference(owner: Side): { apiVersion: string; kind: string; name: string; uid: string; blockOwnerDeletion: boolean } {
  return { apiVersion: API_VERSION, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid ?? '', blockOwnerDeletion: false };
}

async function createUnlessExists(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (statusOf(err) === 409) return false;
    throw err;
  }
}

export class ApparatusPods {
  constructor(private readonly kube: Kube) {}

  /** Ensures pod and service exist and records the use; true when the pod was just created. */
  async ensure(owner: Side): Promise<boolean> {
    const ns = owner.metadata.namespace;
    const created = await createUnlessExists(() => this.kube.core.createNamespacedPod({ namespace: ns, body: podOf(owner) }));
    await createUnlessExists(() => this.kube.core.createNamespacedService({ namespace: ns, body: serviceOf(owner) }));
    await this.kube.patchSideStatus(owner.kind, ns, owner.metadata.name, {
      status: { apparatus: { podName: apparatusName(owner), lastUsed: new Date().toISOString() } },
    });
    return created;
  }

  /** Removes pod and service (already gone counts as removed) and clears the status. */
  async remove(owner: Side, clearStatus = true): Promise<void> {
    const ns = owner.metadata.namespace;
    const name = apparatusName(owner);
    await orUndefinedWhenNotFound(this.kube.core.deleteNamespacedPod({ namespace: ns, name, gracePeriodSeconds: 0 }));
    await orUndefinedWhenNotFound(this.kube.core.deleteNamespacedService({ namespace: ns, name }));
    if (clearStatus) await orUndefinedWhenNotFound(this.kube.patchSideStatus(owner.kind, ns, owner.metadata.name, { status: { apparatus: null } }));
  }

  /** Whether the owner's apparatus has been idle past its timeout. */
  idle(owner: Side, now = Date.now()): boolean {
    const lastUsed = owner.status?.apparatus?.lastUsed;
    return owner.status?.apparatus?.podName !== undefined && lastUsed !== undefined && Date.parse(lastUsed) + idleTimeoutMs(owner) <= now;
  }
}
