import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { ApiException, CoreV1Api, CustomObjectsApi, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { type TestEnv, createCertificateAuthority, startTestEnv } from '@appcat/testenv';

/** The HTTP status of a failed client-node call (0 if it was not an API error). */
async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}

async function eventually(fn: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fn();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

const CRD = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.test.appcat.io
spec:
  group: test.appcat.io
  scope: Namespaced
  names: { plural: widgets, singular: widget, kind: Widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer, minimum: 1 }
                labels:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
---
apiVersion: v1
kind: ConfigMap
metadata: { name: not-a-crd }
`;

describe('startTestEnv', () => {
  let env: TestEnv | undefined;
  let crdDir: string | undefined;

  beforeAll(async () => {
    const t0 = Date.now();
    env = await startTestEnv();
    console.log(`testenv started in ${Date.now() - t0} ms at ${env.server}`);
  });

  afterAll(async () => {
    await env?.stop();
    await env?.stop(); // idempotent
    if (crdDir) rmSync(crdDir, { recursive: true, force: true });
  });

  function started(): TestEnv {
    if (!env) throw new Error('testenv did not start');
    return env;
  }

  it('lets the admin create a namespace and a ConfigMap', async () => {
    const core = started().makeClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: 'team-a' } } });
    const cm = await core.createNamespacedConfigMap({
      namespace: 'team-a',
      body: { metadata: { name: 'by-admin' }, data: { k: 'v' } },
    });
    expect(cm.metadata?.uid).toBeDefined();
    const read = await core.readNamespacedConfigMap({ name: 'by-admin', namespace: 'team-a' });
    expect(read.data).toEqual({ k: 'v' });
  });

  it('enforces RBAC for a user without rights, then honours a RoleBinding', async () => {
    const e = started();
    const alice = (await e.userKubeConfig('alice', [])).makeApiClient(CoreV1Api);
    const body = { metadata: { name: 'by-alice' }, data: { k: 'v' } };
    expect(await statusOf(alice.createNamespacedConfigMap({ namespace: 'team-a', body }))).toBe(403);
    expect(await statusOf(alice.createNamespace({ body: { metadata: { name: 'alice-ns' } } }))).toBe(403);

    const rbac = e.makeClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace: 'team-a',
      body: {
        metadata: { name: 'configmap-editor' },
        rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'create', 'update', 'delete'] }],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace: 'team-a',
      body: {
        metadata: { name: 'alice-edits-configmaps' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'configmap-editor' },
        subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
      },
    });
    // The RBAC authorizer reads bindings from an informer cache: allow it a moment.
    await eventually(async () => {
      await alice.createNamespacedConfigMap({ namespace: 'team-a', body });
    });
    expect((await alice.readNamespacedConfigMap({ name: 'by-alice', namespace: 'team-a' })).data).toEqual({ k: 'v' });
    // The grant is namespaced: still forbidden elsewhere.
    expect(await statusOf(alice.listNamespacedConfigMap({ namespace: 'default' }))).toBe(403);
  });

  it('installs CRDs from a folder and serves their resources', async () => {
    const e = started();
    crdDir = mkdtempSync(join(tmpdir(), 'testenv-crds-'));
    writeFileSync(join(crdDir, 'widgets.yaml'), CRD);
    writeFileSync(join(crdDir, 'README.md'), 'not yaml');

    const installed = await e.installCRDs(crdDir, {
      transform: (crd) => ({ ...crd, metadata: { ...crd.metadata, labels: { 'appcat.io/test': 'true' } } }),
    });
    expect(installed.map((c) => c.metadata.name)).toEqual(['widgets.test.appcat.io']);
    // Installing again replaces in place.
    await e.installCRDs([join(crdDir, 'widgets.yaml')]);

    const custom = e.makeClient(CustomObjectsApi);
    const widget = {
      apiVersion: 'test.appcat.io/v1',
      kind: 'Widget',
      metadata: { name: 'w1' },
      spec: { size: 3, labels: { free: 'form' } },
    };
    await custom.createNamespacedCustomObject({ group: 'test.appcat.io', version: 'v1', namespace: 'team-a', plural: 'widgets', body: widget });
    const got = (await custom.getNamespacedCustomObject({
      group: 'test.appcat.io',
      version: 'v1',
      namespace: 'team-a',
      plural: 'widgets',
      name: 'w1',
    })) as { spec: unknown };
    // x-kubernetes-preserve-unknown-fields survived the trip: the free-form map is kept.
    expect(got.spec).toEqual({ size: 3, labels: { free: 'form' } });

    // The schema is enforced by the real API server.
    const invalid = { ...widget, metadata: { name: 'w2' }, spec: { size: 0 } };
    expect(
      await statusOf(
        custom.createNamespacedCustomObject({ group: 'test.appcat.io', version: 'v1', namespace: 'team-a', plural: 'widgets', body: invalid }),
      ),
    ).toBe(422);
  });

  it('proxies to a registered aggregated API server, authenticated by the front proxy', async () => {
    const e = started();
    const { frontProxy } = e;
    // A stand-in aggregated server: trusts only the front-proxy CA and names,
    // and echoes the user kube-apiserver passed in the request headers.
    const ca = await createCertificateAuthority('aggregated-ca');
    const serving = await ca.issue({ commonName: 'things', dnsNames: ['things.default.svc'], usage: 'server' });
    const seenUsers: string[] = [];
    const server = https.createServer(
      { cert: serving.certPem, key: serving.keyPem, ca: frontProxy.ca.certPem, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerX509Certificate();
        const cn = peer?.subject.match(/^CN=(.*)$/m)?.[1] ?? '';
        res.setHeader('content-type', 'application/json');
        if (!frontProxy.allowedNames.includes(cn)) {
          res.statusCode = 401;
          res.end('{}');
        } else if (req.url === '/apis/things.test.appcat.io/v1alpha1') {
          res.end(
            JSON.stringify({
              kind: 'APIResourceList',
              apiVersion: 'v1',
              groupVersion: 'things.test.appcat.io/v1alpha1',
              resources: [{ name: 'things', singularName: 'thing', namespaced: true, kind: 'Thing', verbs: ['list'] }],
            }),
          );
        } else if (req.url?.startsWith('/apis/things.test.appcat.io/v1alpha1/namespaces/team-a/things')) {
          const user = String(req.headers[frontProxy.usernameHeaders[0]!.toLowerCase()]);
          // Node joins repeated X-Remote-Group headers with ', '.
          const groups = String(req.headers[frontProxy.groupHeaders[0]!.toLowerCase()]);
          seenUsers.push(user);
          res.end(
            JSON.stringify({
              kind: 'ThingList',
              apiVersion: 'things.test.appcat.io/v1alpha1',
              metadata: {},
              items: [{ metadata: { name: 'echo', annotations: { user, groups } } }],
            }),
          );
        } else {
          res.statusCode = 404;
          res.end('{}');
        }
      },
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      await e.registerAPIService({ group: 'things.test.appcat.io', version: 'v1alpha1', port, caPem: ca.certPem, service: { name: 'things' } });

      const list = (await e.makeClient(CustomObjectsApi).listNamespacedCustomObject({
        group: 'things.test.appcat.io',
        version: 'v1alpha1',
        namespace: 'team-a',
        plural: 'things',
      })) as { items: Array<{ metadata: { annotations: Record<string, string> } }> };
      expect(list.items[0]?.metadata.annotations).toEqual({ user: 'admin', groups: 'system:masters, system:authenticated' });

      // kube-apiserver authorizes before proxying: alice has no rights on things.
      const alice = (await e.userKubeConfig('alice', ['dev'])).makeApiClient(CustomObjectsApi);
      const call = alice.listNamespacedCustomObject({ group: 'things.test.appcat.io', version: 'v1alpha1', namespace: 'team-a', plural: 'things' });
      expect(await statusOf(call)).toBe(403);
      expect(seenUsers).toEqual(['admin']);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
