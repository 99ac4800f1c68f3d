// Where an instance lives: the namespace from the OSB context through a
// configurable template, and names derived from the instance and binding ids.
import { dnsName, isObject, shortHash, type JsonObject } from '@appcat/runtime';
import { badRequest } from './errors.js';

/**
 * A namespace template: literal text with placeholders taken from the OSB
 * context (`{platform}`, `{namespace}`, `{organization_guid}`, `{space_guid}`,
 * or any other string field of the context), falling back to the deprecated
 * top-level `organization_guid`/`space_guid`. Examples: `{namespace}` (the
 * Kubernetes platform's namespace), `osb-{organization_guid}`, `appcat`.
 */
export class NamespaceMapping {
  private readonly placeholders: string[];

  constructor(readonly template: string) {
    this.placeholders = [...template.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1] ?? '');
    if (template.replace(/\{[a-z_]+\}/g, '').match(/[{}]/)) throw new Error(`namespace template ${template}: unbalanced braces`);
  }

  namespaceFor(context: JsonObject | undefined, body: { organization_guid?: string; space_guid?: string }): string {
    const values: Record<string, string> = {};
    for (const key of this.placeholders) {
      const fromContext = isObject(context) ? context[key] : undefined;
      const value =
        typeof fromContext === 'string'
          ? fromContext
          : key === 'organization_guid'
            ? body.organization_guid
            : key === 'space_guid'
              ? body.space_guid
              : undefined;
      if (value === undefined || value === '')
        throw badRequest(`context.${key} is required: this broker places instances in the namespace "${this.template}"`);
      values[key] = value;
    }
    const raw = this.template.replace(/\{([a-z_]+)\}/g, (_m, key: string) => values[key] ?? '');
    return dnsName([raw]);
  }
}

/** The claim's name: short enough for the composite's generated suffix and the instance namespace built from it. */
export function claimName(instanceId: string): string {
  return dnsName(['osb', instanceId], 40);
}

/** The connection secret Crossplane writes for the claim. */
export function connectionSecretName(claim: string): string {
  return `${claim}-connection`;
}

/** The Secret that records a binding; binding ids are unique per instance only, and instances share namespaces. */
export function bindingSecretName(instanceId: string, bindingId: string): string {
  return dnsName(['osb-binding', bindingId, shortHash(instanceId)]);
}
