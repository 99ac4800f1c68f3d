import { dns1035Name, dnsName, MAX_NAME_LENGTH } from '../src/names.js';

describe('dnsName', () => {
  test('keeps a name that is already a valid DNS-1123 label', () => {
    expect(dnsName(['vshn', 'postgresql', 'pg-x1'])).toBe('vshn-postgresql-pg-x1');
  });

  test('escapes invalid characters and marks the name with a hash of the original', () => {
    const name = dnsName(['My_App', 'DB']);
    expect(name).toMatch(/^my-app-db-[0-9a-f]{8}$/);
    // Two inputs that escape the same way stay distinct.
    expect(dnsName(['my.app', 'db'])).not.toBe(dnsName(['my_app', 'db']));
  });

  test('shortens long names to 63 characters with a stable suffix', () => {
    const parts = ['vshn', 'postgresql', 'a'.repeat(80)];
    const name = dnsName(parts);
    expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
    expect(dnsName(parts)).toBe(name);
    expect(dnsName(['vshn', 'postgresql', `${'a'.repeat(79)}b`])).not.toBe(name);
  });

  test('honours a smaller limit (Helm release names)', () => {
    expect(dnsName(['backup', 'x'.repeat(60)], 52).length).toBeLessThanOrEqual(52);
  });
});

describe('dns1035Name', () => {
  test('keeps a name that already starts with a letter and fits', () => {
    expect(dns1035Name(['orders-db-4kf9x'], 44)).toBe('orders-db-4kf9x');
  });

  test('puts a letter in front of a name that starts with a digit, stably', () => {
    expect(dns1035Name(['1st-db-4kf9x'], 44)).toBe('x-1st-db-4kf9x');
    expect(dns1035Name(['1st-db-4kf9x'], 44)).toBe(dns1035Name(['1st-db-4kf9x'], 44));
  });

  test('shortens a 63-character name to 44 with a stable suffix, starting with a letter', () => {
    for (const name of [`a${'b'.repeat(62)}`, `9${'b'.repeat(62)}`, '0'.repeat(63)]) {
      const short = dns1035Name([name], 44);
      expect(short.length).toBeLessThanOrEqual(44);
      expect(short).toMatch(/^[a-z]([a-z0-9-]*[a-z0-9])?$/);
      expect(dns1035Name([name], 44)).toBe(short);
    }
    expect(dns1035Name([`a${'b'.repeat(62)}`], 44)).not.toBe(dns1035Name([`a${'b'.repeat(61)}c`], 44));
  });
});

describe('dnsName cache', () => {
  it('gives the same name on every call, for each length limit', () => {
    const parts = ['A-Very_Long.Composite-Name', 'x'.repeat(60)];
    const first = [dnsName(parts), dnsName(parts, 44), dnsName(parts, 253)];
    expect([dnsName(parts), dnsName(parts, 44), dnsName(parts, 253)]).toEqual(first);
    expect(first[0]?.length).toBeLessThanOrEqual(63);
    expect(first[1]?.length).toBeLessThanOrEqual(44);
    expect(first[1]).not.toBe(first[0]);
  });
});
