// Kubernetes Events on plugs and sockets: what happened, for `kubectl describe`.
import type { CoreV1Event } from '@kubernetes/client-node';
import type { Logger } from 'pino';
import type { Side } from '../api/types.js';
import { type Kube, describeError } from '../kube/client.js';

export class EventRecorder {
  constructor(
    private readonly kube: Kube,
    private readonly instance: string,
    private readonly log: Logger,
  ) {}

  async record(owner: Side, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    const now = new Date();
    const body: CoreV1Event = {
      metadata: { generateName: `${owner.metadata.name}.`, namespace: owner.metadata.namespace },
      involvedObject: {
        apiVersion: owner.apiVersion,
        kind: owner.kind,
        name: owner.metadata.name,
        namespace: owner.metadata.namespace,
        ...(owner.metadata.uid ? { uid: owner.metadata.uid } : {}),
      },
      type,
      reason,
      message,
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component: 'integration-operator' },
      reportingComponent: 'integration-operator',
      reportingInstance: this.instance,
    };
    try {
      await this.kube.core.createNamespacedEvent({ namespace: owner.metadata.namespace, body });
    } catch (err) {
      // An event is information, never a reason to fail a reconcile.
      this.log.warn({ err: describeError(err), reason }, 'event not recorded');
    }
  }
}
