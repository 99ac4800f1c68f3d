// backup.unmanagedBucket: backups to a bucket of the user's own. Its
// credentials live in Secrets of the claim's namespace; provider-kubernetes
// copies the two keys into one Secret in the instance namespace, where
// StackGres reads object storage credentials, without the values passing
// through this function.
import { secretCopy } from '@appcat/appcat';
import { FieldError } from '@appcat/runtime';
import type { Context } from './names.js';

export const UNMANAGED_CREDENTIALS = 'unmanaged-bucket-credentials';
/** The copy's name in the instance namespace. */
export const UNMANAGED_CREDENTIALS_SECRET = 'unmanaged-bucket-credentials';

export interface UnmanagedBucket {
  bucket: string;
  endpoint: string;
  region: string;
}

/** Composes the credentials' copy; returns the bucket, or undefined when the claim names none. */
export function composeUnmanagedBucket(ctx: Context, namespace: string): UnmanagedBucket | undefined {
  const unmanaged = ctx.params.backup.unmanagedBucket;
  if (!unmanaged) return undefined;
  const claimNamespace = ctx.claimNamespace;
  if (claimNamespace === undefined)
    throw new FieldError('spec.parameters.backup.unmanagedBucket', 'needs a claim: its Secrets are read from the claim namespace');
  const errors = (['accessKey', 'secretKey'] as const).filter((k) => !unmanaged[k].name);
  const [missing] = errors;
  if (missing !== undefined)
    throw new FieldError(`spec.parameters.backup.unmanagedBucket.${missing}.name`, 'names the Secret in the claim namespace and must be set');
  const keys = [
    { secret: unmanaged.accessKey, to: 'AWS_ACCESS_KEY_ID' },
    { secret: unmanaged.secretKey, to: 'AWS_SECRET_ACCESS_KEY' },
  ];
  // Both keys may come from different Secrets; each is patched in from its own.
  const references = keys.flatMap(
    ({ secret, to }) =>
      secretCopy({ name: secret.name, namespace: claimNamespace }, { name: UNMANAGED_CREDENTIALS_SECRET, namespace }, [{ from: secret.key, to }])
        .references,
  );
  const { manifest } = secretCopy({ name: '', namespace: claimNamespace }, { name: UNMANAGED_CREDENTIALS_SECRET, namespace }, []);
  ctx.desireObject(UNMANAGED_CREDENTIALS, manifest, { name: ctx.nameFor('unmanaged-credentials'), references });
  return { bucket: unmanaged.bucket, endpoint: unmanaged.endpoint, region: unmanaged.region };
}
