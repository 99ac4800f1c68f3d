// The meta.k8s.io Table kubectl asks for (`kubectl get be`): Name, Display
// Name, Accounting Contact, Age.
import type { BillingEntity } from './entity.js';

export type IncludeObject = 'None' | 'Object' | 'PartialObjectMetadata';

/** Whether an Accept header asks for a Table (meta.k8s.io v1 or v1beta1). */
export function wantsTable(accept: string): boolean {
  return accept.split(',').some((p) => {
    const q = p.replace(/\s/g, '');
    return q.includes('as=Table') && q.includes('g=meta.k8s.io');
  });
}

export function tableVersion(accept: string): 'v1' | 'v1beta1' {
  return accept.split(',').some((p) => p.replace(/\s/g, '').includes('as=Table') && p.includes('v=v1') && !p.includes('v=v1beta1'))
    ? 'v1'
    : 'v1beta1';
}

/** Kubernetes' short human durations (duration.HumanDuration): 45s, 5m, 3h, 2d, 3y. */
export function humanDuration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (d < 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (d < 365 * 2) return `${d}d`;
  return `${Math.floor(d / 365)}y`;
}

const COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
  { name: 'Display Name', type: 'string', format: '', description: 'The display name (spec.name).', priority: 0 },
  { name: 'Accounting Contact', type: 'string', format: '', description: 'Who receives invoices (spec.accountingContact.name).', priority: 0 },
  { name: 'Age', type: 'date', format: '', description: 'Time since the ERP created the entity.', priority: 0 },
];

function rowObject(e: BillingEntity, include: IncludeObject): object | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return e;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: e.metadata };
}

export function toTable(
  entities: BillingEntity[],
  include: IncludeObject,
  listMeta: Record<string, unknown>,
  version: 'v1' | 'v1beta1',
  now = Date.now(),
): Record<string, unknown> {
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${version}`,
    metadata: listMeta,
    columnDefinitions: COLUMNS,
    rows: entities.map((e) => {
      const created = Date.parse(e.metadata.creationTimestamp ?? '');
      const object = rowObject(e, include);
      return {
        cells: [
          e.metadata.name,
          e.spec.name ?? '',
          e.spec.accountingContact?.name ?? '',
          Number.isNaN(created) ? '<unknown>' : humanDuration(now - created),
        ],
        ...(object ? { object } : {}),
      };
    }),
  };
}
