#!/usr/bin/env node
// billing-api: the aggregated API server for billing.appuio.io/v1 BillingEntity.
// Flags mirror the configuration in app.ts; `--help` lists them.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type BillingApiConfig, DEFAULTS, startBillingApi } from './app.js';

const { values } = parseArgs({
  options: {
    help: { type: 'boolean', default: false },
    'bind-address': { type: 'string', default: DEFAULTS.host },
    'secure-port': { type: 'string', default: String(DEFAULTS.port) },
    'tls-cert-file': { type: 'string' },
    'tls-private-key-file': { type: 'string' },
    'self-signed-name': { type: 'string', multiple: true },
    kubeconfig: { type: 'string' },
    'odoo-url': { type: 'string', default: 'http://127.0.0.1:8069' },
    'odoo-db': { type: 'string', default: 'odoo' },
    'odoo-login': { type: 'string', default: 'admin' },
    'odoo-api-key-file': { type: 'string' },
    'odoo-protocol': { type: 'string', default: 'json2' },
    'odoo-inflight-field': { type: 'string', default: 'x_control_api_inflight' },
    'odoo-default-language': { type: 'string', default: 'en_US' },
    'erp-timeout': { type: 'string', default: `${DEFAULTS.erpTimeoutMs / 1000}s` },
    'erp-attempts': { type: 'string', default: String(DEFAULTS.erpAttempts) },
    'watch-interval': { type: 'string', default: `${DEFAULTS.watchIntervalMs / 1000}s` },
    'lease-namespace': { type: 'string' },
    'lease-duration': { type: 'string', default: `${DEFAULTS.leaseDurationMs / 1000}s` },
    'log-level': { type: 'string', default: 'info' },
  },
});

if (values.help) {
  console.log(`billing-api [flags]
  --bind-address, --secure-port          where to listen (default 0.0.0.0:8443)
  --tls-cert-file, --tls-private-key-file serving certificate (reloaded on change); default self-signed (--self-signed-name)
  --kubeconfig                           the server's own credentials (default: in-cluster service account)
  --odoo-url, --odoo-db, --odoo-login    the ERP (default http://127.0.0.1:8069, odoo, admin)
  --odoo-api-key-file                    file holding the Odoo API key
  --odoo-protocol                        json2 (Odoo 19+) or jsonrpc (Odoo <= 18)
  --odoo-inflight-field                  res.partner char field marking half-finished creates
  --erp-timeout                          deadline of an ERP call (default 5s)
  --watch-interval                       how often a watch polls the ERP (default 10s)
  --lease-namespace                      namespace of the Leases that lock an entity across replicas
                                         (default: the pod's namespace, POD_NAMESPACE, else billing-system)
  --lease-duration                       how long a crashed replica's lock blocks others (default 30s)`);
  process.exit(0);
}

function seconds(flag: string, v: string): number {
  const m = /^([0-9.]+)(ms|s|m)?$/.exec(v);
  if (!m) throw new Error(`--${flag}: a duration such as 5s or 500ms`);
  const n = Number(m[1]);
  return m[2] === 'ms' ? n : m[2] === 'm' ? n * 60_000 : n * 1000;
}

/** The server's own namespace: flag, the Downward API's POD_NAMESPACE, the service account's, or the default. */
function leaseNamespace(): string {
  if (values['lease-namespace']) return values['lease-namespace'];
  if (process.env['POD_NAMESPACE']) return process.env['POD_NAMESPACE'];
  const sa = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';
  return existsSync(sa) ? readFileSync(sa, 'utf8').trim() : DEFAULTS.leaseNamespace;
}

const protocol = values['odoo-protocol'];
if (protocol !== 'json2' && protocol !== 'jsonrpc') throw new Error('--odoo-protocol: json2 or jsonrpc');

const config: BillingApiConfig = {
  ...DEFAULTS,
  host: values['bind-address'],
  port: Number(values['secure-port']),
  ...(values['tls-cert-file'] ? { tlsCertFile: values['tls-cert-file'] } : {}),
  ...(values['tls-private-key-file'] ? { tlsKeyFile: values['tls-private-key-file'] } : {}),
  ...(values['self-signed-name'] ? { selfSignedNames: values['self-signed-name'] } : {}),
  ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}),
  odoo: {
    url: values['odoo-url'],
    db: values['odoo-db'],
    login: values['odoo-login'],
    ...(values['odoo-api-key-file'] ? { apiKeyFile: values['odoo-api-key-file'] } : {}),
    protocol,
    inflightField: values['odoo-inflight-field'],
    defaultLanguage: values['odoo-default-language'],
  },
  erpTimeoutMs: seconds('erp-timeout', values['erp-timeout']),
  erpAttempts: Number(values['erp-attempts']),
  watchIntervalMs: seconds('watch-interval', values['watch-interval']),
  leaseNamespace: leaseNamespace(),
  leaseDurationMs: seconds('lease-duration', values['lease-duration']),
  logLevel: values['log-level'],
};

const api = await startBillingApi(config);
console.error(JSON.stringify({ msg: 'billing-api listening', url: api.server.url }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Requests in flight may finish (the Deployment's grace period is 30 s).
    void api.close(20_000).then(() => process.exit(0));
  });
}
