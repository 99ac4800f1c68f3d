import { createHash } from 'node:crypto';

/** Kubernetes' limit for names that are DNS-1123 labels (namespaces, services, label values). */
export const MAX_NAME_LENGTH = 63;

/** A short, stable hash of the input: the same input always gives the same suffix. */
export function shortHash(input: string, length = 8): string {
  return createHash('sha256').update(input).digest('hex').slice(0, length);
}

/**
 * Joins the parts into a DNS-1123 label: lower case, `[a-z0-9-]`, starting and
 * ending alphanumeric, at most `max` characters. A name that had to be
 * escaped or shortened gets a hash of the unescaped input as suffix, so two
 * different inputs never collapse onto the same name and the result is stable
 * across reconciles.
 */
export function dnsName(parts: readonly string[], max = MAX_NAME_LENGTH): string {
  const raw = parts.filter((p) => p !== '').join('-');
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
