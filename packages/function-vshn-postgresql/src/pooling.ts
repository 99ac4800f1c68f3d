// The PgBouncer connection pooler StackGres runs beside PostgreSQL
// (service.pgBouncerSettings, service.disablePgBouncer): an SGPoolingConfig
// with the claim's pgbouncer.ini sections, always composed so that settings
// added later need no new reference; the cluster uses it unless pooling is off.
import { FieldError, isObject, type JsonObject } from '@appcat/runtime';
import { namespaceOf, type Context } from './names.js';

/** Composed resource names. Renaming one deletes the resource on every running instance. */
export const POOLING_CONFIG = 'pooling-config';

type Scalar = string | number | boolean;
const isScalar = (v: unknown): v is Scalar => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A section of parameter → value; pgbouncer.ini values are strings, users may write numbers and booleans. */
function flatSection(path: string, section: Record<string, unknown> | undefined, problems: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(section ?? {})) {
    if (isScalar(v)) out[k] = String(v);
    else problems.push(new FieldError(`${path}.${k}`, 'must be a string, number or boolean'));
  }
  return out;
}

/** [databases] and [users] map a name to its parameters. */
function nestedSection(path: string, section: Record<string, unknown> | undefined, problems: FieldError[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [name, params] of Object.entries(section ?? {})) {
    if (!isObject(params)) problems.push(new FieldError(`${path}.${name}`, 'must be a map of pgbouncer.ini parameter to value'));
    else out[name] = flatSection(`${path}.${name}`, params, problems);
  }
  return out;
}

function pgbouncerIniOf(ctx: Context, problems: FieldError[]): JsonObject {
  const settings = ctx.params.service.pgBouncerSettings ?? {};
  const base = 'spec.parameters.service.pgBouncerSettings';
  const ini: JsonObject = {};
  const pgbouncer = flatSection(`${base}.pgbouncer`, settings.pgbouncer, problems);
  const databases = nestedSection(`${base}.databases`, settings.databases, problems);
  const users = nestedSection(`${base}.users`, settings.users, problems);
  if (Object.keys(pgbouncer).length > 0) ini['pgbouncer'] = pgbouncer;
  if (Object.keys(databases).length > 0) ini['databases'] = databases;
  if (Object.keys(users).length > 0) ini['users'] = users;
  return ini;
}

export function checkPooling(ctx: Context): FieldError[] {
  const problems: FieldError[] = [];
  pgbouncerIniOf(ctx, problems);
  return problems;
}

export function composePooling(ctx: Context): void {
  ctx.desireObject(
    POOLING_CONFIG,
    {
      apiVersion: 'stackgres.io/v1',
      kind: 'SGPoolingConfig',
      metadata: { name: ctx.name, namespace: namespaceOf(ctx) },
      spec: { pgBouncer: { 'pgbouncer.ini': pgbouncerIniOf(ctx, []) } },
    },
    { name: ctx.nameFor('pooling-config') },
  );
}

/** What the SGCluster needs of the pooler: its config, or no pooler at all. */
export function poolingClusterSpecOf(ctx: Context): { configurations: JsonObject; pods: JsonObject } {
  if (ctx.params.service.disablePgBouncer) return { configurations: {}, pods: { disableConnectionPooling: true } };
  return { configurations: { sgPoolingConfig: ctx.name }, pods: { disableConnectionPooling: false } };
}
