// service.extensions: PostgreSQL extensions StackGres downloads and installs
// (SGCluster postgres.extensions); CREATE EXTENSION stays the user's.
import { FieldError, ValidationError, type JsonObject } from '@appcat/runtime';
import type { Context } from './names.js';

/**
 * Fields of AppCat's extension entries that only its CloudNativePG flavour
 * reads (extensions shipped as images). StackGres installs extensions from
 * its own repository by name, so an image cannot be honoured here.
 */
const CLOUDNATIVEPG_ONLY = ['image', 'imagePullPolicy', 'dynamic_library_path', 'extension_control_path', 'ld_library_path'] as const;

export function extensionsOf(ctx: Context): JsonObject[] | undefined {
  const extensions = ctx.params.service.extensions ?? [];
  if (extensions.length === 0) return undefined;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  extensions.forEach((e, i) => {
    const path = `spec.parameters.service.extensions[${i}]`;
    for (const field of CLOUDNATIVEPG_ONLY) {
      if (e[field] !== undefined) errors.push(new FieldError(`${path}.${field}`, 'is only for CloudNativePG; StackGres installs extensions by name'));
    }
    if (seen.has(e.name)) errors.push(new FieldError(`${path}.name`, `${e.name} is listed twice`));
    seen.add(e.name);
  });
  if (errors.length > 0) throw new ValidationError(errors);
  return extensions.map((e) => ({ name: e.name }));
}
