import { vshnPostgreSQL } from '@appcat/appcat';
import { BoundedCache, dns1035Name, type ServiceContext } from '@appcat/runtime';
import type { Input, Parameters } from './generated.js';

export { TLS_CERTIFICATE, TLS_SECRET } from '@appcat/appcat';

export type Context = ServiceContext<Parameters, Input>;

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const PROFILE = 'profile';
export const PG_CONFIG = 'pg-config';
export const CLUSTER = 'cluster';
export const BACKUP_BUCKET = 'backup-bucket';
export const OBJECT_STORAGE = 'object-storage';

/** Secret the nested bucket writes its credentials to, in the instance namespace. */
export const BACKUP_CREDENTIALS_SECRET = 'backup-bucket-credentials';

/** The namespace the instance runs in. */
const computeNamespace = (ctx: Context): string => vshnPostgreSQL.instanceNamespace(ctx.name);
export const namespaceOf = (ctx: Context): string => ctx.once(computeNamespace);

/**
 * The SGCluster's name, which its pods, Services and superuser Secret carry:
 * StackGres refuses one longer than 44 characters or not starting with a
 * letter. The composite's name when it qualifies, so existing clusters keep
 * theirs.
 */
const clusterNames = new BoundedCache<string>(1024);
export const clusterNameOf = (ctx: Context): string => clusterNames.get(ctx.name, (name) => dns1035Name([name], 44));
