// The merge order of data, config and result, with stand-in sources and a
// stand-in engine (the real engine is tested against Go in template.int.test.ts).
import type { Plug, Side, Socket } from '../src/api/types.js';
import { SourceError, type Sources, resolveConfig, resolveData, resolveResult, sourcesDigest } from '../src/integration/resolve.js';
import { DEFAULT_WHEN, removedOnDecouple } from '../src/integration/resources.js';
import type { TemplateEngine } from '../src/template/engine.js';

// Replaces {% .a.b %} with data.a.b: enough to see what a template was given.
const engine: TemplateEngine = {
  render: (template, data) =>
    template.replace(/\{%\s*\.([\w.]+)\s*%\}/g, (_, path: string) => {
      const value = path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], data);
      return typeof value === 'string' ? value : '<no value>';
    }),
};

const stores = {
  configMaps: { 'shop/cm': { a: 'configmap', b: 'configmap' } } as Record<string, Record<string, string>>,
  secrets: { 'shop/secret': { b: 'secret', c: 'secret' } } as Record<string, Record<string, string>>,
};
const calls: Record<string, unknown>[] = [];
const sources: Sources = {
  configMap: (ns, name) => {
    const data = stores.configMaps[`${ns}/${name}`];
    return data ? Promise.resolve(data) : Promise.reject(new SourceError(`ConfigMap ${ns}/${name} not found`));
  },
  secret: (ns, name) => {
    const data = stores.secrets[`${ns}/${name}`];
    return data ? Promise.resolve(data) : Promise.reject(new SourceError(`Secret ${ns}/${name} not found`));
  },
  vars: (_owner: Side, vars) => Promise.resolve(Object.fromEntries((vars ?? []).map((v) => [v.name, `var-${v.name}`]))),
  apparatusConfig: (_owner, body) => {
    calls.push(body);
    return Promise.resolve({ d: 'apparatus' });
  },
  version: (kind, ns, name) => Promise.resolve(versions[`${kind}/${ns}/${name}`]),
};
const versions: Record<string, string> = { 'ConfigMap/shop/cm': '10', 'Secret/shop/secret': '11' };

const plug: Plug = {
  apiVersion: 'integration.appcat.vshn.io/v1beta1',
  kind: 'Plug',
  metadata: { name: 'app', namespace: 'shop' },
  spec: {
    socket: { name: 'db' },
    data: { x: 'literal', y: 'literal' },
    dataConfigMapName: 'cm',
    dataSecretName: 'secret',
    config: { a: 'literal', b: 'literal', c: 'literal', d: 'literal' },
    configConfigMapName: 'cm',
    configSecretName: 'secret',
    configTemplate: { c: '{% .vars.host %}', t: '{% .socketData.realm %}' },
    vars: [{ name: 'host', objref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x' }, fieldref: { fieldPath: 'data.x' } }],
    apparatus: { endpoint: 'http://127.0.0.1:1' },
    result: { r: 'literal' },
    resultTemplate: { s: '{% .plugConfig.a %}/{% .socketConfig.k %}/{% .resultVars.job %}', v: '{% .vars.job %}' },
    resultVars: [{ name: 'job', objref: { apiVersion: 'batch/v1', kind: 'Job', name: 'j' }, fieldref: { fieldPath: 'status.succeeded' } }],
  },
};
const socket: Socket = { apiVersion: plug.apiVersion, kind: 'Socket', metadata: { name: 'db', namespace: 'dbs' }, spec: {} };

describe('resolution order', () => {
  it('merges data: literal, then ConfigMap, then Secret', async () => {
    expect(await resolveData(plug, sources)).toEqual({ x: 'literal', y: 'literal', a: 'configmap', b: 'secret', c: 'secret' });
  });

  it('merges config: literal, ConfigMap, Secret, template, apparatus; templates see vars and both sides data', async () => {
    const parties = { plug, socket, plugData: {}, socketData: { realm: 'apps' } };
    expect(await resolveConfig(plug, parties, sources, engine)).toEqual({ a: 'configmap', b: 'secret', c: 'var-host', d: 'apparatus', t: 'apps' });
    expect(calls.at(-1)).toEqual({ version: 1, vars: { host: 'var-host' }, plug, socket, plugData: {}, socketData: { realm: 'apps' } });
  });

  it('templates the result with both configs and the resultVars (also as vars)', async () => {
    const configured = { plug, socket, plugData: {}, socketData: {}, plugConfig: { a: '1' }, socketConfig: { k: '2' } };
    expect(await resolveResult(plug, configured, sources, engine)).toEqual({ r: 'literal', s: '1/2/var-job', v: 'var-job' });
  });

  it('fails with the missing source named', async () => {
    const broken: Plug = { ...plug, spec: { ...plug.spec, configSecretName: 'gone' } };
    await expect(resolveConfig(broken, { plug: broken, socket, plugData: {}, socketData: {} }, sources, engine)).rejects.toThrow(
      'Secret shop/gone not found',
    );
  });
});

describe('resource defaults', () => {
  it('runs on coupled and updated and applies, unless told otherwise', () => {
    expect(DEFAULT_WHEN).toEqual(['coupled', 'updated']);
    expect(removedOnDecouple({})).toBe(true);
    expect(removedOnDecouple({ preserveWhenDecoupled: true })).toBe(false);
    expect(removedOnDecouple({ do: 'delete' })).toBe(false);
    expect(removedOnDecouple({ when: ['coupled', 'decoupled'] })).toBe(false);
  });
});

describe('sourcesDigest', () => {
  const digest = (sides: Side[] = [plug, socket]): Promise<string> => sourcesDigest(sides, sources);

  it('changes when a named ConfigMap or Secret changes, appears or goes, and only then', async () => {
    const before = await digest();
    expect(await digest()).toBe(before);
    expect(await digest([socket, plug])).toBe(before);
    versions['Secret/shop/secret'] = '12';
    const rotated = await digest();
    expect(rotated).not.toBe(before);
    delete versions['ConfigMap/shop/cm'];
    const gone = await digest();
    expect(gone).not.toBe(rotated);
    versions['ConfigMap/shop/cm'] = '10';
    versions['Secret/shop/secret'] = '11';
    expect(await digest()).toBe(before);
  });

  it('covers the result sources, in the owner namespace of each side', async () => {
    const withResult: Socket = { ...socket, spec: { resultSecretName: 'credentials' } };
    const before = await digest([plug, withResult]);
    versions['Secret/dbs/credentials'] = '1';
    expect(await digest([plug, withResult])).not.toBe(before);
    versions['Secret/shop/credentials'] = '1';
    const after = await digest([plug, withResult]);
    delete versions['Secret/shop/credentials'];
    expect(await digest([plug, withResult])).toBe(after);
  });

  it('holds no data: a digest of names and resourceVersions', async () => {
    expect(await digest()).toMatch(/^[0-9a-f]{16}$/);
  });
});
