// OpenAPI v2 and v3 documents for billing.appuio.io/v1, so the aggregator can
// merge them: `kubectl explain billingentity.spec` and client-side
// validation read these. One schema, two reference styles.
import { createHash } from 'node:crypto';
import { GROUP, KIND, LIST_KIND, PLURAL, VERSION } from './entity.js';

type Schema = Record<string, unknown>;

const GVK = [{ group: GROUP, version: VERSION, kind: KIND }];
const BE = 'io.appuio.billing.v1.BillingEntity';
const BE_LIST = 'io.appuio.billing.v1.BillingEntityList';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const STATUS = 'io.k8s.apimachinery.pkg.apis.meta.v1.Status';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';

const str = (description: string): Schema => ({ type: 'string', description });

function schemas(ref: (name: string) => Schema): Record<string, Schema> {
  const emails = (what: string): Schema => ({ type: 'array', items: { type: 'string', format: 'email' }, description: what });
  return {
    [BE]: {
      description: 'A billing entity: who pays, as kept in the ERP. Names are assigned by the server (be-<ERP id>).',
      type: 'object',
      required: ['spec'],
      properties: {
        apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
        kind: str('Kind is a string value representing the REST resource this object represents.'),
        metadata: { allOf: [ref(META)], default: {}, description: "Standard object's metadata. The name is assigned by the server on create." },
        spec: {
          description: 'The billing data as stored in the ERP.',
          type: 'object',
          required: ['name'],
          properties: {
            name: str('Display name (the company in the ERP).'),
            phone: str('Phone number.'),
            emails: emails('E-mail addresses of the company.'),
            address: {
              description: 'Postal address.',
              type: 'object',
              properties: {
                line1: str('Street and number.'),
                line2: str('Second address line.'),
                postalCode: str('Postal code.'),
                city: str('City.'),
                country: str('Country name as the ERP spells it, e.g. Switzerland.'),
              },
            },
            accountingContact: {
              description: 'Who receives invoices (the invoice contact in the ERP).',
              type: 'object',
              properties: { name: str('Name of the accounting contact.'), emails: emails('Where invoices go.') },
            },
            languagePreference: str('Language of invoices and mails, as an Odoo locale such as en_US or de_CH.'),
          },
        },
      },
      'x-kubernetes-group-version-kind': GVK,
    },
    [BE_LIST]: {
      description: 'A list of billing entities.',
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: str('APIVersion defines the versioned schema of this representation of an object.'),
        kind: str('Kind is a string value representing the REST resource this object represents.'),
        metadata: ref(LIST_META),
        items: { type: 'array', items: ref(BE) },
      },
      'x-kubernetes-group-version-kind': [{ group: GROUP, version: VERSION, kind: LIST_KIND }],
    },
    [META]: {
      description: 'ObjectMeta is metadata that all persisted resources must have.',
      type: 'object',
      properties: {
        name: str('Name, assigned by the server as be-<ERP id>.'),
        generateName: str('Accepted on create; the server assigns the name.'),
        uid: str('UID, derived from the name.'),
        resourceVersion: str('Opaque version derived from the ERP write time; a stale one makes an update fail with 409.'),
        creationTimestamp: { type: 'string', format: 'date-time', description: 'When the ERP created the entity.' },
        labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Not stored.' },
        annotations: { type: 'object', additionalProperties: { type: 'string' }, description: 'Not stored.' },
      },
    },
    [LIST_META]: {
      description: 'ListMeta describes metadata that synthetic resources must have.',
      type: 'object',
      properties: {
        resourceVersion: str('Version of the list.'),
        continue: str('Token for the next page.'),
        remainingItemCount: { type: 'integer', format: 'int64' },
      },
    },
    [STATUS]: {
      description: 'Status is a return value for calls that do not return other objects.',
      type: 'object',
      properties: {
        kind: str('Status'),
        apiVersion: str('v1'),
        status: str('Success or Failure'),
        message: str('Message'),
        reason: str('Reason'),
        code: { type: 'integer', format: 'int32' },
      },
      'x-kubernetes-group-version-kind': [{ group: '', version: 'v1', kind: 'Status' }],
    },
    [PATCH]: { description: 'A patch: JSON merge patch or JSON patch.', type: 'object' },
  };
}

const BASE = `/apis/${GROUP}/${VERSION}/${PLURAL}`;
const QUERY = {
  fieldValidation: {
    name: 'fieldValidation',
    in: 'query',
    type: 'string',
    uniqueItems: true,
    description: 'Ignore, Warn or Strict (default for kubectl).',
  },
  dryRun: { name: 'dryRun', in: 'query', type: 'string', uniqueItems: true, description: 'All: validate without writing to the ERP.' },
  labelSelector: { name: 'labelSelector', in: 'query', type: 'string', uniqueItems: true },
  fieldSelector: { name: 'fieldSelector', in: 'query', type: 'string', uniqueItems: true, description: 'Only metadata.name.' },
  limit: { name: 'limit', in: 'query', type: 'integer', uniqueItems: true },
  continue: { name: 'continue', in: 'query', type: 'string', uniqueItems: true },
  watch: { name: 'watch', in: 'query', type: 'boolean', uniqueItems: true },
  resourceVersion: { name: 'resourceVersion', in: 'query', type: 'string', uniqueItems: true },
  allowWatchBookmarks: { name: 'allowWatchBookmarks', in: 'query', type: 'boolean', uniqueItems: true },
  timeoutSeconds: { name: 'timeoutSeconds', in: 'query', type: 'integer', uniqueItems: true },
};

type Style = 'v2' | 'v3';

function operation(
  style: Style,
  ref: (n: string) => Schema,
  action: string,
  id: string,
  params: Schema[],
  response: string,
  body?: { schema: string; types: string[] },
): Schema {
  const p = style === 'v2' ? params : params.map(({ type, ...rest }) => ({ ...rest, schema: { type } }));
  const content = (schema: Schema): Schema => ({ 'application/json': { schema }, 'application/yaml': { schema } });
  const responses =
    style === 'v2'
      ? { '200': { description: 'OK', schema: ref(response) }, '401': { description: 'Unauthorized' } }
      : { '200': { description: 'OK', content: content(ref(response)) }, '401': { description: 'Unauthorized' } };
  const op: Schema = {
    operationId: id,
    tags: ['billingAppuioIo_v1'],
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': GVK[0],
    parameters: p,
    responses,
  };
  if (body) {
    if (style === 'v2') {
      op['parameters'] = [...p, { name: 'body', in: 'body', required: true, schema: ref(body.schema) }];
      op['consumes'] = body.types;
    } else {
      op['requestBody'] = { required: true, content: Object.fromEntries(body.types.map((t) => [t, { schema: ref(body.schema) }])) };
    }
  }
  if (style === 'v2') op['produces'] = ['application/json', 'application/yaml'];
  return op;
}

const PATCH_TYPES = ['application/merge-patch+json', 'application/json-patch+json', 'application/strategic-merge-patch+json'];

function paths(style: Style, ref: (n: string) => Schema): Record<string, Schema> {
  const name =
    style === 'v2'
      ? { name: 'name', in: 'path', required: true, type: 'string', uniqueItems: true }
      : { name: 'name', in: 'path', required: true, type: 'string' };
  const listParams = [
    QUERY.labelSelector,
    QUERY.fieldSelector,
    QUERY.limit,
    QUERY.continue,
    QUERY.watch,
    QUERY.resourceVersion,
    QUERY.allowWatchBookmarks,
    QUERY.timeoutSeconds,
  ];
  return {
    [BASE]: {
      get: operation(style, ref, 'list', 'listBillingAppuioIoV1BillingEntity', listParams, BE_LIST),
      post: operation(style, ref, 'post', 'createBillingAppuioIoV1BillingEntity', [QUERY.dryRun, QUERY.fieldValidation], BE, {
        schema: BE,
        types: ['application/json', 'application/yaml'],
      }),
    },
    [`${BASE}/{name}`]: {
      get: operation(style, ref, 'get', 'readBillingAppuioIoV1BillingEntity', [], BE),
      put: operation(style, ref, 'put', 'replaceBillingAppuioIoV1BillingEntity', [QUERY.dryRun, QUERY.fieldValidation], BE, {
        schema: BE,
        types: ['application/json', 'application/yaml'],
      }),
      patch: operation(style, ref, 'patch', 'patchBillingAppuioIoV1BillingEntity', [QUERY.dryRun, QUERY.fieldValidation], BE, {
        schema: PATCH,
        types: PATCH_TYPES,
      }),
      delete: operation(style, ref, 'delete', 'deleteBillingAppuioIoV1BillingEntity', [QUERY.dryRun], STATUS),
      parameters: [name],
    },
  };
}

export function openapiV2(): Record<string, unknown> {
  const ref = (n: string): Schema => ({ $ref: `#/definitions/${n}` });
  return { swagger: '2.0', info: { title: 'billing-api', version: VERSION }, paths: paths('v2', ref), definitions: schemas(ref) };
}

export function openapiV3GroupVersion(): Record<string, unknown> {
  const ref = (n: string): Schema => ({ $ref: `#/components/schemas/${n}` });
  return { openapi: '3.0.0', info: { title: 'billing-api', version: VERSION }, paths: paths('v3', ref), components: { schemas: schemas(ref) } };
}

const V3_PATH = `apis/${GROUP}/${VERSION}`;
export const OPENAPI_V3_GV_PATH = `/openapi/v3/${V3_PATH}`;

export function openapiV3Index(): Record<string, unknown> {
  const hash = createHash('sha512').update(JSON.stringify(openapiV3GroupVersion())).digest('hex').slice(0, 32).toUpperCase();
  return { paths: { [V3_PATH]: { serverRelativeURL: `${OPENAPI_V3_GV_PATH}?hash=${hash}` } } };
}
