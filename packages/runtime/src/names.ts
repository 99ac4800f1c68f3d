import { createHash } from 'node:crypto';

/** Kubernetes' limit for names that are DNS-1123 labels (namespaces, services, label values). */
export const MAX_NAME_LENGTH = 63;

/**
 * A cache of results that depend only on their key: a function pod names the
 * same few composites on every reconcile, so each name is hashed once. It is
 * emptied when full, which bounds its memory whatever the keys.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit = 4096) {}

  get(key: string, compute: (key: string) => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(key, value);
    return value;
  }
}

const hexDigests = new BoundedCache<string>();
const sha256Hex = (input: string): string => createHash('sha256').update(input).digest('hex');

/** A short, stable hash of the input: the same input always gives the same suffix. */
export function shortHash(input: string, length = 8): string {
  return hexDigests.get(input, sha256Hex).slice(0, length);
}

/**
 * Joins the parts into a DNS-1123 label: lower case, `[a-z0-9-]`, starting and
 * ending alphanumeric, at most `max` characters. A name that had to be
 * escaped or shortened gets a hash of the unescaped input as suffix, so two
 * different inputs never collapse onto the same name and the result is stable
 * across reconciles.
 */
export function dnsName(parts: readonly string[], max = MAX_NAME_LENGTH): string {
  const raw = joinParts(parts);
  if (raw.length <= max && PLAIN_LABEL.test(raw)) return raw;
  let cache = escapedNames.get(max);
  if (!cache) escapedNames.set(max, (cache = new BoundedCache<string>()));
  return cache.get(raw, () => escapedName(raw, max));
}

/** The non-empty parts joined with dashes (a loop: dnsName runs for every composed object). */
function joinParts(parts: readonly string[]): string {
  let raw = '';
  for (const p of parts) if (p !== '') raw = raw === '' ? p : `${raw}-${p}`;
  return raw;
}

/** What needs no escaping: lower-case alphanumerics and single inner dashes. */
const PLAIN_LABEL = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Escaped names by their length limit (a handful of limits in the code). */
const escapedNames = new Map<number, BoundedCache<string>>();

function escapedName(raw: string, max: number): string {
  const escaped = raw
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (escaped === raw && raw.length <= max) return raw;
  const suffix = shortHash(raw);
  const head = escaped.slice(0, max - suffix.length - 1).replace(/-+$/g, '');
  return head === '' ? suffix : `${head}-${suffix}`;
}

/**
 * A DNS-1035 label: a DNS-1123 label that starts with a letter, as Services
 * and the operators that name Services after a resource (StackGres
 * clusters) require. A name that is one already stays as it is, so a
 * resource that exists keeps its name; one that starts with a digit gets a
 * letter in front.
 */
export function dns1035Name(parts: readonly string[], max = MAX_NAME_LENGTH): string {
  const name = dnsName(parts, max);
  return /^[a-z]/.test(name) ? name : dnsName(['x', ...parts], max);
}
