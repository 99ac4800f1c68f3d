// Rules for changes to a running service: what a provider or operator cannot
// change once a resource exists, and what must never go down.
import { FieldError } from '@appcat/runtime';

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
