// The billing label never flips while its sources are unobserved, even when
// the namespace itself has not been reported yet.
import { getObject, RunFunctionRequest, type RunFunctionResponse } from '@appcat/runtime';
import { testFunction } from './fixtures.js';

const BILLING = 'appuio.io/billing-name';
const composite = { apiVersion: 'vshn.appcat.vshn.io/v1', kind: 'XVSHNPostgreSQL', metadata: { name: 'pg-1', uid: 'u-1' }, spec: {} };

/** The instance namespace's Object as it exists before provider-kubernetes reported the namespace: spec only. */
const namespaceObject = (billing: string) => ({
  apiVersion: 'kubernetes.crossplane.io/v1alpha2',
  kind: 'Object',
  metadata: { name: 'pg-1-instance-ns' },
  spec: {
    forProvider: { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'vshn-postgresql-pg-1', labels: { [BILLING]: billing } } } },
  },
});

const labelOf = (rsp: RunFunctionResponse): unknown =>
  getObject(rsp.desired?.resources['instance-namespace']?.resource, 'spec.forProvider.manifest.metadata.labels')?.[BILLING];

test.each([[''], ['appcat-postgresql']])(
  'keeps the last desired billing label %j when neither the namespace nor the config map is observed',
  async (billing) => {
    const rsp = await testFunction(
      RunFunctionRequest.fromJSON({
        input: { controlNamespace: 'appcat-control', bootstrap: 'postgresql' },
        observed: { composite: { resource: composite }, resources: { 'instance-namespace': { resource: namespaceObject(billing) } } },
      }),
    );
    expect(labelOf(rsp)).toBe(billing);
  },
);
