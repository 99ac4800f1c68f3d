// The catalog's examples end to end: an application plugging into a
// VSHNPostgreSQL socket, and a Keycloak socket whose apparatus creates an
// OIDC client per plug (the apparatus is a stand-in on loopback; the API
// server has no kubelet, so its pod is created but never runs).
import { join } from 'node:path';
import { PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import type { Plug, Side, Socket } from '../src/api/types.js';
import { type ApparatusStub, Cluster, check, eventually, readYaml, startApparatus } from './harness.js';

const examples = join(import.meta.dirname, '..', '..', '..', 'examples', 'integrations');
const load = (dir: string, file: string): unknown => readYaml(join(examples, dir, file))[0];

const secretData = async (c: Cluster, namespace: string, name: string): Promise<Record<string, string>> => {
  const secret = (await c.read('v1', 'Secret', namespace, name)) as { data?: Record<string, string> };
  return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
};

describe('catalog examples', () => {
  let cluster: Cluster | undefined;
  let keycloak: ApparatusStub | undefined;
  const clients = new Map<string, string>();
  const c = (): Cluster => cluster!;

  beforeAll(async () => {
    // The Keycloak apparatus stand-in: one OIDC client per plug.
    keycloak = await startApparatus((path, body) => {
      const plug = body['plug'] as Plug | undefined;
      const clientId = plug ? `${plug.metadata.namespace}-${plug.metadata.name}` : '';
      if (path === '/keycloak/config')
        return { body: { issuer: 'https://sso.example.com/realms/apps', clientId, clientSecret: `secret-of-${clientId}` } };
      if (path === '/keycloak/coupled') {
        if (plug?.metadata.name === 'refused') return { status: 503 };
        clients.set(clientId, String((body['plugConfig'] as Record<string, string>)['redirectUri']));
      }
      if (path === '/keycloak/updated') clients.set(clientId, String((body['plugConfig'] as Record<string, string>)['redirectUri']));
      if (path === '/keycloak/decoupled') clients.delete(clientId);
      return {};
    });
    cluster = await Cluster.start();
    for (const ns of ['dbs', 'shop', 'keycloak']) await c().namespace(ns);
    for (const dir of ['vshn-postgresql', 'keycloak-oidc'])
      for (const doc of readYaml(join(examples, dir, 'rbac.yaml'))) await c().objects.create(doc);
    const url = keycloak.url;
    await c().startOperator({
      // ConfigMap and Secret changes are noticed at a resync.
      resyncMs: 1_000,
      apparatus: {
        retries: 1,
        retryDelayMs: 50,
        timeoutMs: 2_000,
        endpointOverride: (owner: Side) => (owner.metadata.name === 'sso' ? `${url}/keycloak` : undefined),
      },
    });
  });
  afterAll(async () => {
    try {
      await cluster?.stop();
    } finally {
      await keycloak?.close();
    }
  });

  describe('an application on a VSHNPostgreSQL socket', () => {
    const socket = load('vshn-postgresql', 'socket.yaml') as Socket;
    const plug = load('vshn-postgresql', 'plug.yaml') as Plug;
    const credentials = {
      POSTGRESQL_HOST: 'orders-db.vshn-postgresql-orders-db.svc',
      POSTGRESQL_PORT: '5432',
      POSTGRESQL_DB: 'postgres',
      POSTGRESQL_USER: 'postgres',
      POSTGRESQL_PASSWORD: 'pw-from-crossplane',
      POSTGRESQL_URL: 'postgres://postgres:pw-from-crossplane@orders-db.vshn-postgresql-orders-db.svc:5432/postgres?sslmode=require',
      'ca.crt': 'not in the interface',
    };
    const job = async (): Promise<{ uid: string; image: string }> => {
      const j = (await c().read('batch/v1', 'Job', 'shop', 'orders-migrate')) as {
        metadata: { uid: string };
        spec: { template: { spec: { containers: { image: string }[] } } };
      };
      return { uid: j.metadata.uid, image: j.spec.template.spec.containers[0]!.image };
    };

    it('couples, and waits for the connection secret before templating anything', async () => {
      await c().apply(socket, 'dbs');
      await c().apply(plug, 'shop');
      await c().plugCondition('shop', 'orders', 'Coupled', 'True');
      const waiting = await c().plugCondition('shop', 'orders', 'Ready', 'False', 'SourceUnavailable');
      expect(waiting.message).toBe('Secret dbs/orders-db-credentials not found');
      expect(await c().exists('v1', 'Secret', 'shop', 'orders-postgresql')).toBe(false);
    });

    it('templates the Secret and the migration Job once Crossplane wrote the connection secret', async () => {
      await c().core.createNamespacedSecret({ namespace: 'dbs', body: { metadata: { name: 'orders-db-credentials' }, stringData: credentials } });
      await c().plugCondition('shop', 'orders', 'Ready', 'True');
      expect(await secretData(c(), 'shop', 'orders-postgresql')).toEqual({
        DATABASE_URL: credentials.POSTGRESQL_URL,
        PGHOST: credentials.POSTGRESQL_HOST,
        PGPORT: '5432',
        PGDATABASE: 'postgres',
        PGUSER: 'postgres',
        PGPASSWORD: credentials.POSTGRESQL_PASSWORD,
      });
      expect((await job()).image).toBe('orders-migrations:1.0.0');
    });

    it('recreates the Job when the plug changes', async () => {
      const before = await job();
      await c().apply({ ...plug, spec: { ...plug.spec, config: { migrationImage: 'orders-migrations:1.1.0' } } }, 'shop');
      const after = await eventually('job recreated', async () => {
        const j = await job();
        check(j.image === 'orders-migrations:1.1.0', `image ${j.image}`);
        return j;
      });
      expect(after.uid).not.toBe(before.uid);
    });

    it('follows the socket when it changes', async () => {
      await c().apply(
        { ...socket, spec: { ...socket.spec, resultTemplate: { POSTGRESQL_HOST: 'orders-db-primary.vshn-postgresql-orders-db.svc' } } },
        'dbs',
      );
      await eventually('host follows the socket', async () => {
        check((await secretData(c(), 'shop', 'orders-postgresql'))['PGHOST'] === 'orders-db-primary.vshn-postgresql-orders-db.svc', 'old host');
      });
    });

    it('follows the connection secret when it changes (a rotated password), at the next resync', async () => {
      const before = await job();
      await c().core.patchNamespacedSecret(
        { namespace: 'dbs', name: 'orders-db-credentials', body: { stringData: { POSTGRESQL_PASSWORD: 'rotated-password' } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
      await eventually('password follows the secret', async () => {
        check((await secretData(c(), 'shop', 'orders-postgresql'))['PGPASSWORD'] === 'rotated-password', 'old password');
      });
      expect(await c().eventReasons('shop', 'orders')).toContain('Updated');
      // An updated event: the migration Job (do: recreate) runs again, with the new password.
      const after = await job();
      expect(after.uid).not.toBe(before.uid);
      expect(after.image).toBe(before.image);
    });

    it('refuses a namespace outside the allow list', async () => {
      await c().namespace('marketing');
      await c().apply({ ...plug, metadata: { name: 'campaigns' } }, 'marketing');
      const refused = await c().plugCondition('marketing', 'campaigns', 'Coupled', 'False', 'NamespaceNotAllowed');
      expect(refused.message).toBe('socket dbs/orders-db admits plugs only from namespaces matching shop(-.*)?');
    });

    it('removes the Secret and the Job on decouple', async () => {
      await c().delete('Plug', 'shop', 'orders');
      await c().gone('plug', async () => (await c().get('Plug', 'shop', 'orders')) !== undefined);
      expect(await c().exists('v1', 'Secret', 'shop', 'orders-postgresql')).toBe(false);
      expect(await c().exists('batch/v1', 'Job', 'shop', 'orders-migrate')).toBe(false);
      await c().delete('Plug', 'marketing', 'campaigns');
      await c().delete('Socket', 'dbs', 'orders-db');
      await c().gone('socket', async () => (await c().socketOf('dbs', 'orders-db')) !== undefined);
    });
  });

  describe('a Keycloak socket with an apparatus', () => {
    const socket = load('keycloak-oidc', 'socket.yaml') as Socket;
    const plug = load('keycloak-oidc', 'plug.yaml') as Plug;

    it('starts the apparatus pod on demand, calls it, and gives the plug its OIDC client', async () => {
      await c().apply(socket, 'keycloak');
      await c().apply(plug, 'shop');
      await c().plugCondition('shop', 'storefront', 'Ready', 'True');
      expect(await secretData(c(), 'shop', 'storefront-oidc')).toEqual({
        OIDC_ISSUER: 'https://sso.example.com/realms/apps',
        OIDC_CLIENT_ID: 'shop-storefront',
        OIDC_CLIENT_SECRET: 'secret-of-shop-storefront',
        OIDC_REDIRECT_URI: 'https://shop.example.com/callback',
      });
      expect(clients.get('shop-storefront')).toBe('https://shop.example.com/callback');

      const paths = keycloak!.calls.map((call) => call.path);
      expect(paths.indexOf('/keycloak/ping')).toBeLessThan(paths.indexOf('/keycloak/config'));
      expect(paths.indexOf('/keycloak/created')).toBeLessThan(paths.indexOf('/keycloak/coupled'));
      expect(paths.indexOf('/keycloak/config')).toBeLessThan(paths.indexOf('/keycloak/coupled'));
      const config = keycloak!.calls.find((call) => call.path === '/keycloak/config')!.body;
      expect(config).toMatchObject({ version: 1, vars: {}, plugData: {}, socketData: { realm: 'apps' }, plug: { metadata: { name: 'storefront' } } });
      const coupled = keycloak!.calls.find((call) => call.path === '/keycloak/coupled')!.body;
      expect(coupled).toMatchObject({
        version: '1',
        plugConfig: { redirectUri: 'https://shop.example.com/callback' },
        socketConfig: { clientId: 'shop-storefront' },
        socket: { metadata: { name: 'sso' } },
      });

      const pod = (await c().read('v1', 'Pod', 'keycloak', 'sso-socket-apparatus')) as {
        metadata: { ownerReferences: { kind: string; name: string }[] };
        spec: { securityContext: { runAsNonRoot: boolean }; affinity?: unknown; containers: { image: string }[] };
      };
      expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
      expect(pod.spec.affinity).toBeUndefined();
      expect(pod.spec.containers[0]!.image).toBe('appcat-keycloak-apparatus:0.1.0');
      expect(pod.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Socket', name: 'sso' })]);
      expect(await c().exists('v1', 'Service', 'keycloak', 'sso-socket-apparatus')).toBe(true);
      expect((await c().socketOf('keycloak', 'sso'))?.status?.apparatus?.podName).toBe('sso-socket-apparatus');
    });

    it('reports an apparatus that fails', async () => {
      await c().apply({ ...plug, metadata: { name: 'refused' } }, 'shop');
      const failed = await c().plugCondition('shop', 'refused', 'Ready', 'False', 'ApparatusFailed');
      expect(failed.message).toBe('apparatus POST /coupled answered HTTP 503');
      await c().delete('Plug', 'shop', 'refused');
      await c().gone('failed plug', async () => (await c().get('Plug', 'shop', 'refused')) !== undefined);
    });

    it('updates the client when the plug changes, and calls the apparatus when the socket changes', async () => {
      await c().apply({ ...plug, spec: { ...plug.spec, config: { redirectUri: 'https://shop.example.com/oidc' } } }, 'shop');
      await eventually('client follows the plug', () => {
        check(clients.get('shop-storefront') === 'https://shop.example.com/oidc', 'old redirect');
      });
      await eventually('secret follows the plug', async () => {
        check((await secretData(c(), 'shop', 'storefront-oidc'))['OIDC_REDIRECT_URI'] === 'https://shop.example.com/oidc', 'old redirect');
      });
      const updates = keycloak!.calls.filter((call) => call.path === '/keycloak/updated').length;
      await c().apply({ ...socket, spec: { ...socket.spec, data: { realm: 'shop' } } }, 'keycloak');
      await eventually('socket change is an update', () => {
        check(keycloak!.calls.filter((call) => call.path === '/keycloak/updated').length > updates, 'no update');
      });
      const config = keycloak!.calls.filter((call) => call.path === '/keycloak/config').at(-1)!.body;
      expect(config['socketData']).toEqual({ realm: 'shop' });
    });

    it('deletes the OIDC client on decouple', async () => {
      await c().delete('Plug', 'shop', 'storefront');
      await c().gone('plug', async () => (await c().get('Plug', 'shop', 'storefront')) !== undefined);
      expect(clients.has('shop-storefront')).toBe(false);
      expect(keycloak!.calls.map((call) => call.path)).toContain('/keycloak/decoupled');
      expect(await c().exists('v1', 'Secret', 'shop', 'storefront-oidc')).toBe(false);
    });

    it('removes the apparatus pod after its idle timeout, and forgets it in the status', async () => {
      await c().apply({ ...socket, spec: { ...socket.spec, apparatus: { ...socket.spec.apparatus, idleTimeout: 1 } } }, 'keycloak');
      await c().gone('apparatus pod', () => c().exists('v1', 'Pod', 'keycloak', 'sso-socket-apparatus'));
      expect(await c().exists('v1', 'Service', 'keycloak', 'sso-socket-apparatus')).toBe(false);
      await eventually('status forgets the pod', async () => {
        check((await c().socketOf('keycloak', 'sso'))?.status?.apparatus == null, 'still recorded');
      });
    });

    it('runs deleted on the apparatus when the socket is deleted, and removes its pod', async () => {
      // Plug again so the pod runs, then delete the socket.
      await c().apply(plug, 'shop');
      await c().plugCondition('shop', 'storefront', 'Ready', 'True');
      await c().delete('Socket', 'keycloak', 'sso');
      await c().gone('socket', async () => (await c().socketOf('keycloak', 'sso')) !== undefined);
      const paths = keycloak!.calls.map((call) => call.path);
      expect(paths.lastIndexOf('/keycloak/decoupled')).toBeLessThan(paths.lastIndexOf('/keycloak/deleted'));
      expect(clients.has('shop-storefront')).toBe(false);
      expect(await c().exists('v1', 'Pod', 'keycloak', 'sso-socket-apparatus')).toBe(false);
      await c().plugCondition('shop', 'storefront', 'Coupled', 'False', 'SocketNotFound');
      expect(await c().exists('v1', 'Secret', 'shop', 'storefront-oidc')).toBe(false);
    });
  });
});
