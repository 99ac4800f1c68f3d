import type { Parameters } from './generated.js';

type Plan = Parameters['size']['plan'];

/** The plans of the catalog: the sizes every Keycloak instance offers. */
export const PLANS: Record<Plan, { cpu: string; memory: string }> = {
  'standard-2': { cpu: '500m', memory: '2Gi' },
  'standard-4': { cpu: '1', memory: '4Gi' },
  'standard-8': { cpu: '2', memory: '8Gi' },
};

export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** The pod's resources: the plan's, size.cpu/memory over it as limits, size.requests over those as requests. */
export function resourcesOf(size: Parameters['size']): Resources {
  const plan = PLANS[size.plan];
  const limits = { cpu: size.cpu ?? plan.cpu, memory: size.memory ?? plan.memory };
  return { limits, requests: { cpu: size.requests?.cpu ?? limits.cpu, memory: size.requests?.memory ?? limits.memory } };
}

/** A CPU (cores or millicores) or memory (Mi, Gi) quantity of the XRD's patterns, in one unit per kind. */
function amount(quantity: string): number {
  const m = /^([0-9.]+)(m|Mi|Gi)?$/.exec(quantity);
  const n = Number(m?.[1]);
  switch (m?.[2]) {
    case 'm':
      return n / 1000;
    case 'Gi':
      return n * 1024;
    default:
      return n;
  }
}

/** The resource whose request exceeds its limit, which Kubernetes refuses for the pod. */
export function requestOverLimit(r: Resources): 'cpu' | 'memory' | undefined {
  if (amount(r.requests.cpu) > amount(r.limits.cpu)) return 'cpu';
  if (amount(r.requests.memory) > amount(r.limits.memory)) return 'memory';
  return undefined;
}
