// Prometheus metrics of one operator instance (its own registry, so two
// instances in one process, as in the failover test, do not collide).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class OperatorMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({
    name: 'integration_operator_reconciles_total',
    help: 'Reconciles by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'integration_operator_reconcile_errors_total',
    help: 'Reconciles that failed and were retried with backoff.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'integration_operator_reconcile_duration_seconds',
    help: 'Time per reconcile.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({ name: 'integration_operator_queue_depth', help: 'Keys waiting in the work queue.', registers: [this.registry] });
  readonly leader = new Gauge({
    name: 'integration_operator_leader',
    help: '1 while this instance holds the leader lease.',
    registers: [this.registry],
  });

  constructor(processMetrics = false) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
