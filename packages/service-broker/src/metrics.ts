// Prometheus metrics: request latency by route and status, and the process'
// own (event loop lag, memory). One registry per server, so several servers
// in one process (tests, two replicas) do not share counters.
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'osb_http_request_duration_seconds',
    help: 'Duration of OSB API requests by method, route and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
