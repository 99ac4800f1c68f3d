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
