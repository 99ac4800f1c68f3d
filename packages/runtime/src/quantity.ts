// Kubernetes resource quantities (20Gi, 400m, 1.5) as numbers, to compare
// sizes: a disk must never shrink, whichever unit either side uses.
import { FieldError } from './errors.js';

const SUFFIXES: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};

/** The value of a quantity in base units (bytes, cores); throws a FieldError naming `field` when malformed. */
export function parseQuantity(quantity: string, field: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$/.exec(quantity);
  if (!m) throw new FieldError(field, `${JSON.stringify(quantity)} is not a quantity such as 20Gi or 500m`);
  return Number(m[1]) * (SUFFIXES[m[2] ?? ''] ?? 1);
}
