// Every major version the XRD offers is one the pinned StackGres runs, and
// composes a cluster and a config on it.
import { join } from 'node:path';
import { exampleAt, repoRoot, requestForExample } from '@appcat/catalog';
import { getPath, getString, isObject, readYamlDocuments, Severity, type KubeObject } from '@appcat/runtime';
import { runFunction } from '../src/function.js';
import { SUPPORTED_MAJORS } from '../src/version.js';

const offered = (): unknown => {
  const [xrd] = readYamlDocuments(join(repoRoot(), 'xrds/vshn-postgresql.yaml'));
  const versions = getPath(xrd, 'spec.versions');
  const v1 = Array.isArray(versions) ? versions[0] : undefined;
  return getPath(v1, 'schema.openAPIV3Schema.properties.spec.properties.parameters.properties.service.properties.majorVersion');
};

test('the XRD offers exactly the supported majors, defaulting to the newest', () => {
  expect(offered()).toMatchObject({ enum: [...SUPPORTED_MAJORS], default: SUPPORTED_MAJORS[SUPPORTED_MAJORS.length - 1] });
});

test.each(SUPPORTED_MAJORS.map((v) => [v]))('PostgreSQL %s composes its cluster and config', async (major) => {
  const req = requestForExample(exampleAt(repoRoot(), 'examples/vshn-postgresql/empty/3-dependencies-ready'), 'function-appcat-vshn-postgresql');
  const composite = req.observed!.composite!.resource as unknown as KubeObject;
  const spec = composite['spec'];
  composite['spec'] = { ...(isObject(spec) ? spec : {}), parameters: { service: { majorVersion: major } } };
  const rsp = await runFunction(req);
  expect(rsp.results.filter((r) => r.severity === Severity.SEVERITY_FATAL)).toEqual([]);
  const manifest = (name: string) => rsp.desired!.resources[name]!.resource as unknown as KubeObject;
  expect(getString(manifest('cluster'), 'spec.forProvider.manifest.spec.postgres.version')).toBe(major);
  expect(getString(manifest('pg-config'), 'spec.forProvider.manifest.spec.postgresVersion')).toBe(major);
});
