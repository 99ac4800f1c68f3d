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
    super(summarise(errors.map((e) => e.message)));
    this.name = 'ValidationError';
  }
}

/** How many problems one message names: a result and a condition stay small whatever the input. */
export const MAX_PROBLEMS = 10;

/** The first MAX_PROBLEMS problems, and how many more there are. */
export function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, MAX_PROBLEMS).join('; ');
  const more = problems.length - MAX_PROBLEMS;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}
