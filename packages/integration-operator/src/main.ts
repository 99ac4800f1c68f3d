#!/usr/bin/env node
// The operator's program: flags, the health/metrics server, and a graceful
// stop on SIGTERM (in-flight reconciles finish, the lease is handed back).
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { KubeConfig } from '@kubernetes/client-node';
import { describeError } from './kube/client.js';
import { HealthServer } from './ops/health.js';
import { createLogger } from './ops/log.js';
import { Operator } from './operator.js';

// V8's mid-tier compiler (Maglev, on from Node 22; not allowed in
// NODE_OPTIONS) costs ~35 MiB of RSS at 1,000 pairs on the image's Node 24
// (make bench: 176 -> 140 MiB) for speed the operator, waiting on the API
// server, does not need. Set before any of the operator's code gets hot.
setFlagsFromString('--no-maglev');

const { values: flags } = parseArgs({
  options: {
    'lease-namespace': { type: 'string', default: process.env['POD_NAMESPACE'] ?? 'integration-system' },
    'lease-name': { type: 'string', default: 'integration-operator' },
    'health-port': { type: 'string', default: '8080' },
    'health-host': { type: 'string', default: '0.0.0.0' },
    concurrency: { type: 'string', default: '4' },
    'resync-seconds': { type: 'string', default: '300' },
    'log-level': { type: 'string', default: process.env['LOG_LEVEL'] ?? 'info' },
  },
});

const log = createLogger(flags['log-level']);
const kubeConfig = new KubeConfig();
kubeConfig.loadFromDefault();
const operator = new Operator({
  kubeConfig,
  identity: process.env['POD_NAME'],
  lease: { namespace: flags['lease-namespace'], name: flags['lease-name'] },
  concurrency: Number(flags.concurrency),
  resyncMs: Number(flags['resync-seconds']) * 1000,
  logger: log,
  processMetrics: true,
});
const health = new HealthServer({ ready: () => operator.ready(), registry: operator.metrics.registry });

let stopping = false;
async function shutDown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  try {
    await operator.stop();
    await health.close();
  } catch (err) {
    log.error({ err: describeError(err) }, 'unclean stop');
    process.exitCode = 1;
  }
}
process.on('SIGTERM', () => void shutDown('SIGTERM'));
process.on('SIGINT', () => void shutDown('SIGINT'));

try {
  const port = await health.listen(Number(flags['health-port']), flags['health-host']);
  log.info({ port }, 'health and metrics listening');
  await operator.start();
} catch (err) {
  log.fatal({ err: describeError(err) }, 'cannot start');
  process.exit(1);
}
