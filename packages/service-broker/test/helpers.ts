// Shared test helpers: the repository's plans and XRDs, and an ajv that
// checks responses against the official OpenAPI document.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { OpenAPIDocument, type Method } from '../src/openapi.js';
import { loadServices, type ServiceDefinition } from '../src/plans.js';

export const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(packageDir, '..', '..');
export const plansDir = join(packageDir, 'plans');
export const xrdsDir = join(repoRoot, 'xrds');

export function services(): ServiceDefinition[] {
  return loadServices(plansDir, xrdsDir);
}

export const openapi = new OpenAPIDocument();
const ajv = new Ajv({ allErrors: true, strict: false });

/**
 * Statuses the spec allows on every endpoint that the document does not
 * list everywhere: 401 (auth), 412 (version), 400 (version header missing,
 * 2.16+), 422 ConcurrencyError on GET instance (2.14+), 404 for unknown
 * routes. Their body must still be the document's Error schema.
 */
const UNLISTED_ERRORS = new Set([400, 401, 404, 412, 422]);

/** Problems of a response against the document (empty when it conforms). */
export function contractProblems(path: string, method: Method, status: number, body: unknown): string[] {
  let schema = openapi.response(path, method, status);
  if (schema === undefined) {
    if (!UNLISTED_ERRORS.has(status)) return [`${method.toUpperCase()} ${path}: status ${status} is not in the document`];
    schema = openapi.errorSchema();
  }
  const validate = ajv.compile(schema);
  const problems = validate(body)
    ? []
    : (validate.errors ?? []).map((e) => `${method.toUpperCase()} ${path} ${status}: ${e.instancePath} ${e.message ?? ''}`);
  // The Error schema allows an empty object; the spec wants a description for people.
  if (status >= 400 && !(typeof body === 'object' && body !== null && typeof (body as { description?: unknown }).description === 'string')) {
    problems.push(`${method.toUpperCase()} ${path} ${status}: error without description`);
  }
  return problems;
}

/** The element a test relies on; fails the test with `what` when it is missing. */
export function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

export function serviceNamed(all: ServiceDefinition[], name: string): ServiceDefinition {
  return must(
    all.find((s) => s.name === name),
    `service ${name}`,
  );
}

export function planNamed(service: ServiceDefinition, name: string): ServiceDefinition['plans'][number] {
  return must(
    service.plans.find((p) => p.name === name),
    `plan ${service.name}/${name}`,
  );
}

/** A YAML field that should be a string, as a string ('' otherwise). */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
