// The broker's settings, from the environment (a Deployment sets them; a
// local run uses the defaults and KUBECONFIG).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  host: string;
  port: number;
  credentialsFile: string;
  plansDir: string;
  xrdsDir: string;
  namespaceTemplate: string;
  createNamespaces: boolean;
  retryAfterSeconds: number;
  /** Seconds between failing readiness and closing on SIGTERM, so endpoints drop the pod first. */
  shutdownDelaySeconds: number;
  logLevel: string;
}

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function integer(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${key}=${raw}: expected an integer from ${min} to ${max}`);
  return n;
}

function boolean(env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${key}=${raw}: expected true or false`);
  return raw === 'true';
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const credentialsFile = env['BROKER_CREDENTIALS_FILE'];
  if (credentialsFile === undefined || credentialsFile === '')
    throw new Error('BROKER_CREDENTIALS_FILE is required: a YAML file with basic and/or bearer credentials');
  return {
    host: env['BROKER_HOST'] ?? '0.0.0.0',
    port: integer(env, 'BROKER_PORT', 8080, 0, 65535),
    credentialsFile,
    plansDir: env['BROKER_PLANS_DIR'] ?? join(packageDir, 'plans'),
    xrdsDir: env['BROKER_XRDS_DIR'] ?? join(packageDir, '..', '..', 'xrds'),
    namespaceTemplate: env['BROKER_NAMESPACE_TEMPLATE'] ?? 'osb-{organization_guid}',
    createNamespaces: boolean(env, 'BROKER_CREATE_NAMESPACES', true),
    retryAfterSeconds: integer(env, 'BROKER_RETRY_AFTER_SECONDS', 30, 0, 3600),
    shutdownDelaySeconds: integer(env, 'BROKER_SHUTDOWN_DELAY_SECONDS', 0, 0, 120),
    logLevel: env['BROKER_LOG_LEVEL'] ?? 'info',
  };
}
