import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getObject, getString, isObject, RunFunctionRequest, type RunFunction } from '@appcat/runtime';
import { loadTableCases, runTableCase, type TableCase } from '@appcat/runtime/testing';
import { runFunction } from '../src/function.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = loadTableCases(dir);
const ADMIN = 'admin-credentials';
/** Stands in for a generated password in the case files: base64 of GENERATED. */
const MASK = Buffer.from('GENERATED').toString('base64');

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');
const passwordData = (resource: unknown) => getObject(resource, 'spec.forProvider.manifest.data');

/**
 * Runs the function; when the request holds no admin Secret, the password
 * is random: it is recorded and masked, so the rest of the response is
 * still compared whole.
 */
function masking(generated: string[]): RunFunction {
  return async (req) => {
    const rsp = await runFunction(req);
    if (req.observed?.resources?.[ADMIN] === undefined) {
      const data = passwordData(rsp.desired?.resources?.[ADMIN]?.resource);
      if (typeof data?.['password'] === 'string') {
        generated.push(decode(data['password']));
        data['password'] = MASK;
      }
    }
    return rsp;
  };
}

describe('VSHNKeycloak RunFunction', () => {
  test.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const generated: string[] = [];
    const { actual, expected } = await runTableCase(dir, c, masking(generated));
    expect(actual).toEqual(expected);
    for (const password of generated) expect(password).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });
});

describe('the admin password', () => {
  const first = cases.find((c) => c.file.startsWith('01-'))!;
  const running = cases.find((c) => c.file.startsWith('04-'))!;

  test('is generated when none exists, differently every time', async () => {
    const generated: string[] = [];
    await masking(generated)(first.request);
    await masking(generated)(first.request);
    expect(generated).toHaveLength(2);
    expect(generated[0]).not.toEqual(generated[1]);
  });

  test('is read back from what the Object holds, never generated again', async () => {
    const stored = decode(getString(running.request.observed?.resources?.[ADMIN]?.resource, 'spec.forProvider.manifest.data.password')!);
    const rsp = await runFunction(running.request);
    expect(decode(getString(rsp.desired?.resources?.[ADMIN]?.resource, 'spec.forProvider.manifest.data.password')!)).toEqual(stored);
    expect(Buffer.from(rsp.desired!.composite!.connectionDetails['KEYCLOAK_PASSWORD']!).toString()).toEqual(stored);
  });

  test('is read from the observed Secret when the Object spec lacks it', async () => {
    const req = RunFunctionRequest.fromJSON(structuredClone(RunFunctionRequest.toJSON(running.request)));
    const object = req.observed!.resources[ADMIN]!.resource!;
    const stored = passwordData(object)!['password'] as string;
    delete passwordData(object)!['password'];
    object['status'] = { atProvider: { manifest: { apiVersion: 'v1', kind: 'Secret', data: { password: stored } } } };
    const rsp = await runFunction(req);
    expect(passwordData(rsp.desired?.resources?.[ADMIN]?.resource)?.['password']).toEqual(stored);
  });
});

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return isObject(value) ? Object.values(value).flatMap(strings) : [];
}

/** The passwords a request carries: the database's (composite details) and the admin's. */
function secretsOf(c: TableCase): string[] {
  const observed = c.request.observed?.resources ?? {};
  const details = observed['postgresql']?.connectionDetails?.['POSTGRESQL_PASSWORD'];
  const admin = getString(observed[ADMIN]?.resource, 'spec.forProvider.manifest.data.password');
  return [details && Buffer.from(details).toString(), admin && decode(admin)].filter((s): s is string => !!s);
}

test('no Release holds a password: the database and admin passwords reach Keycloak only through Secret references', async () => {
  const checked: string[] = [];
  for (const c of cases) {
    const release = (await runFunction(c.request)).desired?.resources?.['release']?.resource;
    if (!release) continue;
    const secrets = secretsOf(c);
    expect({ file: c.file, secrets: secrets.length > 0 }).toEqual({ file: c.file, secrets: true });
    const values = strings(release);
    for (const secret of secrets) {
      const b64 = Buffer.from(secret).toString('base64');
      expect(values.filter((v) => v.includes(secret) || v.includes(b64))).toEqual([]);
    }
    checked.push(c.file);
  }
  expect(checked).toEqual(expect.arrayContaining(['03-empty-database-ready.yaml', '05-full-database-ready-from-composite-details.yaml', '06-database-details-missing-keeps-release.yaml']));
});
