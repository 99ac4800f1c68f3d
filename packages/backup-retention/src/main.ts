#!/usr/bin/env node
// The sweeper's program, run by the platform's CronJob: one sweep, then exit
// (1 when the API server could not be read or written, so the Job shows it).
// `--now <RFC 3339 time>` sweeps as of that time instead of the clock.
import { parseArgs } from 'node:util';
import { KubeConfig } from '@kubernetes/client-node';
import { describeError, KubeBucketStore } from './kube.js';
import { createLogger } from './log.js';
import { sweep } from './sweep.js';

const { values: flags } = parseArgs({
  options: {
    now: { type: 'string' },
    'log-level': { type: 'string', default: process.env['LOG_LEVEL'] ?? 'info' },
  },
});

const log = createLogger(flags['log-level']);
const now = flags.now === undefined ? new Date() : new Date(flags.now);
if (Number.isNaN(now.getTime())) {
  log.error({ now: flags.now }, '--now: not a time; give an RFC 3339 time such as 2026-01-31T12:00:00Z');
  process.exit(2);
}
try {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromDefault();
  const result = await sweep(new KubeBucketStore(kubeConfig), now, log);
  log.info(
    { now: now.toISOString(), released: result.released.length, held: result.held.length, unreadable: result.unreadable.length },
    'sweep done',
  );
} catch (err) {
  log.error({ err: describeError(err) }, 'sweep failed');
  process.exitCode = 1;
}
