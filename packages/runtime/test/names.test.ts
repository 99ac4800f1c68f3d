import { dnsName, MAX_NAME_LENGTH } from '../src/names.js';

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

  test('honours a smaller limit (CronJob names)', () => {
    expect(dnsName(['backup', 'x'.repeat(60)], 52).length).toBeLessThanOrEqual(52);
  });
});
