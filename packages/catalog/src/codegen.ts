// Generates each function's `src/generated.ts` from its XRD and input CRD:
// TypeScript types and the validators compiled from the same schemas (ajv's
// standalone code), so types and validation can never disagree with what the
// API server sees, and a function compiles no schema when it starts. Run by
// `make generate`; `generate --check` fails when a generated file is stale.
import { compile } from 'json-schema-to-typescript';
import { standaloneValidators } from '@appcat/runtime/compile';
import { inputSchemaOf, isObject, parametersSchemaOf, readYamlDocuments, type JsonObject, type OpenAPISchema } from '@appcat/runtime';

/** A property with a default is always present once defaults are applied: make it required in the type. */
function typeSchema(schema: OpenAPISchema): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (value === undefined || key.startsWith('x-kubernetes-') || key === 'nullable' || key === 'default') continue;
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isObject(v) ? typeSchema(v) : (v ?? null)]));
    } else if ((key === 'items' || key === 'additionalProperties') && isObject(value)) {
      out[key] = typeSchema(value);
    } else {
      out[key] = value;
    }
  }
  const props = isObject(schema['properties']) ? schema['properties'] : {};
  const defaulted = Object.entries(props)
    .filter(([, v]) => isObject(v) && v['default'] !== undefined)
    .map(([k]) => k);
  const required = [...(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []), ...defaulted];
  if (required.length > 0) out['required'] = [...new Set(required)];
  if (schema['x-kubernetes-int-or-string'] === true) out['type'] = ['integer', 'string'];
  if (schema['type'] === 'object' && !isObject(schema['properties']) && schema['additionalProperties'] === undefined) {
    out['additionalProperties'] = true;
  } else if (schema['type'] === 'object' && schema['additionalProperties'] === undefined) {
    out['additionalProperties'] = schema['x-kubernetes-preserve-unknown-fields'] === true;
  }
  return out;
}

async function typeOf(schema: OpenAPISchema, name: string): Promise<string> {
  return compile(typeSchema(schema), name, {
    bannerComment: '',
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    unknownAny: true,
  });
}

export interface GenerateOptions {
  xrdPath: string;
  inputPath: string;
  /** Paths as written into the header comment. */
  xrdLabel: string;
  inputLabel: string;
  /** Parameters of other services this one composes: type name → XRD path (a nested composite's API). */
  composes?: Record<string, { path: string; label: string }>;
}

export async function generateModule(opts: GenerateOptions): Promise<string> {
  const [xrd] = readYamlDocuments(opts.xrdPath);
  const [crd] = readYamlDocuments(opts.inputPath);
  if (!xrd || !crd) throw new Error('empty XRD or input CRD');
  const params = parametersSchemaOf(xrd, opts.xrdLabel);
  const input = inputSchemaOf(crd, opts.inputLabel);
  const nested: string[] = [];
  const validators: Record<string, OpenAPISchema> = { parameters: params, input };
  for (const [name, source] of Object.entries(opts.composes ?? {})) {
    const [other] = readYamlDocuments(source.path);
    if (!other) throw new Error(`empty XRD ${source.label}`);
    const schema = parametersSchemaOf(other, source.label);
    const lower = `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
    validators[lower] = schema;
    nested.push(
      `// The parameters of ${source.label}, for the nested composite this function composes.`,
      await typeOf(schema, name),
      `export const ${lower}Schema = new Schema<${name}>(${lower}, 'spec.parameters');`,
      '',
    );
  }
  const code = standaloneValidators(validators, { applyDefaults: true }).replace(/export const (\w+) = (\w+);/g, 'const $1 = $2;');
  return [
    `// Code generated from ${opts.xrdLabel} and ${opts.inputLabel} by \`make generate\`. DO NOT EDIT.`,
    "// @ts-nocheck: the validators are ajv's standalone code, typed by the Schema each is wrapped in.",
    `import { Schema, validatorRuntime } from '@appcat/runtime';`,
    '',
    await typeOf(params, 'Parameters'),
    await typeOf(input, 'Input'),
    '// The validators of these schemas, compiled by ajv (defaults applied as the API server applies them).',
    code,
    '',
    `export const parametersSchema = new Schema<Parameters>(parameters, 'spec.parameters');`,
    '',
    `export const inputSchema = new Schema<Input>(input, 'input');`,
    '',
    ...nested,
  ].join('\n');
}
