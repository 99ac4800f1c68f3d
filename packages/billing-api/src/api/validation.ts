// Validation of BillingEntity input. Errors name the field as kubectl shows
// it (`spec.emails[0]: must be an e-mail address`); unknown fields are an
// error under fieldValidation=Strict (kubectl's default) and dropped with a
// warning otherwise, as kube-apiserver does.
import { API_VERSION, type BillingEntity, type BillingEntitySpec, KIND } from './entity.js';
import { type StatusCause, badRequest } from './status.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface Validated {
  entity: BillingEntity;
  causes: StatusCause[];
  /** Unknown fields that were dropped (Warn/Ignore). */
  unknown: string[];
}

// Deliberately simple: one @, no spaces or commas (Odoo keeps several addresses comma-separated in one field).
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2}|_[A-Za-z]{4})?$/;
const MAX = 256;

const SPEC_SHAPE = {
  name: 'string',
  phone: 'string',
  emails: 'emails',
  address: { line1: 'string', line2: 'string', postalCode: 'string', city: 'string', country: 'string' },
  accountingContact: { name: 'string', emails: 'emails' },
  languagePreference: 'string',
} as const;

type Shape = 'string' | 'emails' | { readonly [key: string]: Shape };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function check(value: unknown, shape: Shape, path: string, causes: StatusCause[], unknown: string[]): unknown {
  const fail = (message: string): void => {
    causes.push({ reason: 'FieldValueInvalid', message, field: path });
  };
  if (value === undefined || value === null) return undefined;
  if (shape === 'string') {
    if (typeof value !== 'string') fail('must be a string');
    else if (value.length > MAX) fail(`must be at most ${MAX} characters`);
    else return value;
    return undefined;
  }
  if (shape === 'emails') {
    if (!Array.isArray(value)) {
      fail('must be a list of e-mail addresses');
      return undefined;
    }
    value.forEach((e, i) => {
      if (typeof e !== 'string' || !EMAIL.test(e))
        causes.push({ reason: 'FieldValueInvalid', message: 'must be an e-mail address', field: `${path}[${i}]` });
    });
    return value as unknown[];
  }
  if (!isObject(value)) {
    fail('must be an object');
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const sub = shape[key];
    if (!sub) unknown.push(`${path}.${key}`);
    else {
      const checked = check(v, sub, `${path}.${key}`, causes, unknown);
      if (checked !== undefined) out[key] = checked;
    }
  }
  return out;
}

const KNOWN_META = new Set([
  'name',
  'generateName',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'labels',
  'annotations',
  'managedFields',
  'generation',
  'selfLink',
]);

/** Checks a request body; structural problems of the envelope are 400, field problems are returned as causes (422). */
export function validate(body: unknown, mode: FieldValidation): Validated {
  if (!isObject(body)) throw badRequest('the request body must be a JSON object');
  if (body['apiVersion'] !== API_VERSION || body['kind'] !== KIND) {
    throw badRequest(`the body must be a ${KIND} of ${API_VERSION} (got kind "${String(body['kind'])}", apiVersion "${String(body['apiVersion'])}")`);
  }
  const causes: StatusCause[] = [];
  const unknown: string[] = [];
  for (const key of Object.keys(body)) if (!['apiVersion', 'kind', 'metadata', 'spec', 'status'].includes(key)) unknown.push(key);
  const metadata = isObject(body['metadata']) ? body['metadata'] : {};
  for (const key of Object.keys(metadata)) if (!KNOWN_META.has(key)) unknown.push(`metadata.${key}`);
  const spec = (check(body['spec'] ?? {}, SPEC_SHAPE, 'spec', causes, unknown) ?? {}) as BillingEntitySpec;
  if (!spec.name?.trim()) causes.push({ reason: 'FieldValueRequired', message: 'Required value: the display name', field: 'spec.name' });
  if (spec.languagePreference && !LANGUAGE.test(spec.languagePreference)) {
    causes.push({ reason: 'FieldValueInvalid', message: 'must be a locale such as en_US or de_CH', field: 'spec.languagePreference' });
  }
  if (mode === 'Strict' && unknown.length > 0) {
    throw badRequest(`strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
  }
  const meta: BillingEntity['metadata'] = {};
  for (const key of ['name', 'generateName', 'resourceVersion'] as const) {
    if (typeof metadata[key] === 'string') meta[key] = metadata[key];
  }
  return { entity: { apiVersion: API_VERSION, kind: KIND, metadata: meta, spec }, causes, unknown };
}
