// What the operator refuses: configs that break the socket's interface,
// resources outside the owner's namespace or beyond its service account's
// rights, namespaces a socket does not admit, plugs past its limit, vars from
// other namespaces. And deleting a socket decouples its plugs, never deletes them.
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { API_VERSION } from '../src/api/schema.js';
import { Cluster, check, eventually } from './harness.js';

const socket = (name: string, spec: Record<string, unknown>): object => ({ apiVersion: API_VERSION, kind: 'Socket', metadata: { name }, spec });
const plug = (name: string, spec: Record<string, unknown>): object => ({
  apiVersion: API_VERSION,
  kind: 'Plug',
  metadata: { name },
  spec: { socket: { name: 'db', namespace: 'db' }, ...spec },
});
const configMap = (name: string, data: Record<string, string>, namespace?: string): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  data,
});

describe('safety', () => {
  let cluster: Cluster | undefined;
  const c = (): Cluster => cluster!;

  beforeAll(async () => {
    cluster = await Cluster.start();
    for (const ns of ['db', 'app', 'other', 'blocked-team']) await c().namespace(ns);
    // The plug namespace's account may manage ConfigMaps, nothing else.
    await c().grant('app', 'default', [{ apiGroups: [''], resources: ['configmaps'] }]);
    await c().grant('blocked-team', 'default', [{ apiGroups: [''], resources: ['configmaps'] }]);
    await c().apply(
      socket('db', {
        interface: { config: { plug: { database: { required: true }, schema: { default: 'public' } } } },
        validation: { namespaceDenyList: ['blocked-.*'] },
      }),
      'db',
    );
    await c().startOperator();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('runs as an identity that may impersonate service accounts, and no user', async () => {
    const kc = await c().operatorKubeConfig();
    const asUser = (impersonateUser: string): CoreV1Api => {
      const imp = new KubeConfig();
      imp.loadFromOptions({
        clusters: kc.clusters,
        contexts: kc.contexts,
        users: kc.users.map((u) => ({ ...u, impersonateUser })),
        currentContext: kc.currentContext,
      });
      return imp.makeApiClient(CoreV1Api);
    };
    await expect(asUser('admin').listNamespace()).rejects.toMatchObject({ code: 403 });
    // A service account without rights gets nothing either: impersonation confers only its own rights.
    await expect(asUser('system:serviceaccount:app:default').listNamespace()).rejects.toMatchObject({ code: 403 });
    expect((await asUser('system:serviceaccount:app:default').listNamespacedConfigMap({ namespace: 'app' })).items).toBeDefined();
  });

  it('fails a config missing a required property with a condition naming it, then couples once it is there', async () => {
    const template = configMap('interface-seen', {
      database: '{% .plugConfig.database %}',
      schema: '{% .plugConfig.schema %}',
      extra: '{% .plugConfig.extra %}',
    });
    await c().apply(plug('missing', { config: { extra: 'x' }, resources: [{ template }] }), 'app');
    const failed = await c().plugCondition('app', 'missing', 'Coupled', 'False', 'InterfaceViolation');
    expect(failed.message).toBe('plug config is missing "database", required by the socket\'s interface');
    await c().apply(plug('missing', { config: { database: 'shop', extra: 'x' }, resources: [{ template }] }), 'app');
    await c().plugCondition('app', 'missing', 'Coupled', 'True');
    // The default is applied and the property outside the interface is dropped (Go prints a missing key as <no value>).
    expect((await c().read('v1', 'ConfigMap', 'app', 'interface-seen'))['data']).toEqual({ database: 'shop', schema: 'public', extra: '<no value>' });
  });

  it('holds the results back while the socket\u2019s result misses a required property', async () => {
    await c().apply(socket('promises', { interface: { result: { socket: { uri: { required: true } } } } }), 'db');
    const resultResources = [{ template: configMap('promised-uri', { uri: '{% .socketResult.uri %}' }) }];
    await c().apply({ ...plug('promised', {}), spec: { socket: { name: 'promises', namespace: 'db' }, resultResources } }, 'app');
    await c().plugCondition('app', 'promised', 'Coupled', 'True');
    const missing = await c().plugCondition('app', 'promised', 'Ready', 'False', 'InterfaceViolation');
    expect(missing.message).toBe('socket result is missing "uri", required by the socket\'s interface');
    expect(await c().exists('v1', 'ConfigMap', 'app', 'promised-uri')).toBe(false);
    await c().apply(socket('promises', { interface: { result: { socket: { uri: { required: true } } } }, result: { uri: 'db://x' } }), 'db');
    await c().plugCondition('app', 'promised', 'Ready', 'True');
    expect((await c().read('v1', 'ConfigMap', 'app', 'promised-uri'))['data']).toEqual({ uri: 'db://x' });
  });

  it('refuses a resource in another namespace, and creates none of the plug\u2019s resources', async () => {
    const resources = [{ template: configMap('fine', { a: 'b' }) }, { template: configMap('elsewhere', { a: 'b' }, 'other') }];
    await c().apply(plug('outside', { config: { database: 'x' }, resources }), 'app');
    const refused = await c().plugCondition('app', 'outside', 'Ready', 'False', 'ResourceOutsideNamespace');
    expect(refused.message).toContain("ConfigMap other/elsewhere is outside the owner's namespace app");
    expect(await c().exists('v1', 'ConfigMap', 'other', 'elsewhere')).toBe(false);
    expect(await c().exists('v1', 'ConfigMap', 'app', 'fine')).toBe(false);
  });

  it('refuses what the namespace\u2019s service account may not do, and creates nothing', async () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'not-allowed' }, stringData: { k: 'v' } };
    await c().apply(
      plug('beyond', { config: { database: 'x' }, resources: [{ template: configMap('allowed', { a: 'b' }) }, { template: secret }] }),
      'app',
    );
    const refused = await c().plugCondition('app', 'beyond', 'Ready', 'False', 'ResourceForbidden');
    expect(refused.message).toContain('system:serviceaccount:app:default');
    expect(await c().exists('v1', 'Secret', 'app', 'not-allowed')).toBe(false);
    expect(await c().exists('v1', 'ConfigMap', 'app', 'allowed')).toBe(false);
  });

  it('refuses a var read from another namespace', async () => {
    const vars = [{ name: 'x', objref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', namespace: 'other' }, fieldref: { fieldPath: 'data.x' } }];
    await c().apply(plug('foreign-var', { config: { database: 'x' }, vars }), 'app');
    const refused = await c().plugCondition('app', 'foreign-var', 'Coupled', 'False', 'VarUnavailable');
    expect(refused.message).toBe("var x: objref namespace other must be the owner's namespace app");
  });

  it('reads vars of the owner\u2019s namespace into templates', async () => {
    await c().core.createNamespacedConfigMap({ namespace: 'app', body: { metadata: { name: 'settings' }, data: { host: 'shop.example.com' } } });
    const vars = [{ name: 'host', objref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'settings' }, fieldref: { fieldPath: 'data.host' } }];
    const template = configMap('from-vars', { database: '{% .plugConfig.database %}' });
    await c().apply(
      plug('with-vars', { configTemplate: { database: '{% .vars.host | replace "." "_" %}' }, vars, resources: [{ template }] }),
      'app',
    );
    await c().plugCondition('app', 'with-vars', 'Ready', 'True');
    expect((await c().read('v1', 'ConfigMap', 'app', 'from-vars'))['data']).toEqual({ database: 'shop_example_com' });
  });

  it('refuses plugs from a denied namespace', async () => {
    await c().apply(plug('denied', { config: { database: 'x' } }), 'blocked-team');
    const refused = await c().plugCondition('blocked-team', 'denied', 'Coupled', 'False', 'NamespaceNotAllowed');
    expect(refused.message).toBe('socket db/db denies plugs from namespace blocked-team');
  });

  it('couples no more plugs than the socket\u2019s limit', async () => {
    await c().apply(socket('small', { limit: 1 }), 'db');
    const toSmall = (name: string): object => ({ ...plug(name, {}), spec: { socket: { name: 'small', namespace: 'db' } } });
    await c().apply(toSmall('first'), 'app');
    await c().plugCondition('app', 'first', 'Coupled', 'True');
    await c().apply(toSmall('second'), 'app');
    const full = await c().plugCondition('app', 'second', 'Coupled', 'False', 'SocketFull');
    expect(full.message).toBe('socket db/small has reached its limit of 1 plugs');
    // A freed slot goes to the waiting plug.
    await c().delete('Plug', 'app', 'first');
    await c().plugCondition('app', 'second', 'Coupled', 'True');
  });

  it('on decouple keeps preserved resources, runs the decoupled ones and removes the rest', async () => {
    const resources = [
      { template: configMap('removed-on-decouple', { a: 'b' }) },
      { preserveWhenDecoupled: true, template: configMap('preserved', { a: 'b' }) },
      { when: ['created'], template: configMap('from-created', { a: 'b' }) },
      { when: ['decoupled'], template: configMap('farewell', { database: '{% .plugConfig.database %}' }) },
      { when: ['decoupled'], do: 'delete', template: configMap('preserved-until-told', {}) },
    ];
    await c().core.createNamespacedConfigMap({ namespace: 'app', body: { metadata: { name: 'preserved-until-told' } } });
    await c().apply(plug('lifecycle', { config: { database: 'shop' }, resources }), 'app');
    await c().plugCondition('app', 'lifecycle', 'Ready', 'True');
    for (const name of ['removed-on-decouple', 'preserved', 'from-created']) expect(await c().exists('v1', 'ConfigMap', 'app', name)).toBe(true);
    expect(await c().exists('v1', 'ConfigMap', 'app', 'farewell')).toBe(false);

    await c().delete('Plug', 'app', 'lifecycle');
    await c().gone('plug', async () => (await c().get('Plug', 'app', 'lifecycle')) !== undefined);
    expect(await c().exists('v1', 'ConfigMap', 'app', 'removed-on-decouple')).toBe(false);
    expect(await c().exists('v1', 'ConfigMap', 'app', 'preserved')).toBe(true);
    // Created-event resources belong to the plug, not to a coupling: decoupling leaves them.
    expect(await c().exists('v1', 'ConfigMap', 'app', 'from-created')).toBe(true);
    expect((await c().read('v1', 'ConfigMap', 'app', 'farewell'))['data']).toEqual({ database: 'shop' });
    expect(await c().exists('v1', 'ConfigMap', 'app', 'preserved-until-told')).toBe(false);
  });

  it('decouples the plugs of a deleted socket; the plugs stay, their coupled resources go', async () => {
    await c().apply(socket('going', {}), 'db');
    const resources = [{ template: configMap('{% .plug.metadata.name %}-coupled', { a: 'b' }) }];
    const toGoing = (name: string): object => ({ ...plug(name, {}), spec: { socket: { name: 'going', namespace: 'db' }, resources } });
    await c().apply(toGoing('stays-1'), 'app');
    await c().apply(toGoing('stays-2'), 'app');
    await c().plugCondition('app', 'stays-1', 'Coupled', 'True');
    await c().plugCondition('app', 'stays-2', 'Coupled', 'True');
    expect(await c().exists('v1', 'ConfigMap', 'app', 'stays-1-coupled')).toBe(true);

    await c().delete('Socket', 'db', 'going');
    await c().gone('socket', async () => (await c().socketOf('db', 'going')) !== undefined);
    for (const name of ['stays-1', 'stays-2']) {
      const cond = await c().plugCondition('app', name, 'Coupled', 'False', 'SocketNotFound');
      expect(cond.message).toBe('socket db/going does not exist; the plug couples when it does');
      expect(await c().get('Plug', 'app', name)).toBeDefined();
      expect(await c().exists('v1', 'ConfigMap', 'app', `${name}-coupled`)).toBe(false);
      expect(await c().eventReasons('app', name)).toContain('Decoupled');
    }
    // The socket comes back: its plugs couple again.
    await c().apply(socket('going', {}), 'db');
    await c().plugCondition('app', 'stays-1', 'Coupled', 'True');
    await eventually('resource back', async () => {
      check(await c().exists('v1', 'ConfigMap', 'app', 'stays-1-coupled'), 'missing');
    });
  });
});
