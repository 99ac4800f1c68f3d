// Rules for changes to a running service: what a provider or operator cannot
// change once a resource exists, and what must never go down.
import { FieldError, getString, type KubeObject } from '@appcat/runtime';

/**
 * The error for a field that is fixed once `thing` exists (a bucket's name,
 * a database's zone): undefined while nothing exists or nothing changes.
 */
export function fixedOnceCreated(field: string, thing: string, existing: string | undefined, wanted: string): FieldError | undefined {
  if (existing === undefined || existing === wanted) return undefined;
  return new FieldError(field, `cannot change once ${thing} exists: it is ${JSON.stringify(existing)}, the claim asks for ${JSON.stringify(wanted)}`);
}

/** The error for a version that would go down on a running instance: undefined while nothing runs or it does not go down. */
export function neverLowered(field: string, running: number | undefined, wanted: number): FieldError | undefined {
  if (running === undefined || wanted >= running) return undefined;
  return new FieldError(field, `cannot be lowered on a running instance: it runs ${running}, the claim asks for ${wanted}`);
}

/** A field of a composed resource that its provider cannot change once the resource exists. */
export interface FixedField {
  /** The composed resource's name. */
  resource: string;
  /** Where the value is in the resource, e.g. spec.forProvider.region. */
  path: string;
  /** The claim's field it comes from, named in the error. */
  field: string;
  /** What exists, as the error says it ("the bucket"). */
  thing: string;
}

/**
 * One error for every fixed field whose value in the freshly composed
 * `desired` resources differs from the observed resource's: the provider
 * would ignore the change or fail on it forever, so the claim is told and
 * nothing is changed.
 */
export function fixedFieldErrors(
  observed: (name: string) => KubeObject | undefined,
  desired: Readonly<Record<string, KubeObject>>,
  fields: readonly FixedField[],
): FieldError[] {
  // One error per claim field, however many resources carry it.
  const errors = new Map<string, FieldError>();
  for (const f of fields) {
    const wanted = getString(desired[f.resource], f.path);
    const error = wanted === undefined ? undefined : fixedOnceCreated(f.field, f.thing, getString(observed(f.resource), f.path), wanted);
    if (error && !errors.has(f.field)) errors.set(f.field, error);
  }
  return [...errors.values()];
}
