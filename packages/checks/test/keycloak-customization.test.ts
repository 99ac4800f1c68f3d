// VSHNKeycloak's customization under generated object names: whatever the
// claim's Secrets and ConfigMaps are called, every copy and every volume
// gets a name its real API accepts, two sources never share a copy (of one kind), and the
// chart values reference exactly the copies composed.
import fc from 'fast-check';
import { exampleAt, repoRoot, requestJSONForExample } from '@appcat/catalog';
import { runFunction } from '@appcat/function-keycloak/function';
import { getObject, getString, RunFunctionRequest, Severity, type JsonObject } from '@appcat/runtime';

const stage = exampleAt(repoRoot(), 'examples/keycloak/empty/3-release-ready');
/** Names a namespace may hold (DNS-1123 subdomains), the odd ones included. */
const name = fc.oneof(
  fc.stringMatching(/^[a-z0-9]([-a-z0-9.]{0,60}[a-z0-9])?$/),
  fc.constantFrom('constructor', '__proto__', 'keycloak-admin', 'tls-certificate', 'a.b', 'x'.repeat(253)),
);
const mount = fc.record({ name, type: fc.constantFrom('secret', 'configMap') });
const env = fc.oneof(
  fc.record({ configMapRef: fc.record({ name }) }),
  fc.record({ secretRef: fc.record({ name }), prefix: fc.constantFrom('A_', 'SMTP_') }),
);

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

test('every copy and volume has a valid name, distinct sources distinct copies, and the values use the copies', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(mount, { maxLength: 4 }),
      fc.array(env, { maxLength: 3 }),
      fc.option(name, { nil: undefined }),
      async (customMounts, envFrom, realms) => {
        const req = requestJSONForExample(stage, 'function-appcat-keycloak');
        const xr = (req['observed'] as { composite: { resource: JsonObject } }).composite.resource;
        (xr['spec'] as JsonObject)['parameters'] = { service: { customMounts, envFrom, ...(realms ? { customConfigurationRef: realms } : {}) } };
        const rsp = await runFunction(RunFunctionRequest.fromJSON(req));
        expect(rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL)).toEqual([]);
        const resources = rsp.desired?.resources ?? {};
        const copies = Object.entries(resources).filter(([k]) => k.startsWith('copy-'));
        const copyNames = copies.map(([, r]) => getString(r.resource, 'spec.forProvider.manifest.metadata.name') ?? '');
        const copyKeys = copies.map(
          ([, r]) =>
            `${getString(r.resource, 'spec.forProvider.manifest.kind') ?? ''}/${getString(r.resource, 'spec.forProvider.manifest.metadata.name') ?? ''}`,
        );
        for (const n of copyNames) expect({ n, ok: n.length <= 253 && DNS_SUBDOMAIN.test(n) && n.startsWith('custom-') }).toEqual({ n, ok: true });
        for (const [, r] of copies) expect(getString(r.resource, 'metadata.name')?.length).toBeLessThanOrEqual(253);
        const sources = new Set(
          copies.map(([, r]) => JSON.stringify(getObject((r.resource?.['spec'] as { references: JsonObject[] }).references[0], 'patchesFrom'))),
        );
        expect(new Set(copyKeys).size).toEqual(sources.size);
        const values = getObject(resources['release']?.resource, 'spec.forProvider.values');
        const volumes = (getString(values, 'extraVolumes') ?? '').split('\n').map((l) => JSON.parse(l.slice(2)) as JsonObject);
        for (const v of volumes) {
          const volume = getString(v, 'name') ?? '';
          expect({ volume, ok: DNS_LABEL.test(volume) && volume.length <= 63 }).toEqual({ volume, ok: true });
        }
        expect(new Set(volumes.map((v) => v['name'])).size).toEqual(volumes.length);
        const referenced = volumes
          .flatMap((v) => [getString(v, 'secret.secretName'), getString(v, 'configMap.name')])
          .filter((n) => n?.startsWith('custom-'));
        for (const n of referenced) expect(copyNames).toContain(n);
      },
    ),
    { numRuns: 60 },
  );
});
