// Wiring: configuration in, a listening broker out. main.ts runs it as a
// process; tests and the benchmark start it in-process on 127.0.0.1.
import type { AddressInfo } from 'node:net';
import { CredentialsFile } from './auth.js';
import { Broker } from './broker.js';
import type { Config } from './config.js';
import type { KubeClient } from './kube.js';
import { NamespaceMapping } from './placement.js';
import { loadServices } from './plans.js';
import { createServer, type BrokerServer } from './server.js';
import { Store } from './store.js';

export interface RunningBroker extends BrokerServer {
  /** http://host:port */
  url: string;
}

export async function startBroker(config: Config, kube: KubeClient, log?: { stream?: NodeJS.WritableStream }): Promise<RunningBroker> {
  const services = loadServices(config.plansDir, config.xrdsDir);
  const store = new Store(kube);
  const broker = new Broker(services, store, {
    namespaces: new NamespaceMapping(config.namespaceTemplate),
    createNamespaces: config.createNamespaces,
    retryAfterSeconds: config.retryAfterSeconds,
  });
  const server = createServer({
    broker,
    store,
    auth: new CredentialsFile(config.credentialsFile),
    log: { level: config.logLevel, ...log },
  });
  await server.app.listen({ host: config.host, port: config.port });
  const address = server.app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { ...server, url: `http://${host}:${address.port}` };
}
