// Wires the server together from its configuration: the ERP client with its
// resilience, the Kubernetes-side authentication and authorization, TLS, and
// the background loops (authentication config refresh, readiness probe of
// the ERP, sweeping of half-finished creates at start and periodically).
import { readFileSync } from 'node:fs';
import { type Logger, pino } from 'pino';
import { BillingEntityResource } from './api/resource.js';
import { EntityStore } from './api/store.js';
import { Authenticator } from './auth/authenticator.js';
import { Authorizer } from './auth/authorizer.js';
import { type AuthenticationConfig, readAuthenticationConfig } from './auth/config.js';
import { EntityRbac } from './auth/rbac.js';
import type { Erp } from './erp/erp.js';
import { OdooErp } from './erp/odoo.js';
import { ResilientTransport } from './erp/resilience.js';
import { Json2Transport, JsonRpcTransport, type OdooConnection } from './erp/transport.js';
import { LeaseLocks } from './kube/lease.js';
import { type KubeClient, kubeClient, loadKubeConfig } from './kube/client.js';
import { Metrics } from './metrics.js';
import { type BillingApiServer, startServer } from './server.js';
import { type ServingCert, readCertFiles, selfSignedCert, watchCertFiles } from './tls.js';

export interface BillingApiConfig {
  host: string;
  port: number;
  /** Serving certificate files (hot-reloaded); without them a self-signed one for `selfSignedNames`. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  selfSignedNames?: string[];
  /** kubeconfig of the server's own identity; in a pod, the service account. */
  kubeconfig?: string;
  odoo: {
    url: string;
    db: string;
    login: string;
    /** File holding the API key (never a flag value: flags show in process listings). */
    apiKeyFile?: string;
    apiKey?: string;
    protocol: 'json2' | 'jsonrpc';
    inflightField?: string;
    defaultLanguage?: string;
  };
  erpTimeoutMs: number;
  erpAttempts: number;
  erpBackoffMs: number;
  breakerThreshold: number;
  breakerOpenMs: number;
  watchIntervalMs: number;
  watchHistoryMs: number;
  authConfigRefreshMs: number;
  readinessIntervalMs: number;
  sweepIntervalMs: number;
  /** Namespace of the Leases that make writes exclusive across replicas (the server's own). */
  leaseNamespace: string;
  leaseDurationMs: number;
  /** How long a write waits for another replica's lock on the same entity before 409. */
  leaseWaitMs: number;
  logLevel?: string;
}

export const DEFAULTS = {
  host: '0.0.0.0',
  port: 8443,
  erpTimeoutMs: 5000,
  erpAttempts: 3,
  erpBackoffMs: 100,
  breakerThreshold: 5,
  breakerOpenMs: 10_000,
  watchIntervalMs: 10_000,
  watchHistoryMs: 10 * 60_000,
  authConfigRefreshMs: 60_000,
  readinessIntervalMs: 5_000,
  sweepIntervalMs: 60_000,
  leaseNamespace: 'billing-system',
  leaseDurationMs: 30_000,
  leaseWaitMs: 10_000,
} satisfies Partial<BillingApiConfig>;

export interface BillingApi {
  server: BillingApiServer;
  serving: ServingCert;
  erp: Erp;
  transport: ResilientTransport;
  authorizer: Authorizer;
  metrics: Metrics;
  /** One pass discarding creates left in flight (it also runs at start and every sweepIntervalMs); returns records removed. */
  sweep(): Promise<number>;
  /** Stops the server and the background loops; requests in flight may finish within `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** A kube client instead of the kubeconfig (tests). */
  kube?: KubeClient;
  log?: Logger;
}

export async function startBillingApi(cfg: BillingApiConfig, opts: StartOptions = {}): Promise<BillingApi> {
  const log = opts.log ?? pino({ level: cfg.logLevel ?? 'info', redact: ['req.headers.authorization', '*.apiKey', '*.token'] });
  const metrics = new Metrics();
  const kube = opts.kube ?? kubeClient(loadKubeConfig(cfg.kubeconfig));

  const apiKey = cfg.odoo.apiKey ?? (cfg.odoo.apiKeyFile ? readFileSync(cfg.odoo.apiKeyFile, 'utf8').trim() : undefined);
  if (!apiKey) throw new Error('the Odoo API key is missing: --odoo-api-key-file');
  const conn: OdooConnection = { url: cfg.odoo.url, db: cfg.odoo.db, login: cfg.odoo.login, apiKey };
  const raw = cfg.odoo.protocol === 'jsonrpc' ? new JsonRpcTransport(conn) : new Json2Transport(conn);
  const transport = new ResilientTransport(
    raw,
    {
      deadlineMs: cfg.erpTimeoutMs,
      attempts: cfg.erpAttempts,
      backoffMs: cfg.erpBackoffMs,
      failureThreshold: cfg.breakerThreshold,
      openMs: cfg.breakerOpenMs,
    },
    (call, outcome, ms) => {
      metrics.erpCalls.inc({ method: call.method, outcome });
      metrics.erpSeconds.observe({ method: call.method }, ms / 1000);
    },
  );
  const erp = new OdooErp(transport, cfg.erpTimeoutMs, {
    ...(cfg.odoo.inflightField ? { inflightField: cfg.odoo.inflightField } : {}),
    ...(cfg.odoo.defaultLanguage ? { defaultLanguage: cfg.odoo.defaultLanguage } : {}),
  });

  let authConfig: AuthenticationConfig = await readAuthenticationConfig(kube);
  const authenticator = new Authenticator(() => authConfig, kube);
  const authorizer = new Authorizer(kube);
  const onError = (err: unknown, context: Record<string, unknown>): void => {
    log.warn({ ...context, err: (err as Error).message }, 'background failure');
  };
  // A holder must be able to read, check and write (two ERP deadlines) well within its lease.
  if (cfg.leaseDurationMs < 3 * cfg.erpTimeoutMs) {
    throw new Error(
      `--lease-duration (${cfg.leaseDurationMs / 1000}s) must be at least three ERP deadlines (--erp-timeout ${cfg.erpTimeoutMs / 1000}s): a write takes up to two`,
    );
  }
  const rbac = new EntityRbac(kube);
  const leases = new LeaseLocks(kube, { namespace: cfg.leaseNamespace, durationMs: cfg.leaseDurationMs, waitMs: cfg.leaseWaitMs });
  // A write needs at most two ERP calls once its version is checked.
  const store = new EntityStore(erp, { leases, writeMs: 2 * cfg.erpTimeoutMs });
  const resource = new BillingEntityResource({
    store,
    erp,
    authorizer,
    rbac,
    metrics,
    watchIntervalMs: cfg.watchIntervalMs,
    watchHistoryMs: cfg.watchHistoryMs,
    onError,
  });

  let serving =
    cfg.tlsCertFile && cfg.tlsKeyFile
      ? readCertFiles(cfg.tlsCertFile, cfg.tlsKeyFile)
      : await selfSignedCert(cfg.selfSignedNames ?? ['localhost', '127.0.0.1']);
  let erpProblem: string | undefined = 'the ERP has not been reached yet';
  const server = await startServer({
    host: cfg.host,
    port: cfg.port,
    serving,
    clientCAs: authConfig.caPems,
    resource,
    authenticator,
    authorizer,
    metrics,
    notReady: () => erpProblem,
    log,
  });

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, fn: () => Promise<void>): void => {
    timers.push(setInterval(() => void fn(), ms));
  };
  const probe = async (): Promise<void> => {
    try {
      await erp.ping();
      if (erpProblem) log.info('the ERP is reachable');
      erpProblem = undefined;
    } catch (err) {
      if (!erpProblem) log.warn({ err: (err as Error).message }, 'the ERP is unreachable');
      erpProblem = `erp: the ERP is unreachable: ${(err as Error).message}`;
    }
    metrics.breakerOpen.set(transport.breaker.state === 'open' ? 1 : 0);
  };
  await probe();
  every(cfg.readinessIntervalMs, probe);
  every(cfg.authConfigRefreshMs, async () => {
    try {
      const next = await readAuthenticationConfig(kube);
      if (next.caPems.join() !== authConfig.caPems.join()) server.reconfigure(serving, next.caPems);
      authConfig = next;
    } catch (err) {
      // Keep the last good configuration.
      onError(err, { what: 'refreshing extension-apiserver-authentication' });
    }
  });
  const sweep = async (): Promise<number> => {
    const removed = await store.sweep((name) => rbac.revoke(name));
    if (removed > 0) log.info({ removed }, 'removed partners left in flight by failed creates');
    return removed;
  };
  const sweepInBackground = async (): Promise<void> => {
    try {
      await sweep();
    } catch (err) {
      onError(err, { what: 'sweeping half-finished creates' });
    }
  };
  void sweepInBackground();
  every(cfg.sweepIntervalMs, sweepInBackground);
  const stopWatching =
    cfg.tlsCertFile && cfg.tlsKeyFile
      ? watchCertFiles(
          cfg.tlsCertFile,
          cfg.tlsKeyFile,
          (next) => {
            serving = next;
            server.reconfigure(serving, authConfig.caPems);
            log.info('serving certificate reloaded');
          },
          (err) => {
            onError(err, { what: 'reloading the serving certificate' });
          },
        )
      : () => undefined;

  return {
    server,
    get serving() {
      return serving;
    },
    erp,
    transport,
    authorizer,
    metrics,
    sweep,
    async close(graceMs = 0) {
      for (const t of timers) clearInterval(t);
      stopWatching();
      await server.close(graceMs);
    },
  };
}
