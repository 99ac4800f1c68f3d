// The broker process: configuration from the environment, Kubernetes from
// the service account (or KUBECONFIG), graceful stop on SIGTERM/SIGINT.
import { startBroker } from './app.js';
import { configFromEnv } from './config.js';
import { KubeClient } from './kube.js';

export { startBroker, type RunningBroker } from './app.js';
export { configFromEnv, type Config } from './config.js';
export { KubeClient } from './kube.js';

async function main(): Promise<void> {
  const config = configFromEnv();
  const kube = await KubeClient.fromDefault();
  const broker = await startBroker(config, kube);
  broker.app.log.info({ url: broker.url }, 'service broker listening');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    broker.app.log.info({ signal }, 'stopping: finishing in-flight requests');
    broker
      .shutdown(new Promise((r) => setTimeout(r, config.shutdownDelaySeconds * 1000)))
      .then(() => {
        kube.close();
        process.exit(0);
      })
      .catch((err: unknown) => {
        broker.app.log.error({ err }, 'stop failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
}

// Run only as the entry point, so tests can import this module.
if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`service broker: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
