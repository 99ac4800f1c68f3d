import { FieldError, parseQuantity } from '@appcat/runtime';
import type { Context } from './names.js';
import type { Parameters } from './generated.js';

type Plan = Parameters['size']['plan'];

interface Size {
  cpu: string;
  memory: string;
  disk: string;
}

/** The plans of the catalog: the sizes every VSHNPostgreSQL instance offers. */
export const PLANS: Record<Plan, Size> = {
  'standard-2': { cpu: '400m', memory: '1936Mi', disk: '20Gi' },
  'standard-4': { cpu: '900m', memory: '3984Mi', disk: '40Gi' },
  'standard-8': { cpu: '1900m', memory: '8080Mi', disk: '80Gi' },
};

/** The plan's size with the claim's explicit cpu, memory and disk on top. */
export function sizeOf(params: Parameters): Size {
  const plan = PLANS[params.size.plan];
  return { cpu: params.size.cpu ?? plan.cpu, memory: params.size.memory ?? plan.memory, disk: params.size.disk ?? plan.disk };
}

/** A disk can grow; a smaller one would lose data (and StackGres cannot shrink a volume). */
export function checkDiskDoesNotShrink(ctx: Context, disk: string, current: string | undefined): void {
  if (current === undefined || parseQuantity(disk, 'spec.parameters.size.disk') >= parseQuantity(current, 'disk')) return;
  if (ctx.params.size.disk !== undefined) {
    throw new FieldError('spec.parameters.size.disk', `cannot shrink on a running instance: it has ${current}, the claim asks for ${disk}`);
  }
  throw new FieldError(
    'spec.parameters.size.plan',
    `${ctx.params.size.plan} has ${disk} of disk but the instance has ${current}, and disk cannot shrink; set size.disk: ${current} to keep it`,
  );
}

/**
 * What each instance reserves: the claim's size.requests, which may be lower
 * than its size (the size stays the limit) but never above it: Kubernetes
 * refuses a request above the limit.
 */
export function requestsOf(ctx: Context, size: Size): { cpu?: string; memory?: string } | undefined {
  const { requests } = ctx.params.size;
  if (!requests || (requests.cpu === undefined && requests.memory === undefined)) return undefined;
  const above = (['cpu', 'memory'] as const).filter((k) => {
    const wanted = requests[k];
    return wanted !== undefined && parseQuantity(wanted, `spec.parameters.size.requests.${k}`) > parseQuantity(size[k], k);
  });
  const [first] = above;
  if (first !== undefined) {
    throw new FieldError(
      `spec.parameters.size.requests.${first}`,
      `${requests[first] ?? ''} is more than the instance's ${first} (${size[first]}); a request cannot exceed it`,
    );
  }
  return { ...(requests.cpu ? { cpu: requests.cpu } : {}), ...(requests.memory ? { memory: requests.memory } : {}) };
}
