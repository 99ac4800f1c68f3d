import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStageCases, requestForCase, runStageCase, type StageCase } from '@appcat/catalog';
import { getObject, getString, isObject, parametersSchemaOf, readYamlDocuments, RunFunctionRequest, type RunFunction } from '@appcat/runtime';
import { runFunction } from '../src/function.js';
import { parametersSchema } from '../src/generated.js';

const FUNCTION = 'function-appcat-keycloak';
const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = loadStageCases(dir);
const ADMIN = 'admin-credentials';

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');
const passwordData = (resource: unknown) => getObject(resource, 'spec.forProvider.manifest.data');
const caseNamed = (prefix: string): StageCase => {
  const c = cases.find((k) => k.file.startsWith(prefix));
  if (!c) throw new Error(`no case ${prefix}*`);
  return c;
};

/**
 * Runs the function and records the admin password it generates when the
 * request holds no admin Secret: being random, no case states it.
 */
function recording(generated: string[]): RunFunction {
  return async (req) => {
    const rsp = await runFunction(req);
    if (req.observed?.resources[ADMIN] === undefined) {
      const password = passwordData(rsp.desired?.resources[ADMIN]?.resource)?.['password'];
      if (typeof password === 'string') {
        generated.push(decode(password));
        // The composite keeps the same password for the next reconcile; cases state it as GENERATED.
        const details = rsp.desired?.composite?.connectionDetails;
        if (details && Buffer.from(details['KEYCLOAK_PASSWORD'] ?? []).toString() === decode(password))
          details['KEYCLOAK_PASSWORD'] = Buffer.from('GENERATED');
      }
    }
    return rsp;
  };
}

describe('VSHNKeycloak RunFunction', () => {
  test.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const generated: string[] = [];
    const { actual, expected } = await runStageCase(c, recording(generated), FUNCTION);
    expect(actual).toEqual(expected);
    for (const password of generated) expect(password).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });
});

describe('the admin password', () => {
  const first = requestForCase(caseNamed('01-'), FUNCTION);
  const running = requestForCase(caseNamed('04-'), FUNCTION);

  test('is generated when none exists, differently every time', async () => {
    const generated: string[] = [];
    await recording(generated)(first);
    await recording(generated)(first);
    expect(generated).toHaveLength(2);
    expect(generated[0]).not.toEqual(generated[1]);
  });

  test('generated before its Secret is observed, is read back from the composite on the next reconcile', async () => {
    const generated: string[] = [];
    const rsp = await recording(generated)(first);
    const next = RunFunctionRequest.fromJSON(structuredClone(RunFunctionRequest.toJSON(first)));
    next.observed!.composite!.connectionDetails['KEYCLOAK_PASSWORD'] = Buffer.from(generated[0]!);
    const again = await runFunction(next);
    expect(decode(getString(again.desired?.resources[ADMIN]?.resource, 'spec.forProvider.manifest.data.password') ?? '')).toEqual(generated[0]);
    expect(rsp.desired?.composite?.connectionDetails['KEYCLOAK_PASSWORD']?.toString()).toEqual('GENERATED');
  });

  test('observed as something that is not base64 is a FATAL result, never an empty or mangled password', async () => {
    const req = RunFunctionRequest.fromJSON(structuredClone(RunFunctionRequest.toJSON(running)));
    passwordData(req.observed!.resources[ADMIN]!.resource)!['password'] = 'not base64!';
    const rsp = await runFunction(req);
    expect(rsp.results.map((r) => r.message)).toEqual([
      "step credentials failed: the admin password in the admin Secret's Object is not valid base64; correct it or delete the Secret keycloak-admin for a new one",
    ]);
    expect(Object.keys(rsp.desired?.resources ?? {})).toContain(ADMIN);
  });

  test('is read back from what the Object holds, never generated again', async () => {
    const stored = decode(getString(running.observed?.resources[ADMIN]?.resource, 'spec.forProvider.manifest.data.password') ?? '');
    expect(stored).not.toEqual('');
    const rsp = await runFunction(running);
    expect(decode(getString(rsp.desired?.resources[ADMIN]?.resource, 'spec.forProvider.manifest.data.password') ?? '')).toEqual(stored);
    expect(Buffer.from(rsp.desired?.composite?.connectionDetails['KEYCLOAK_PASSWORD'] ?? '').toString()).toEqual(stored);
  });

  test('is read from the observed Secret when the Object spec lacks it', async () => {
    const req = RunFunctionRequest.fromJSON(structuredClone(RunFunctionRequest.toJSON(running)));
    const object = req.observed?.resources[ADMIN]?.resource;
    const data = passwordData(object);
    const stored = data?.['password'];
    expect(typeof stored).toBe('string');
    delete data?.['password'];
    if (object) object['status'] = { atProvider: { manifest: { apiVersion: 'v1', kind: 'Secret', data: { password: stored ?? null } } } };
    const rsp = await runFunction(req);
    expect(passwordData(rsp.desired?.resources[ADMIN]?.resource)?.['password']).toEqual(stored);
  });
});

/** Every string in a JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return isObject(value) ? Object.values(value).flatMap(strings) : [];
}

/** The passwords a request carries: the database's (its connection details) and the admin's. */
function secretsOf(req: RunFunctionRequest): string[] {
  const observed = req.observed?.resources ?? {};
  const details = observed['postgresql']?.connectionDetails['POSTGRESQL_PASSWORD'];
  const admin = getString(observed[ADMIN]?.resource, 'spec.forProvider.manifest.data.password');
  return [details && Buffer.from(details).toString(), admin && decode(admin)].filter((s): s is string => !!s);
}

test('no Release holds a password: the database and admin passwords reach Keycloak only through Secret references', async () => {
  const checked: string[] = [];
  for (const c of cases) {
    const req = requestForCase(c, FUNCTION);
    const release = (await runFunction(req)).desired?.resources['release']?.resource;
    if (!release) continue;
    const secrets = secretsOf(req);
    expect({ file: c.file, secrets: secrets.length > 0 }).toEqual({ file: c.file, secrets: true });
    const values = strings(release);
    for (const secret of secrets) {
      const b64 = Buffer.from(secret).toString('base64');
      expect(values.filter((v) => v.includes(secret) || v.includes(b64))).toEqual([]);
    }
    checked.push(c.file);
  }
  expect(checked).toEqual(
    expect.arrayContaining([
      '03-empty-database-ready.yaml',
      '05-full-database-ready-from-composite-details.yaml',
      '06-database-details-missing-keeps-release.yaml',
    ]),
  );
});

describe('every offered version', () => {
  const xrd = readYamlDocuments(join(dir, '..', '..', '..', '..', 'xrds', 'keycloak.yaml'))[0]!;
  const service = getObject(parametersSchemaOf(xrd), 'properties.service.properties.version');
  const versions = (service?.['enum'] ?? []) as string[];

  test('is offered', () => {
    expect(versions).toEqual(['25', '26']);
  });

  test.each(versions)('%s has an example whose Release runs that version with a cache stack it has', async (version) => {
    const stage = `examples/keycloak/versions/${version}`;
    const rsp = await runFunction(requestForCase({ file: `${version}.yaml`, path: '', reason: '', stage }, FUNCTION));
    const values = getObject(rsp.desired?.resources['release']?.resource, 'spec.forProvider.values');
    expect(getString(values, 'image.tag')?.split('.')[0]).toEqual(version);
    // The chart's own cache settings (jdbc-ping) do not exist before Keycloak 26.1.
    expect(getString(values, 'cache.stack')).toEqual('custom');
    const env = getString(values, 'extraEnv') ?? '';
    expect(env).toContain('{"name":"KC_CACHE_STACK","value":"kubernetes"}');
    expect(env).toContain(version === '25' ? '"KEYCLOAK_ADMIN"' : '"KC_BOOTSTRAP_ADMIN_USERNAME"');
  });
});

describe("postgreSQLParameters is typed with the nested VSHNPostgreSQL's own schema", () => {
  test('a field the database API does not have is refused at admission, naming the Keycloak claim field', () => {
    const errors = parametersSchema.errors({ service: { postgreSQLParameters: { size: { plan: 'standard-16' }, typo: 1 } } });
    expect(errors.map((e) => e.field)).toEqual([
      'spec.parameters.service.postgreSQLParameters.typo',
      'spec.parameters.service.postgreSQLParameters.size.plan',
    ]);
  });

  test("its defaults are left to the database API, so Keycloak's own defaults for its database apply", () => {
    const params = parametersSchema.parse({});
    expect(params.service.postgreSQLParameters).toEqual({});
  });
});
