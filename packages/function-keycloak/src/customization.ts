// The user's customization: Secrets and ConfigMaps of the claim's namespace
// (envFrom, customMounts, the realm import, the image's pull secret) copied
// into the instance namespace, where Keycloak's pod can use them, and the
// chart values that use the copies and the customization image.
//
// Each copy is a provider-kubernetes Object whose manifest names the copy
// and whose `references` have the provider fill in the source's data when
// it applies it: the data never passes through this function nor lands in
// an Object's status.
import { dnsName, FieldError, type JsonObject } from '@appcat/runtime';
import { namespaceOf, type Context } from './names.js';

type Kind = 'Secret' | 'ConfigMap';

/** One object of the claim's namespace that Keycloak uses. */
export interface Source {
  kind: Kind;
  name: string;
}

/** Where the copied realm exports are mounted; Keycloak imports them with --import-realm. */
export const IMPORT_DIR = '/opt/keycloak/data/import';
const KEYCLOAK_HOME = '/opt/keycloak';
/** Where the customization image's files are copied to before Keycloak starts. */
const CUSTOM_DIR = '/custom';

/** The copy's name in the instance namespace: prefixed, so a user's object never replaces one of the instance's own. */
export const copyNameOf = (source: Source): string => dnsName(['custom', source.name], 253);

/** The composed resource name of a copy. Renaming one deletes the copy on every running instance. */
const resourceNameOf = (source: Source): string => `copy-${source.kind.toLowerCase()}-${source.name}`;

/** The image pull secret, when the customization image has one: always from the claim's namespace (see customizationErrors). */
function pullSecretOf(ctx: Context): Source | undefined {
  const ref = ctx.params.service.customizationImage?.imagePullSecretRef;
  return ref?.name ? { kind: 'Secret', name: ref.name } : undefined;
}

/** Every object Keycloak uses from the claim's namespace, once each, in a stable order. */
export function sourcesOf(ctx: Context): Source[] {
  const s = ctx.params.service;
  const out: Source[] = [];
  const add = (kind: Kind, name: string | undefined): void => {
    if (name && !out.some((o) => o.kind === kind && o.name === name)) out.push({ kind, name });
  };
  for (const e of s.envFrom ?? []) {
    add('ConfigMap', e.configMapRef?.name);
    add('Secret', e.secretRef?.name);
  }
  add('Secret', s.customEnvVariablesRef);
  for (const m of s.customMounts ?? []) add(m.type === 'secret' ? 'Secret' : 'ConfigMap', m.name);
  add('ConfigMap', s.customConfigurationRef);
  add('Secret', pullSecretOf(ctx)?.name);
  return out;
}

/** The refusals of the customization fields: each names its field and what is allowed. */
export function customizationErrors(ctx: Context): FieldError[] {
  const s = ctx.params.service;
  const errors: FieldError[] = [];
  const field = 'spec.parameters.service';
  if (s.customizationImage && !s.customizationImage.image)
    errors.push(new FieldError(`${field}.customizationImage.image`, 'required when customizationImage is set'));
  const files = s.customFiles ?? [];
  files.forEach((f, i) => {
    if (!s.customizationImage?.image)
      errors.push(new FieldError(`${field}.customFiles[${i}]`, 'custom files are copied from the customizationImage; set customizationImage.image'));
    const dest = f.destination;
    if (dest === '' || dest.startsWith('/') || dest.split('/').includes('..'))
      errors.push(new FieldError(`${field}.customFiles[${i}].destination`, 'a path relative to /opt/keycloak/, without ".."'));
    if (files.findIndex((o) => o.destination === dest) !== i)
      errors.push(new FieldError(`${field}.customFiles[${i}].destination`, `${dest} is the destination of an earlier file; each file needs its own`));
    if (!f.source.startsWith('/')) errors.push(new FieldError(`${field}.customFiles[${i}].source`, 'an absolute path in the customization image'));
  });
  (s.envFrom ?? []).forEach((e, i) => {
    const refs = [e.configMapRef?.name, e.secretRef?.name].filter((n) => n !== undefined && n !== '');
    if (refs.length !== 1) errors.push(new FieldError(`${field}.envFrom[${i}]`, 'names exactly one of configMapRef.name and secretRef.name'));
    if (e.prefix !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(e.prefix))
      errors.push(new FieldError(`${field}.envFrom[${i}].prefix`, 'a C identifier (letters, digits and _, not starting with a digit)'));
  });
  const ref = s.customizationImage?.imagePullSecretRef;
  if (ref && !ref.name) errors.push(new FieldError(`${field}.customizationImage.imagePullSecretRef.name`, 'required when imagePullSecretRef is set'));
  // Copying from any other namespace would hand the claim's users a Secret they may not read.
  if (ref?.namespace !== undefined && ref.namespace !== ctx.claimNamespace)
    errors.push(
      new FieldError(`${field}.customizationImage.imagePullSecretRef.namespace`, `the claim's namespace (${ctx.claimNamespace ?? 'none'}) or unset`),
    );
  return errors;
}

/**
 * The composed resource names of the copies Keycloak cannot start without:
 * it is first installed once they are ready. An envFrom source marked
 * optional does not hold it back (the pod starts without it), unless
 * something else uses it too.
 */
export function requiredCopyResourceNames(ctx: Context): string[] {
  const s = ctx.params.service;
  const required: Source[] = [];
  for (const e of s.envFrom ?? []) {
    if (e.configMapRef?.name && !e.configMapRef.optional) required.push({ kind: 'ConfigMap', name: e.configMapRef.name });
    if (e.secretRef?.name && !e.secretRef.optional) required.push({ kind: 'Secret', name: e.secretRef.name });
  }
  if (s.customEnvVariablesRef) required.push({ kind: 'Secret', name: s.customEnvVariablesRef });
  for (const m of s.customMounts ?? []) required.push({ kind: m.type === 'secret' ? 'Secret' : 'ConfigMap', name: m.name });
  if (s.customConfigurationRef) required.push({ kind: 'ConfigMap', name: s.customConfigurationRef });
  const pull = pullSecretOf(ctx);
  if (pull) required.push(pull);
  const names = new Set(required.map(resourceNameOf));
  return sourcesOf(ctx)
    .map(resourceNameOf)
    .filter((n) => names.has(n));
}

/** The copies, in the instance namespace. A source that does not exist keeps its copy not ready, and the reason shows on the Object. */
export function composeCustomization(ctx: Context): void {
  const claimNamespace = ctx.claimNamespace;
  const sources = sourcesOf(ctx);
  if (sources.length === 0) return;
  if (!claimNamespace) throw new Error('the composite has no claim namespace label, so the objects its claim names cannot be found');
  for (const source of sources) {
    const from = { apiVersion: 'v1', kind: source.kind, name: source.name, namespace: claimNamespace };
    ctx.desireObject(
      resourceNameOf(source),
      { apiVersion: 'v1', kind: source.kind, metadata: { name: copyNameOf(source), namespace: namespaceOf(ctx) } },
      {
        name: ctx.nameFor('copy', source.kind.toLowerCase(), source.name),
        // A pull secret's type (kubernetes.io/dockerconfigjson) is part of what makes it one.
        patchesFrom:
          source.kind === 'Secret'
            ? [
                { from: { ...from, fieldPath: 'data' }, toFieldPath: 'data' },
                { from: { ...from, fieldPath: 'type' }, toFieldPath: 'type' },
              ]
            : [{ from: { ...from, fieldPath: 'data' }, toFieldPath: 'data' }],
      },
    );
  }
}

// --- chart values ---------------------------------------------------------

/** The chart's extraEnvFrom entries: envFrom as written, on the copies, then customEnvVariablesRef. */
export function envFromOf(ctx: Context): JsonObject[] {
  const s = ctx.params.service;
  const out: JsonObject[] = [];
  for (const e of s.envFrom ?? []) {
    const prefix = e.prefix ? { prefix: e.prefix } : {};
    const optional = (o: boolean | undefined): JsonObject => (o === undefined ? {} : { optional: o });
    if (e.configMapRef?.name)
      out.push({
        ...prefix,
        configMapRef: { name: copyNameOf({ kind: 'ConfigMap', name: e.configMapRef.name }), ...optional(e.configMapRef.optional) },
      });
    else if (e.secretRef?.name)
      out.push({ ...prefix, secretRef: { name: copyNameOf({ kind: 'Secret', name: e.secretRef.name }), ...optional(e.secretRef.optional) } });
  }
  if (s.customEnvVariablesRef) out.push({ secretRef: { name: copyNameOf({ kind: 'Secret', name: s.customEnvVariablesRef }) } });
  return out;
}

export interface Mounts {
  volumes: JsonObject[];
  volumeMounts: JsonObject[];
  initContainers: JsonObject[];
  imagePullSecrets: JsonObject[];
}

/** Volumes, mounts and init containers of the customization: the copies mounted, the image's files copied in. */
export function customMountsOf(ctx: Context): Mounts {
  const s = ctx.params.service;
  const out: Mounts = { volumes: [], volumeMounts: [], initContainers: [], imagePullSecrets: [] };
  const mounts = (s.customMounts ?? []).filter((m, i, all) => all.findIndex((o) => o.type === m.type && o.name === m.name) === i);
  for (const m of mounts) {
    const kind: Kind = m.type === 'secret' ? 'Secret' : 'ConfigMap';
    const volume = dnsName(['custom', kind.toLowerCase(), m.name]);
    const copy = copyNameOf({ kind, name: m.name });
    out.volumes.push(kind === 'Secret' ? { name: volume, secret: { secretName: copy } } : { name: volume, configMap: { name: copy } });
    out.volumeMounts.push({ name: volume, mountPath: `${CUSTOM_DIR}/${m.type === 'secret' ? 'secrets' : 'configs'}/${m.name}`, readOnly: true });
  }
  if (s.customConfigurationRef) {
    out.volumes.push({ name: 'realm-import', configMap: { name: copyNameOf({ kind: 'ConfigMap', name: s.customConfigurationRef }) } });
    out.volumeMounts.push({ name: 'realm-import', mountPath: IMPORT_DIR, readOnly: true });
  }
  const image = s.customizationImage?.image;
  if (!image) return out;
  const pull = pullSecretOf(ctx);
  if (pull) out.imagePullSecrets.push({ name: copyNameOf(pull) });
  // Themes and providers, where the image is expected to have them; an image with only custom files has neither.
  out.volumes.push({ name: 'custom-themes', emptyDir: {} }, { name: 'custom-providers', emptyDir: {} });
  out.volumeMounts.push(
    { name: 'custom-themes', mountPath: `${KEYCLOAK_HOME}/themes` },
    { name: 'custom-providers', mountPath: `${KEYCLOAK_HOME}/providers` },
  );
  const container = (name: string, command: string[], mounts: JsonObject[]): JsonObject => ({
    name,
    image,
    imagePullPolicy: 'IfNotPresent',
    command,
    // Keycloak's own user, so what is copied is readable by Keycloak.
    securityContext: { runAsUser: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false },
    volumeMounts: mounts,
  });
  out.initContainers.push(
    container(
      'copy-themes-and-providers',
      ['sh', '-c', 'for d in themes providers; do if [ -d "/$d" ]; then cp -R "/$d/." "/custom/$d/"; fi; done'],
      [
        { name: 'custom-themes', mountPath: `${CUSTOM_DIR}/themes` },
        { name: 'custom-providers', mountPath: `${CUSTOM_DIR}/providers` },
      ],
    ),
  );
  const files = s.customFiles ?? [];
  if (files.length > 0) {
    out.volumes.push({ name: 'custom-files', emptyDir: {} });
    // One container per file, the paths as arguments (no shell): each lands as /custom/files/<i>, mounted at its destination.
    files.forEach((f, i) => {
      out.initContainers.push(
        container(`copy-file-${i}`, ['cp', '-R', f.source, `${CUSTOM_DIR}/files/${i}`], [{ name: 'custom-files', mountPath: `${CUSTOM_DIR}/files` }]),
      );
      out.volumeMounts.push({ name: 'custom-files', mountPath: `${KEYCLOAK_HOME}/${f.destination}`, subPath: String(i) });
    });
  }
  return out;
}
