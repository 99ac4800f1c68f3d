// How clients reach the instance (network.serviceType, network.ipFilter).
// LoadBalancer turns StackGres' own primary Service into one of type
// LoadBalancer: StackGres keeps its selector on the primary across failovers,
// which a Service of ours would have to repeat from StackGres' pod labels. The
// load balancer admits only ipFilter's ranges (loadBalancerSourceRanges, and a
// NetworkPolicy for the client addresses externalTrafficPolicy Local keeps),
// and its address reaches the connection details as LOADBALANCER_IP.
import { FieldError, getPath, isObject, type JsonObject } from '@appcat/runtime';
import { clusterNameOf, namespaceOf, type Context } from './names.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const LOAD_BALANCER = 'load-balancer';
export const LOAD_BALANCER_NETWORK_POLICY = 'network-policy-load-balancer';

const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;

/** ipFilter as CIDR ranges: an address alone is its /32. */
export function ipRangesOf(ctx: Context): string[] {
  return ctx.params.network.ipFilter.map((entry, i) => {
    const [address = '', prefix, ...rest] = entry.split('/');
    const bits = prefix === undefined ? 32 : /^[0-9]{1,2}$/.test(prefix) ? Number(prefix) : NaN;
    if (!IPV4.test(address) || rest.length > 0 || !(bits >= 0 && bits <= 32)) {
      throw new FieldError(
        `spec.parameters.network.ipFilter[${i}]`,
        `${JSON.stringify(entry)} is not an IPv4 address or CIDR range (203.0.113.0/24)`,
      );
    }
    return `${address}/${bits}`;
  });
}

export function checkNetwork(ctx: Context): FieldError[] {
  const problems: FieldError[] = [];
  if (ctx.params.network.serviceType === 'TCPGateway') {
    problems.push(
      new FieldError(
        'spec.parameters.network.serviceType',
        'TCPGateway is not offered: this platform runs no Gateway API TCP gateway; use LoadBalancer for a public address, or ClusterIP',
      ),
    );
  }
  try {
    ipRangesOf(ctx);
  } catch (err) {
    if (err instanceof FieldError) problems.push(err);
    else throw err;
  }
  return problems;
}

const isLoadBalanced = (ctx: Context): boolean => ctx.params.network.serviceType === 'LoadBalancer';

/** The SGCluster's primary Service: a LoadBalancer limited to ipFilter, or StackGres' default ClusterIP. */
export function primaryServiceOf(ctx: Context): JsonObject {
  if (!isLoadBalanced(ctx)) return { type: 'ClusterIP' };
  return { type: 'LoadBalancer', externalTrafficPolicy: 'Local', loadBalancerSourceRanges: ipRangesOf(ctx) };
}

/**
 * With a load balancer: its clients' addresses may reach the pods, and the
 * primary Service is observed for the address the load balancer got.
 */
export function composeLoadBalancer(ctx: Context): void {
  if (!isLoadBalanced(ctx)) return;
  const namespace = namespaceOf(ctx);
  ctx.desireObject(
    LOAD_BALANCER_NETWORK_POLICY,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'allow-load-balancer', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: ipRangesOf(ctx).map((cidr) => ({ ipBlock: { cidr } })) }] },
    },
    { name: ctx.nameFor('netpol-lb') },
  );
  // StackGres creates the Service; it is only read here.
  ctx.desireObject(
    LOAD_BALANCER,
    { apiVersion: 'v1', kind: 'Service', metadata: { name: clusterNameOf(ctx), namespace } },
    { name: ctx.nameFor('lb-service'), managementPolicies: ['Observe'] },
  );
}

/** The load balancer's address, once it has one. */
export function loadBalancerAddressOf(ctx: Context): string | undefined {
  const ingress = getPath(ctx.observedManifest(LOAD_BALANCER), 'status.loadBalancer.ingress');
  const first = Array.isArray(ingress) ? ingress[0] : undefined;
  if (!isObject(first)) return undefined;
  const address = first['ip'] ?? first['hostname'];
  return typeof address === 'string' && address !== '' ? address : undefined;
}

/** LOADBALANCER_IP in the connection details, for a load-balanced instance. */
export function publishLoadBalancer(ctx: Context): void {
  if (!isLoadBalanced(ctx)) return;
  const address = loadBalancerAddressOf(ctx);
  if (address) ctx.setConnectionDetail('LOADBALANCER_IP', address);
  else ctx.waitFor('the load balancer address');
}
