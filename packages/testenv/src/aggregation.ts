// Registers an aggregated API server (running in the test process) with the
// test API server: a Service that resolves to it plus an APIService.
//
// kube-apiserver reaches the Service in one of two ways, chosen by
// --enable-aggregator-routing:
// - false (the test env's default): it dials the Service's cluster address; an
//   ExternalName Service "localhost" makes that the loopback interface.
// - true: it dials an endpoint from the Service's EndpointSlices, which may not
//   hold loopback addresses, so the server must listen on a non-loopback IP.
// Either way it verifies the serving certificate against `caPem` for the name
// `<service>.<namespace>.svc`, and presents the front-proxy client certificate.
import type { ApiCall } from './http.js';

export interface AggregatedAPI {
  group: string;
  version: string;
  /** Port the aggregated server listens on. */
  port: number;
  /** CA of the server's serving certificate, which must name `<service>.<namespace>.svc`. */
  caPem: string;
  service: { name: string; namespace?: string };
  /** Non-loopback IPv4 the server listens on; only with aggregator routing on. */
  endpointIP?: string;
  groupPriorityMinimum?: number;
  versionPriority?: number;
  /** How long to wait for the APIService to be Available (default 30 s). */
  timeoutMs?: number;
}

async function create(call: ApiCall, path: string, body: unknown): Promise<void> {
  const res = await call('POST', path, body);
  if (res.status !== 201) throw new Error(`POST ${path}: HTTP ${res.status}: ${res.body.slice(0, 2000)}`);
}

export async function registerAPIService(call: ApiCall, routing: boolean, api: AggregatedAPI): Promise<void> {
  const namespace = api.service.namespace ?? 'default';
  const name = api.service.name;
  const port = { name: 'https', port: api.port, protocol: 'TCP' };
  if (routing) {
    if (!api.endpointIP) throw new Error('registerAPIService: aggregator routing is on, so endpointIP (non-loopback) is required');
    await create(call, `/api/v1/namespaces/${namespace}/services`, {
      metadata: { name },
      spec: { ports: [{ ...port, targetPort: api.port }] },
    });
    await create(call, `/apis/discovery.k8s.io/v1/namespaces/${namespace}/endpointslices`, {
      metadata: { name: `${name}-testenv`, labels: { 'kubernetes.io/service-name': name } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [api.endpointIP], conditions: { ready: true } }],
      ports: [port],
    });
  } else {
    await create(call, `/api/v1/namespaces/${namespace}/services`, {
      metadata: { name },
      spec: { type: 'ExternalName', externalName: 'localhost', ports: [port] },
    });
  }
  const apiService = `${api.version}.${api.group}`;
  await create(call, '/apis/apiregistration.k8s.io/v1/apiservices', {
    metadata: { name: apiService },
    spec: {
      group: api.group,
      version: api.version,
      service: { namespace, name, port: api.port },
      caBundle: Buffer.from(api.caPem, 'utf8').toString('base64'),
      groupPriorityMinimum: api.groupPriorityMinimum ?? 1000,
      versionPriority: api.versionPriority ?? 15,
    },
  });

  const deadline = Date.now() + (api.timeoutMs ?? 30_000);
  let last = '';
  for (;;) {
    const res = await call('GET', `/apis/apiregistration.k8s.io/v1/apiservices/${apiService}`);
    if (res.status === 200) {
      const status = (JSON.parse(res.body) as { status?: { conditions?: Array<{ type: string; status: string; message?: string }> } }).status;
      const available = status?.conditions?.find((c) => c.type === 'Available');
      if (available?.status === 'True') return;
      last = available?.message ?? '';
    }
    if (Date.now() > deadline) throw new Error(`APIService ${apiService} not Available in time: ${last}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
