// The generated CRDs on the real API server: every field the API names is
// accepted under strict field validation, unknown ones are refused, status is
// a subresource and the printer columns are served.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { ApiException, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { type TestEnv, startTestEnv } from '@appcat/testenv';
import { parseAllDocuments } from 'yaml';
import { GROUP, VERSION } from '../src/api/schema.js';

const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
const crdDir = join(import.meta.dirname, '..', 'deploy', 'crds');
const fixtures = parseAllDocuments(readFileSync(join(import.meta.dirname, 'fixtures', 'every-field.yaml'), 'utf8')).map(
  (d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> },
);

describe('Plug and Socket CRDs', () => {
  let env: TestEnv | undefined;
  let api: CustomObjectsApi;

  beforeAll(async () => {
    env = await startTestEnv();
    await env.installCRDs(crdDir);
    api = env.makeClient(CustomObjectsApi);
  });
  afterAll(async () => {
    await env?.stop();
  });

  const plural = (kind: string): string => `${kind.toLowerCase()}s`;

  it.each(fixtures.map((f) => [f.kind, f] as const))('accepts a %s with every field under strict validation', async (kind, body) => {
    const created = (await api.createNamespacedCustomObject({
      group: GROUP,
      version: VERSION,
      namespace: 'default',
      plural: plural(kind),
      body,
      fieldValidation: 'Strict',
    })) as { spec: unknown };
    expect(created.spec).toEqual(body.spec);
  });

  it('refuses an unknown field and a bad enum', async () => {
    const reject = async (spec: Record<string, unknown>): Promise<number> => {
      try {
        const body = { apiVersion: `${GROUP}/${VERSION}`, kind: 'Plug', metadata: { generateName: 'bad-' }, spec };
        await api.createNamespacedCustomObject({
          group: GROUP,
          version: VERSION,
          namespace: 'default',
          plural: 'plugs',
          body,
          fieldValidation: 'Strict',
        });
        return 201;
      } catch (err) {
        if (err instanceof ApiException) return err.code;
        throw err;
      }
    };
    expect(await reject({ socket: { name: 's' }, retainWhenDecoupled: true })).toBe(400);
    expect(await reject({ socket: { name: 's' }, resources: [{ when: ['joined'] }] })).toBe(422);
    expect(await reject({ config: {} })).toBe(422);
  });

  it('keeps status in a subresource', async () => {
    const status = {
      created: true,
      conditions: [{ type: 'Coupled', status: 'False', reason: 'SocketNotFound', message: 'm', lastTransitionTime: new Date().toISOString() }],
    };
    // A status written through the main resource is ignored ...
    const viaSpec = (await api.patchNamespacedCustomObject(
      {
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'plugs',
        name: 'every-field',
        body: { status },
      },
      mergePatch,
    )) as { status?: unknown };
    expect(viaSpec.status).toBeUndefined();
    // ... and kept through /status.
    const viaStatus = (await api.patchNamespacedCustomObjectStatus(
      {
        group: GROUP,
        version: VERSION,
        namespace: 'default',
        plural: 'plugs',
        name: 'every-field',
        body: { status },
      },
      mergePatch,
    )) as { status?: unknown };
    expect(viaStatus.status).toEqual(status);
  });
});
