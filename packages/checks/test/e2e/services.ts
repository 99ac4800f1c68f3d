// What the end-to-end tests do to each service: the claim users write
// (examples/<service>/claims/full.yaml), an edit the service refuses on a
// running instance (from the service's invalid examples), and a plan change
// with the composed field it must reach.
import type { JsonObject } from '@appcat/runtime';

export interface ServiceCase {
  service: string;
  claim: string;
  /** The claim's connection secret holds every key of the XRD (xrds/<xrd>). */
  xrd: string;
  invalid: { parameters: JsonObject; message: string };
  planChange: { parameters: JsonObject; resource: string; path: string; value: unknown };
  /** Composites composed inside this one (kinds), each to become ready. */
  nested: string[];
  /** The billing label of the instance namespace (`appuio.io/billing-name`), for services that have one. */
  billing?: string;
  /** The retention days of the backup bucket deletion holds (backup.deletionProtection on), for services that have one. */
  heldBackups?: string;
  /** Parameters that turn the backup bucket's protection off, for services whose claim has them. */
  unprotectBackups?: JsonObject;
}

export const SERVICES: ServiceCase[] = [
  {
    service: 'objectbucket',
    claim: 'examples/objectbucket/claims/full.yaml',
    xrd: 'xrds/objectbucket.yaml',
    invalid: {
      parameters: { bucketName: 'acme-backups-renamed' },
      message: 'spec.parameters.bucketName: cannot change once the bucket exists',
    },
    planChange: {
      parameters: { bucketDeletionPolicy: 'DeleteAll' },
      resource: 'bucket',
      path: 'spec.forProvider.bucketDeletionPolicy',
      value: 'DeleteAll',
    },
    nested: [],
  },
  {
    service: 'exoscale-postgresql',
    claim: 'examples/exoscale-postgresql/claims/full.yaml',
    xrd: 'xrds/exoscale-postgresql.yaml',
    invalid: { parameters: { service: { zone: 'ch-gva-2' } }, message: 'spec.parameters.service.zone: cannot change once the database exists' },
    planChange: { parameters: { size: { plan: 'business-16' } }, resource: 'postgresql', path: 'spec.forProvider.size.plan', value: 'business-16' },
    nested: [],
  },
  {
    service: 'vshn-postgresql',
    claim: 'examples/vshn-postgresql/claims/full.yaml',
    xrd: 'xrds/vshn-postgresql.yaml',
    invalid: { parameters: { size: { disk: '30Gi' } }, message: 'spec.parameters.size.disk: cannot shrink on a running instance' },
    planChange: {
      parameters: { size: { plan: 'standard-8' } },
      resource: 'profile',
      path: 'spec.forProvider.manifest.spec.memory',
      value: undefined,
    },
    nested: ['XObjectBucket'],
    billing: 'appcat-postgresql',
    heldBackups: '14',
    unprotectBackups: { backup: { deletionProtection: false } },
  },
  {
    service: 'keycloak',
    claim: 'examples/keycloak/claims/full.yaml',
    xrd: 'xrds/keycloak.yaml',
    invalid: { parameters: { service: { version: '25' } }, message: 'spec.parameters.service.version: cannot be lowered on a running instance' },
    // The full claim sets its memory besides the plan, and that wins: the change sets both.
    planChange: {
      parameters: { size: { plan: 'standard-8', memory: '8Gi' } },
      resource: 'release',
      path: 'spec.forProvider.values.resources.limits.memory',
      value: '8Gi',
    },
    nested: ['XVSHNPostgreSQL', 'XObjectBucket'],
    billing: 'appcat-keycloak',
    heldBackups: '7',
  },
];
