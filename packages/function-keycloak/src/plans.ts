import type { Parameters } from './generated.js';

type Plan = Parameters['size']['plan'];

/** The plans of the catalog: the sizes every Keycloak instance offers. */
export const PLANS: Record<Plan, { cpu: string; memory: string }> = {
  'standard-2': { cpu: '500m', memory: '2Gi' },
  'standard-4': { cpu: '1', memory: '4Gi' },
  'standard-8': { cpu: '2', memory: '8Gi' },
};
