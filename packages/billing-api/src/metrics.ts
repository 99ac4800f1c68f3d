// Prometheus metrics of the server: requests, ERP calls, reviews, breaker.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'billing_api_requests_total',
    help: 'API requests by verb and HTTP code',
    labelNames: ['verb', 'code'],
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'billing_api_request_duration_seconds',
    help: 'API request latency by verb (watch excluded)',
    labelNames: ['verb'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly erpCalls = new Counter({
    name: 'billing_api_erp_calls_total',
    help: 'ERP call attempts by method and outcome',
    labelNames: ['method', 'outcome'],
    registers: [this.registry],
  });
  readonly erpSeconds = new Histogram({
    name: 'billing_api_erp_call_duration_seconds',
    help: 'ERP call attempt latency by method',
    labelNames: ['method'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly reviews = new Gauge({
    name: 'billing_api_subject_access_reviews',
    help: 'SubjectAccessReviews sent since start',
    registers: [this.registry],
  });
  readonly breakerOpen = new Gauge({
    name: 'billing_api_erp_circuit_open',
    help: '1 while the ERP circuit breaker is open',
    registers: [this.registry],
  });
  readonly watches = new Gauge({ name: 'billing_api_watches', help: 'Open watches', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
