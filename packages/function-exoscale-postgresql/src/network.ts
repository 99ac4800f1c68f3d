// The XRD's pattern only checks the shape a.b.c.d/n (a full range regex would
// make the API server's message unreadable); the ranges are checked here.
import { FieldError } from '@appcat/runtime';

const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** A decimal without leading zeros, at most `max`. */
function isNumber(s: string | undefined, max: number): s is string {
  return s !== undefined && String(Number(s)) === s && Number(s) <= max;
}

/** Why `value` is not an IPv4 CIDR range, or undefined when it is one. */
function cidrProblem(value: string): string | undefined {
  const [, a, b, c, d, prefix] = CIDR.exec(value) ?? [];
  const octets = [a, b, c, d];
  if (!octets.every((o) => isNumber(o, 255)) || !isNumber(prefix, 32)) {
    return 'is not an IPv4 CIDR range: octets are 0-255 and the prefix length 0-32, without leading zeros';
  }
  // provider-exoscale compares the filter with what Exoscale reports back, as
  // strings: a range not written as its network address risks an update on
  // every poll, and is more often a typo than meant.
  const address = octets.reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(prefix));
  const network = address - (address % size);
  if (network === address) return undefined;
  const canonical = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
  return `has host bits set: the range is ${canonical}/${prefix}`;
}

/** One error per entry of `spec.parameters.network.ipFilter` that is not an IPv4 CIDR range. */
export function ipFilterErrors(ipFilter: readonly string[]): FieldError[] {
  return ipFilter.flatMap((cidr, i) => {
    const problem = cidrProblem(cidr);
    return problem ? [new FieldError(`spec.parameters.network.ipFilter[${i}]`, `${JSON.stringify(cidr)} ${problem}`)] : [];
  });
}
