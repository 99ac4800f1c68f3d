// ajv's compiler, kept out of the functions: `compileSchema` compiles at run
// time (tests, tools), `standaloneValidators` writes the same validators as
// code for a function's generated module, so a function starts without
// compiling a schema or loading the compiler.
import { Ajv, type Options } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { Schema, toJsonSchema, validatorRuntime, type OpenAPISchema, type SchemaOptions, type Validator } from './schema.js';
import type { JsonObject } from './unstructured.js';

function ajvFor(options: SchemaOptions, source: boolean): Ajv {
  const opts: Options = { allErrors: true, verbose: true, strict: false, validateFormats: false, useDefaults: options.applyDefaults === true };
  return new Ajv(source ? { ...opts, code: { source: true, esm: true, lines: false } } : opts);
}

/** Compiles a Kubernetes structural schema now (ajv loaded and run in this process). */
export function compileSchema<T = JsonObject>(schema: OpenAPISchema, basePath: string, options: SchemaOptions = {}): Schema<T> {
  const validate: Validator = ajvFor(options, false).compile(toJsonSchema(schema));
  return new Schema<T>(validate, basePath);
}

/**
 * The validators of `schemas` as one ES module's code: each name is exported
 * as a validator equal to `compileSchema`'s. The helpers ajv's code requires
 * come from `validatorRuntime`, which the module takes as its one import.
 */
export function standaloneValidators(schemas: Record<string, OpenAPISchema>, options: SchemaOptions = {}): string {
  const ajv = ajvFor(options, true);
  for (const [name, schema] of Object.entries(schemas)) ajv.addSchema(toJsonSchema(schema), name);
  const code = standaloneCode.default(ajv, Object.fromEntries(Object.keys(schemas).map((name) => [name, name])));
  const helpers = Object.keys(validatorRuntime).join('|');
  return code
    .replace(/^"use strict";/, '')
    .replace(new RegExp(`require\\("ajv/dist/runtime/(${helpers})"\\)\\.default`, 'g'), 'validatorRuntime.$1')
    .replace(/require\("([^"]+)"\)/, (_m, mod: string) => {
      throw new Error(`generated validator needs ${mod}, which validatorRuntime does not provide`);
    });
}
