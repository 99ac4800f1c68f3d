// Free-form settings (postgresql.conf parameters): the API takes any object,
// as AppCat's does, but a setting is a name and a scalar value. A nested
// value would be dropped or stringified by the operator or provider, so it is
// refused here, naming the setting.
import { FieldError, isObject, ValidationError } from '@appcat/runtime';

export type SettingValue = string | number | boolean;

/** The settings under `field` when every value is a string, number or boolean; a ValidationError naming each other one. */
export function flatSettings(field: string, settings: unknown): Record<string, SettingValue> {
  if (settings === undefined || settings === null) return {};
  if (!isObject(settings)) throw new FieldError(field, 'must be a map of setting names to values');
  const errors: FieldError[] = [];
  const flat: Record<string, SettingValue> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') flat[name] = value;
    else
      errors.push(
        new FieldError(
          `${field}.${name}`,
          `${value === null ? 'null' : Array.isArray(value) ? 'a list' : 'an object'} is not a setting value; use a string, number or boolean`,
        ),
      );
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return flat;
}
