// The claim's settings that shape the SGCluster beyond its size, version
// and backups, gathered in one place so composeCluster stays one manifest.
import { FieldError, getString, mergeObjects, type JsonObject } from '@appcat/runtime';
import { CLUSTER, type Context } from './names.js';
import { extensionsOf } from './extensions.js';
import { replicationOf } from './replication.js';
import { initialDataOf } from './restore.js';
import { updateStrategyOf } from './restart.js';

/**
 * encryption.enabled puts the volumes on the platform's encrypting
 * StorageClass. A volume's class cannot change, so it is fixed once the
 * cluster exists; without such a class the platform cannot encrypt.
 */
function storageClassOf(ctx: Context): string | undefined {
  const running = ctx.observed(CLUSTER);
  const path = 'spec.parameters.encryption.enabled';
  const runningClass = getString(running, 'spec.forProvider.manifest.spec.pods.persistentVolume.storageClass');
  const { encryptedStorageClassName } = ctx.input;
  if (running !== undefined) {
    const encrypted = runningClass !== undefined && runningClass === encryptedStorageClassName;
    if (encrypted !== ctx.params.encryption.enabled) {
      throw new FieldError(path, `cannot change on a running instance: its disks are ${encrypted ? '' : 'not '}encrypted`);
    }
    return runningClass;
  }
  if (!ctx.params.encryption.enabled) return undefined;
  if (!encryptedStorageClassName) throw new FieldError(path, 'this platform offers no encrypted storage; leave encryption off');
  return encryptedStorageClassName;
}

/** Adds the claim's cluster settings to the SGCluster `spec`. */
export function applyClusterOptions(ctx: Context, spec: JsonObject): void {
  const extensions = extensionsOf(ctx);
  const storageClass = storageClassOf(ctx);
  const initialData = initialDataOf(ctx);
  Object.assign(
    spec,
    mergeObjects(spec, {
      replication: replicationOf(ctx),
      ...(extensions ? { postgres: { extensions } } : {}),
      pods: {
        updateStrategy: updateStrategyOf(ctx),
        ...(storageClass ? { persistentVolume: { storageClass } } : {}),
        // dedicatedPatroniResources: the profile's requests are PostgreSQL's own, sidecars' come on top.
        ...(ctx.params.service.dedicatedPatroniResources ? { resources: { disableResourcesRequestsSplitFromTotal: true } } : {}),
      },
      ...(initialData ? { initialData } : {}),
    }),
  );
}

/**
 * Checks the cluster settings before anything is composed, so a claim is
 * refused on its first reconcile and not only once the cluster is composed.
 */
export function validateClusterOptions(ctx: Context): void {
  replicationOf(ctx);
  extensionsOf(ctx);
  storageClassOf(ctx);
}
