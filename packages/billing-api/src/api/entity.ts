// BillingEntity (billing.appuio.io/v1), cluster-scoped, and its conversion
// from and to the ERP's records. Names are `be-<ERP id>`; resourceVersion
// derives from the ERP's write time; uid is a name-based UUID, so the same
// entity has the same uid on every replica.
import { createHash } from 'node:crypto';
import type { EntityData, EntityRecord } from '../erp/erp.js';

export const GROUP = 'billing.appuio.io';
export const VERSION = 'v1';
export const API_VERSION = `${GROUP}/${VERSION}`;
export const KIND = 'BillingEntity';
export const LIST_KIND = 'BillingEntityList';
export const PLURAL = 'billingentities';
export const SINGULAR = 'billingentity';
export const SHORT_NAMES = ['be'];
/** The group per-entity permissions are checked in: no server serves it, so RBAC rules on it only mean "this entity". */
export const RBAC_GROUP = 'rbac.appuio.io';
export const NAME_PREFIX = 'be-';

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: unknown;
}

export interface BillingEntitySpec {
  name?: string;
  phone?: string;
  emails?: string[];
  address?: { line1?: string; line2?: string; postalCode?: string; city?: string; country?: string };
  accountingContact?: { name?: string; emails?: string[] };
  languagePreference?: string;
}

export interface BillingEntity {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: BillingEntitySpec;
}

export function nameOf(id: number): string {
  return `${NAME_PREFIX}${id}`;
}

/** The ERP id in `be-<id>`, or undefined for a name no entity can have. */
export function idOf(name: string): number | undefined {
  const m = /^be-([1-9][0-9]{0,15})$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

function nameUid(name: string): string {
  // RFC 4122 version 5 layout over SHA-1 of the group and name.
  const h = createHash('sha1').update(`${GROUP}/${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/**
 * resourceVersion: the ERP write time in ms. Odoo reports it to the second,
 * so the last three digits carry a hash of the content instead: two writes
 * within one second still give different versions unless they wrote the same.
 */
export function resourceVersionOf(rec: EntityRecord): string {
  const content = JSON.stringify([rec.name, rec.phone, rec.emails, rec.address, rec.accountingContact, rec.languagePreference]);
  const hash = createHash('sha1').update(content).digest().readUInt16BE(0) % 1000;
  return String(Math.floor(rec.writtenAt / 1000) * 1000 + hash);
}

export function toBillingEntity(rec: EntityRecord): BillingEntity {
  const name = nameOf(rec.id);
  return {
    apiVersion: API_VERSION,
    kind: KIND,
    metadata: {
      name,
      uid: nameUid(name),
      resourceVersion: resourceVersionOf(rec),
      creationTimestamp: new Date(Math.floor(rec.createdAt / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    },
    spec: {
      name: rec.name,
      phone: rec.phone,
      emails: rec.emails,
      address: {
        line1: rec.address.line1,
        ...(rec.address.line2 ? { line2: rec.address.line2 } : {}),
        postalCode: rec.address.postalCode,
        city: rec.address.city,
        country: rec.address.country,
      },
      accountingContact: { name: rec.accountingContact.name, emails: rec.accountingContact.emails },
      languagePreference: rec.languagePreference,
    },
  };
}

/** A validated spec as ERP data (validation guarantees the shapes). */
export function toEntityData(spec: BillingEntitySpec): EntityData {
  return {
    name: spec.name ?? '',
    phone: spec.phone ?? '',
    emails: spec.emails ?? [],
    address: {
      line1: spec.address?.line1 ?? '',
      line2: spec.address?.line2 ?? '',
      postalCode: spec.address?.postalCode ?? '',
      city: spec.address?.city ?? '',
      country: spec.address?.country ?? '',
    },
    accountingContact: { name: spec.accountingContact?.name ?? '', emails: spec.accountingContact?.emails ?? [] },
    languagePreference: spec.languagePreference ?? '',
  };
}
