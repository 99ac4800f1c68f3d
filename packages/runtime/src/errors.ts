/**
 * A problem with one field of the user's input, or of the function input.
 * Functions throw it from a step; the runtime turns it into a FATAL result
 * that names the field and what is allowed.
 */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'FieldError';
  }
}

/** Several field errors at once, reported together in one result. */
export class ValidationError extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'ValidationError';
  }
}

/**
 * The error for a field that is fixed once `thing` exists (a bucket's name,
 * a database's zone): undefined while nothing exists or nothing changes.
 */
export function fixedOnceCreated(field: string, thing: string, existing: string | undefined, wanted: string): FieldError | undefined {
  if (existing === undefined || existing === wanted) return undefined;
  return new FieldError(field, `cannot change once ${thing} exists: it is ${JSON.stringify(existing)}, the claim asks for ${JSON.stringify(wanted)}`);
}
