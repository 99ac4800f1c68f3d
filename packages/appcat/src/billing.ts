// Instance namespaces and billing. Every instance runs in a namespace of
// its own whose labels drive billing. A parent service that composes another
// (Keycloak → PostgreSQL) disables the child's billing with a ConfigMap in
// the control namespace, which the user cannot touch.
import { dnsName, FieldError, getObject, type KubeObject, type RuntimeInput, type ServiceContext } from '@appcat/runtime';
import type { NamespacedService } from './services.js';

/** Input fields of every function that composes an instance namespace. */
export interface AppCatInput extends RuntimeInput {
  /** Namespace the end user cannot see or change (billing config maps live there). */
  controlNamespace?: string;
}

export const SERVICE_NAME_LABEL = 'appcat.vshn.io/servicename';
export const CLAIM_NAMESPACE_LABEL = 'appcat.vshn.io/claim-namespace';
export const CLAIM_NAME_LABEL = 'appcat.vshn.io/claim-name';
export const ORGANIZATION_LABEL = 'appuio.io/organization';
export const BILLING_NAME_LABEL = 'appuio.io/billing-name';
export const BILLING_DISABLED_KEY = 'billingDisabled';

/** Composed resource names (keys of the desired state); renaming one deletes the resource. */
export const INSTANCE_NAMESPACE = 'instance-namespace';
export const CLAIM_NAMESPACE_OBSERVER = 'claim-namespace-observer';
export const BILLING_CONFIG = 'billing-config';

function controlNamespace(input: AppCatInput): string {
  if (!input.controlNamespace) throw new FieldError('input.controlNamespace', 'required: the namespace that holds billing config maps');
  return input.controlNamespace;
}

/**
 * Desires the instance namespace with its labels, the observers it needs,
 * and sets `status.instanceNamespace`. Returns the namespace name.
 *
 * - The organization is copied from the claim namespace, read through an
 *   observe-only Object.
 * - Billing is `appcat-<service>` unless the billing ConfigMap (named after
 *   the instance namespace, in the control namespace) says
 *   `billingDisabled: "true"`. The ConfigMap is always declared, created
 *   empty when missing, so provider-kubernetes can resolve it; it is never
 *   updated, so a parent's `billingDisabled` stays, and it is deleted with
 *   the instance.
 * - Neither value flips while its source is not observed yet: the label
 *   keeps what the namespace last had, or what was last desired for it.
 */
export function bootstrapInstanceNs<P, I extends AppCatInput>(ctx: ServiceContext<P, I>, service: NamespacedService): string {
  const control = controlNamespace(ctx.input);
  const namespace = service.instanceNamespace(ctx.name);
  // What the namespace has, else what was last desired for it (the Object
  // exists but provider-kubernetes has not reported the namespace yet).
  const previous = ctx.observedManifest(INSTANCE_NAMESPACE)?.metadata?.labels ?? lastDesiredLabels(ctx.observed(INSTANCE_NAMESPACE));

  const claimNamespace = ctx.claimNamespace;
  if (claimNamespace) {
    ctx.desireObject(
      CLAIM_NAMESPACE_OBSERVER,
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: claimNamespace } },
      { name: ctx.nameFor('claim-ns-observer'), managementPolicies: ['Observe'] },
    );
  }
  const claimNs = ctx.observedManifest(CLAIM_NAMESPACE_OBSERVER);
  const organization = claimNs ? claimNs.metadata?.labels?.[ORGANIZATION_LABEL] : previous[ORGANIZATION_LABEL];

  ctx.desireObject(
    BILLING_CONFIG,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: namespace, namespace: control } },
    // Deleted with the instance (it lives in the control namespace, where nothing else would remove it); never updated.
    { name: ctx.nameFor('billing-config'), managementPolicies: ['Observe', 'Create', 'Delete'] },
  );
  const billingConfig = ctx.observedManifest(BILLING_CONFIG);
  const billing = billingConfig
    ? (billingConfig['data'] as Record<string, string> | undefined)?.[BILLING_DISABLED_KEY] === 'true'
      ? ''
      : `appcat-${service.name}`
    : previous[BILLING_NAME_LABEL];

  // In this order; assigned one by one rather than spread from literals of computed keys.
  const labels: Record<string, string> = {};
  labels[SERVICE_NAME_LABEL] = service.name;
  labels[CLAIM_NAME_LABEL] = ctx.claimName;
  if (claimNamespace) labels[CLAIM_NAMESPACE_LABEL] = claimNamespace;
  if (organization !== undefined) labels[ORGANIZATION_LABEL] = organization;
  if (billing !== undefined) labels[BILLING_NAME_LABEL] = billing;
  const manifest: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels } };
  ctx.desireObject(INSTANCE_NAMESPACE, manifest, { name: ctx.nameFor('instance-ns') });
  ctx.setStatus({ instanceNamespace: namespace });
  return namespace;
}

function lastDesiredLabels(object: KubeObject | undefined): Record<string, string> {
  const labels = getObject(object, 'spec.forProvider.manifest.metadata.labels') ?? {};
  return Object.fromEntries(Object.entries(labels).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Disables billing of a child service whose instance namespace is
 * `namespace`: desires the ConfigMap the child's bootstrapInstanceNs reads.
 * Call it in the same response that composes the child composite.
 */
export function disableBilling<P, I extends AppCatInput>(ctx: ServiceContext<P, I>, namespace: string): void {
  const control = controlNamespace(ctx.input);
  ctx.desireObject(
    `billing-disabled-${namespace}`,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: namespace, namespace: control }, data: { [BILLING_DISABLED_KEY]: 'true' } },
    { name: dnsName([ctx.name, 'billing-disabled', namespace]) },
  );
}
