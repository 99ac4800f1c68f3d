// The socket's interface as JSON Schema, enforced with ajv: declared defaults
// fill missing or empty values, undeclared properties are dropped, a missing
// required property fails the integration by name.
import { Ajv, type ValidateFunction } from 'ajv';
import type { InterfaceSide, StringMap } from '../api/types.js';

export class InterfaceViolation extends Error {
  override readonly name = 'InterfaceViolation';
  constructor(
    readonly what: string,
    readonly missing: string[],
  ) {
    super(`${what} is missing ${missing.map((m) => JSON.stringify(m)).join(', ')}, required by the socket's interface`);
  }
}

const ajv = new Ajv({ useDefaults: 'empty', removeAdditional: 'all', allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();

function schemaOf(side: InterfaceSide): object {
  const properties: Record<string, object> = {};
  const required: string[] = [];
  for (const [name, prop] of Object.entries(side)) {
    properties[name] = {
      type: 'string',
      ...(prop.default !== undefined && prop.default !== '' ? { default: prop.default } : {}),
      ...(prop.required ? { minLength: 1 } : {}),
    };
    if (prop.required) required.push(name);
  }
  return { type: 'object', properties, required, additionalProperties: false };
}

/**
 * The values the interface admits, defaults applied. `what` names the values
 * in the error ("plug config", "socket result"). No interface: values pass as they are.
 */
export function applyInterface(what: string, values: StringMap, side: InterfaceSide | undefined): StringMap {
  if (!side) return { ...values };
  const schema = schemaOf(side);
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  const out: StringMap = { ...values };
  if (validate(out)) return out;
  const missing = new Set<string>();
  for (const err of validate.errors ?? []) {
    if (err.keyword === 'required') missing.add((err.params as { missingProperty: string }).missingProperty);
    else if (err.keyword === 'minLength') missing.add(err.instancePath.slice(1));
  }
  throw new InterfaceViolation(what, [...missing].sort());
}
