// Rules across fields and against the running instance, before anything is composed.
import { FieldError, ValidationError } from '@appcat/runtime';
import { customizationErrors } from './customization.js';
import { checkMonitoring } from './monitoring.js';
import type { Context } from './names.js';
import { requestOverLimit, resourcesOf } from './plans.js';
import { validatePostgreSQLParameters } from './postgresql.js';
import { checkVersionNotLowered } from './release.js';
import { validateRestore } from './restore.js';

const FIELD = 'spec.parameters';

/** Refusals of single groups, all reported together. */
function fieldErrors(ctx: Context): FieldError[] {
  const p = ctx.params;
  const errors: FieldError[] = [...customizationErrors(ctx), ...checkMonitoring(ctx)];
  if (p.service.serviceLevel === 'guaranteed' && p.instances < 2)
    errors.push(
      new FieldError(`${FIELD}.instances`, `guaranteed availability (service.serviceLevel) needs at least 2 instances, not ${String(p.instances)}`),
    );
  const over = requestOverLimit(resourcesOf(p.size));
  if (over) errors.push(new FieldError(`${FIELD}.size.requests.${over}`, `at most the ${over} limit (size.${over}, else the plan's)`));
  const pin = p.maintenance.pinImageTag;
  if (pin !== undefined && Number.parseInt(pin, 10) !== Number(p.service.version))
    errors.push(new FieldError(`${FIELD}.maintenance.pinImageTag`, `a Keycloak ${p.service.version} release (service.version), not ${pin}`));
  if (p.backup.unmanagedBucket !== undefined)
    errors.push(new FieldError(`${FIELD}.backup.unmanagedBucket`, 'not offered: backups go to a bucket composed for the instance; remove it'));
  if (p.additionalResources?.configMapRef !== undefined)
    errors.push(new FieldError(`${FIELD}.additionalResources`, 'not enabled on this platform; remove it'));
  return errors;
}

export function validate(ctx: Context): void {
  checkVersionNotLowered(ctx);
  const errors = fieldErrors(ctx);
  if (errors.length > 0) throw new ValidationError(errors);
  validateRestore(ctx);
  validatePostgreSQLParameters(ctx);
}
