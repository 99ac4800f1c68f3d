// The express and mongo example end to end: couple, update from either side, decouple
// by deleting the plug, then delete the socket.
import { join } from 'node:path';
import type { Plug, Socket } from '../src/api/types.js';
import { Cluster, check, eventually, readYaml } from './harness.js';

const example = join(import.meta.dirname, '..', '..', '..', 'examples', 'integrations', 'express-mongo');
const [socket] = readYaml(join(example, 'socket.yaml')) as unknown as Socket[];
const [plug] = readYaml(join(example, 'plug.yaml')) as unknown as Plug[];

describe('express ↔ mongo', () => {
  let cluster: Cluster | undefined;
  const c = (): Cluster => cluster!;

  beforeAll(async () => {
    cluster = await Cluster.start();
    await c().namespace('mongo');
    await c().namespace('shop');
    for (const doc of readYaml(join(example, 'rbac.yaml'))) await c().objects.create(doc);
    await c().startOperator();
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  const appConfig = async (): Promise<Record<string, string>> =>
    ((await c().read('v1', 'ConfigMap', 'shop', 'express-mongo')) as { data: Record<string, string> }).data;

  it('couples: both sides template their resources, results reach the plug', async () => {
    await c().apply(socket!, 'mongo');
    await c().apply(plug!, 'shop');
    await c().plugCondition('shop', 'express', 'Coupled', 'True', 'Coupled');
    await c().plugCondition('shop', 'express', 'Ready', 'True');
    expect(await appConfig()).toEqual({ MONGO_URL: 'mongodb://mongo.mongo.svc:27017/shop', MONGO_READ_ONLY: 'false' });
    const record = (await c().read('v1', 'ConfigMap', 'mongo', 'mongo-database-shop-express')) as { data: unknown };
    expect(record.data).toEqual({ database: 'shop', readOnly: 'false' });
    const s = await c().socketOf('mongo', 'mongo');
    expect(s?.status?.coupledPlugs?.map((p) => `${p.namespace}/${p.name}`)).toEqual(['shop/express']);
    expect(s?.status?.coupledCount).toBe(1);
    expect(await c().eventReasons('shop', 'express')).toEqual(expect.arrayContaining(['Created', 'Coupled']));
  });

  it('updates when the plug changes', async () => {
    await c().apply({ ...plug!, spec: { ...plug!.spec, config: { database: 'orders' } } }, 'shop');
    await eventually('app config follows the plug', async () => {
      check((await appConfig())['MONGO_URL'] === 'mongodb://mongo.mongo.svc:27017/orders', 'not yet');
    });
    const record = (await c().read('v1', 'ConfigMap', 'mongo', 'mongo-database-shop-express')) as { data: Record<string, string> };
    expect(record.data['database']).toBe('orders');
  });

  it('updates when the socket changes', async () => {
    await c().apply({ ...socket!, spec: { ...socket!.spec, config: { port: '27018' } } }, 'mongo');
    await eventually('app config follows the socket', async () => {
      check((await appConfig())['MONGO_URL'] === 'mongodb://mongo.mongo.svc:27018/orders', 'not yet');
    });
    expect(await c().eventReasons('shop', 'express')).toContain('Updated');
  });

  it('decouples when the plug is deleted: what the coupling created is gone', async () => {
    await c().delete('Plug', 'shop', 'express');
    await c().gone('plug', async () => (await c().get('Plug', 'shop', 'express')) !== undefined);
    expect(await c().exists('v1', 'ConfigMap', 'shop', 'express-mongo')).toBe(false);
    expect(await c().exists('v1', 'ConfigMap', 'mongo', 'mongo-database-shop-express')).toBe(false);
    await eventually('socket forgets the plug', async () => {
      check((await c().socketOf('mongo', 'mongo'))?.status?.coupledCount === 0, 'still counted');
    });
  });

  it('deletes the socket once nothing is coupled', async () => {
    await c().delete('Socket', 'mongo', 'mongo');
    await c().gone('socket', async () => (await c().socketOf('mongo', 'mongo')) !== undefined);
  });
});
