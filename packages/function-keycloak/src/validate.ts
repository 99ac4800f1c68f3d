// Rules across fields and against the running instance, before anything is composed.
import { validatePostgreSQLParameters } from './postgresql.js';
import { checkVersionNotLowered } from './release.js';
import type { Context } from './names.js';

export function validate(ctx: Context): void {
  checkVersionNotLowered(ctx);
  validatePostgreSQLParameters(ctx);
}
