import { wrapObject } from '../src/objects.js';
import { generatePassword, secretWithData, storedSecretValue } from '../src/passwords.js';

const labels = { value: 'the password', secret: 'the Secret' };
const objectOf = (values: Record<string, string>) =>
  wrapObject(secretWithData('app-password', 'vshn-x', values), { name: 'x-app-password', providerConfigName: 'kubernetes' });

describe('a generated password', () => {
  test('is 32 URL- and shell-safe characters, different every time', () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});

describe('storedSecretValue', () => {
  test.each(['p', generatePassword(), 'with spaces and = signs', 'äöü-密码-🔑'])('reads back %j as the Object desired it', (value) => {
    expect(storedSecretValue(objectOf({ password: value }), 'password', labels)).toBe(value);
  });

  test('reads what provider-kubernetes observed when the spec holds none', () => {
    const object = objectOf({});
    object.status = { atProvider: { manifest: secretWithData('app-password', 'vshn-x', { password: 'observed' }) } };
    expect(storedSecretValue(object, 'password', labels)).toBe('observed');
  });

  test('is undefined without an Object, or an empty value', () => {
    expect(storedSecretValue(undefined, 'password', labels)).toBeUndefined();
    expect(storedSecretValue(objectOf({ password: '' }), 'password', labels)).toBeUndefined();
  });

  test('refuses a value that is not base64, naming where it is and the Secret to delete', () => {
    const object = objectOf({});
    (object.spec as { forProvider: { manifest: { data: Record<string, string> } } }).forProvider.manifest.data['password'] = 'not base64!';
    expect(() => storedSecretValue(object, 'password', labels)).toThrow(
      "the password in the Secret's Object is not valid base64; correct it or delete the Secret app-password for a new one",
    );
  });
});
