import { compileSchema } from '../src/compile.js';
import { toJsonSchema } from '../src/schema.js';
import { ValidationError } from '../src/errors.js';

describe('Schema of a Kubernetes structural schema', () => {
  const schema = compileSchema<Record<string, unknown>>(
    {
      type: 'object',
      default: {},
      properties: {
        service: {
          type: 'object',
          default: {},
          properties: {
            majorVersion: { type: 'string', enum: ['16', '17'], default: '17' },
            pgSettings: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          },
        },
        size: { type: 'object', default: {}, properties: { disk: { 'x-kubernetes-int-or-string': true }, cpu: { type: 'string', nullable: true } } },
        instances: { type: 'integer', minimum: 1, maximum: 3, default: 1 },
      },
    },
    'spec.parameters',
    { applyDefaults: true },
  );

  test('applies defaults through nested groups, like the API server', () => {
    expect(schema.parse({})).toEqual({ service: { majorVersion: '17' }, size: {}, instances: 1 });
  });

  test('does not change its input', () => {
    const input = { service: {} };
    schema.parse(input);
    expect(input).toEqual({ service: {} });
  });

  test('accepts free-form maps, int-or-string and nullable fields', () => {
    expect(() => schema.parse({ service: { pgSettings: { work_mem: '4MB', nested: { a: 1 } } }, size: { disk: 20, cpu: null } })).not.toThrow();
    expect(() => schema.parse({ size: { disk: '20Gi' } })).not.toThrow();
  });

  test('names every wrong field with what is allowed', () => {
    let error: unknown;
    try {
      schema.parse({ service: { majorVersion: '9.6', typo: true }, instances: 5, size: { disk: true } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.message).sort()).toEqual([
      'spec.parameters.instances: 5 must be <= 3',
      'spec.parameters.service.majorVersion: "9.6" is not allowed; allowed values: "16", "17"',
      'spec.parameters.service.typo: unknown field; allowed fields: majorVersion, pgSettings',
      'spec.parameters.size.disk: true matches none of the allowed forms',
    ]);
  });

  test('translation makes objects with known properties strict, and leaves preserved ones open', () => {
    const out = toJsonSchema({
      type: 'object',
      properties: { a: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { b: { type: 'string' } } } },
    });
    expect(out['additionalProperties']).toBe(false);
    expect((out['properties'] as Record<string, Record<string, unknown>>)['a']?.['additionalProperties']).toBeUndefined();
  });
});
