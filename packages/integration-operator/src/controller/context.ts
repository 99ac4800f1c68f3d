// What every reconciler works with.
import type { Logger } from 'pino';
import type { ApparatusClient } from '../apparatus/client.js';
import type { ApparatusPods } from '../apparatus/pods.js';
import type { Kube } from '../kube/client.js';
import type { TemplateEngine } from '../template/engine.js';
import type { EventRecorder } from './events.js';

export interface ReconcileContext {
  kube: Kube;
  engine: TemplateEngine;
  apparatus: ApparatusClient;
  pods: ApparatusPods;
  events: EventRecorder;
  log: Logger;
}

/** What a reconcile asks of the queue besides success or failure. */
export interface ReconcileResult {
  requeueAfterMs?: number;
}
