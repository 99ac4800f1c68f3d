// The validators written as code at build time (ajv's standalone code in a
// function's generated module) validate exactly as those compiled at run
// time: the same verdicts, the same field errors, the same defaults applied.
import { compileSchema, standaloneValidators } from '../src/compile.js';
import type { FieldError } from '../src/errors.js';
import { Schema, validatorRuntime, type OpenAPISchema, type Validator } from '../src/schema.js';

const parameters: OpenAPISchema = {
  type: 'object',
  default: {},
  properties: {
    name: { type: 'string', minLength: 3, maxLength: 8, pattern: '^[a-z][a-z0-9-]*$' },
    plan: { type: 'string', enum: ['small', 'large'], default: 'small' },
    backup: {
      type: 'object',
      default: {},
      properties: { retention: { type: 'integer', minimum: 1, maximum: 30, default: 6 }, schedule: { type: 'string', nullable: true } },
    },
    disk: { 'x-kubernetes-int-or-string': true },
    settings: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    ips: { type: 'array', items: { type: 'string' }, maxItems: 2 },
    labels: { type: 'object', additionalProperties: { type: 'string' } },
    choice: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ required: ['a'] }, { required: ['b'] }] },
  },
  required: ['name'],
};

/** Evaluates generated module code the way the bundler links it: `validatorRuntime` in scope, exports by name. */
function load(code: string): Record<string, Validator> {
  const body = code.replace(/export const (\w+) = (\w+);/g, 'exports.$1 = $2;');
  const exports: Record<string, Validator> = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the code under test is generated, not user input
  const module = new Function('validatorRuntime', 'exports', body) as (runtime: typeof validatorRuntime, out: Record<string, Validator>) => void;
  module(validatorRuntime, exports);
  return exports;
}

const generated = load(standaloneValidators({ parameters }, { applyDefaults: true }));
const built = new Schema(generated['parameters'] as Validator, 'spec.parameters');
const compiled = compileSchema(parameters, 'spec.parameters', { applyDefaults: true });

const cases: unknown[] = [
  { name: 'abc' },
  {},
  { name: 'ab' },
  { name: 'abcdefghij' },
  { name: 'Abc' },
  { name: 'äbcd' },
  { name: 'abc', plan: 'medium' },
  { name: 'abc', plan: 3 },
  { name: 'abc', backup: { retention: 0 } },
  { name: 'abc', backup: { retention: 31, schedule: null } },
  { name: 'abc', backup: { retention: 2.5 } },
  { name: 'abc', disk: 20 },
  { name: 'abc', disk: '20Gi' },
  { name: 'abc', disk: true },
  { name: 'abc', settings: { any: { deep: [1, 'x'] } } },
  { name: 'abc', ips: ['a', 'b', 'c'] },
  { name: 'abc', ips: [1] },
  { name: 'abc', labels: { a: 'b', c: 1 } },
  { name: 'abc', choice: { a: 'x' } },
  { name: 'abc', choice: { a: 'x', b: 'y' } },
  { name: 'abc', choice: {} },
  { name: 'abc', unknown: 1, backup: { unknownToo: true } },
  'a string',
  null,
  [],
];

describe('validators generated at build time', () => {
  test.each(cases.map((c) => [JSON.stringify(c), c]))('validate %s as the run-time compiled ones do', (_label, value) => {
    const a = structuredClone(value);
    const b = structuredClone(value);
    const fields = (errors: readonly FieldError[]): string[][] => errors.map((e) => [e.field, e.detail]);
    expect(fields(built.errors(a))).toEqual(fields(compiled.errors(b)));
    // Defaults are applied in place, identically.
    expect(a).toEqual(b);
  });

  test('parse gives the same defaulted value', () => {
    expect(built.parse({ name: 'abc' })).toEqual(compiled.parse({ name: 'abc' }));
    expect(built.parse({ name: 'abc' })).toEqual({ name: 'abc', plan: 'small', backup: { retention: 6 } });
  });

  test('the invalid cases are refused with field errors (the comparison above is not of empty lists)', () => {
    const refused = cases.filter((c) => built.errors(structuredClone(c)).length > 0);
    expect(refused.length).toBeGreaterThanOrEqual(15);
    expect(built.errors({ name: 'ab' }).map((e) => e.field)).toEqual(['spec.parameters.name']);
  });

  test("the generated code takes ajv's helpers from validatorRuntime, never from require()", () => {
    const code = standaloneValidators({ s: { type: 'string', maxLength: 3 } });
    expect(code).toContain('validatorRuntime.ucs2length');
    expect(code).not.toContain('require(');
  });
});
