import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadStageCases, requestForCase, runStageCase, type StageCase } from '@appcat/catalog';
import { getObject, RunFunctionRequest, type RunFunction, type RunFunctionResponse } from '@appcat/runtime';
import { runFunction } from '../src/function.js';

const FUNCTION = 'function-appcat-vshn-postgresql';
const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');
const cases = loadStageCases(dir);
const PASSWORD = 'access-password-';

const decode = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');
const GENERATED = Buffer.from('GENERATED').toString('base64');
const caseNamed = (prefix: string): StageCase => {
  const c = cases.find((k) => k.file.startsWith(prefix));
  if (!c) throw new Error(`no case ${prefix}*`);
  return c;
};

/**
 * Runs the function and records the users' passwords it generates when the
 * request holds no password Secret of theirs: being random, cases state
 * them as GENERATED.
 */
function recording(generated: Map<string, string>): RunFunction {
  return async (req) => {
    const rsp = await runFunction(req);
    for (const [name, r] of Object.entries(rsp.desired?.resources ?? {})) {
      if (!name.startsWith(PASSWORD) || req.observed?.resources[name] !== undefined) continue;
      const data = getObject(r.resource, 'spec.forProvider.manifest.data');
      const password = data?.['password'];
      if (data && typeof password === 'string') {
        generated.set(name, decode(password));
        data['password'] = GENERATED;
      }
    }
    return rsp;
  };
}

describe('VSHNPostgreSQL RunFunction', () => {
  test.each(cases.map((c) => [c.file, c] as const))('%s', async (_file, c) => {
    const generated = new Map<string, string>();
    const { actual, expected } = await runStageCase(c, recording(generated), FUNCTION);
    expect(actual).toEqual(expected);
    for (const password of generated.values()) expect(password).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });
});

describe("an access user's password", () => {
  const first = requestForCase(caseNamed('65-'), FUNCTION);
  const clone = (req: RunFunctionRequest): RunFunctionRequest => RunFunctionRequest.fromJSON(structuredClone(RunFunctionRequest.toJSON(req)));

  test('is generated for each user, differently every time', async () => {
    const once = new Map<string, string>();
    const again = new Map<string, string>();
    await recording(once)(first);
    await recording(again)(first);
    expect([...once.keys()].sort()).toEqual(['access-password-ledger_app', 'access-password-reporting']);
    expect(once.get('access-password-ledger_app')).not.toEqual(once.get('access-password-reporting'));
    expect(once.get('access-password-ledger_app')).not.toEqual(again.get('access-password-ledger_app'));
  });

  test('is read back on the next reconcile from the Object that the first one desired', async () => {
    const rsp = await runFunction(first);
    const next = clone(first);
    for (const [name, r] of Object.entries(rsp.desired?.resources ?? {}))
      if (name.startsWith(PASSWORD) && r.resource) next.observed!.resources[name] = { ...r, resource: structuredClone(r.resource) };
    const again = await runFunction(next);
    for (const name of ['access-password-ledger_app', 'access-password-reporting']) {
      const data = (res: RunFunctionResponse) => getObject(res.desired?.resources[name]?.resource, 'spec.forProvider.manifest.data');
      expect(data(rsp)?.['password']).toEqual(expect.any(String));
      expect(data(again)).toEqual(data(rsp));
    }
  });

  test('observed as something that is not base64 is a FATAL result, never an empty or mangled password', async () => {
    const req = clone(requestForCase(caseNamed('66-'), FUNCTION));
    const data = getObject(req.observed!.resources['access-password-ledger_app']!.resource, 'spec.forProvider.manifest.data')!;
    data['password'] = 'not base64!';
    const rsp = await runFunction(req);
    expect(rsp.results.map((r) => r.message)).toEqual([
      "step access failed: the password of user ledger_app in the user's password Secret's Object is not valid base64; correct it or delete the Secret user-ledger-app-password-aeefbf3a for a new one",
    ]);
    expect(Object.keys(rsp.desired?.resources ?? {})).toContain('access-password-ledger_app');
  });
});
