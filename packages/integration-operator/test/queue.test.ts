import { WorkQueue } from '../src/controller/queue.js';

const tick = (ms = 5): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !ok(); i++) await tick();
  if (!ok()) throw new Error('condition never held');
}

describe('WorkQueue', () => {
  let queue: WorkQueue | undefined;
  afterEach(async () => {
    await queue?.shutDown();
  });

  it('queues a key once however often it is added', async () => {
    const seen: string[] = [];
    queue = new WorkQueue({ concurrency: 1, handle: (key) => (seen.push(key), Promise.resolve({})) });
    queue.add('a');
    queue.add('a');
    queue.add('b');
    expect(queue.depth).toBe(2);
    queue.start();
    await until(() => seen.length === 2);
    await tick(20);
    expect(seen).toEqual(['a', 'b']);
  });

  it('never handles one key on two workers at once, and runs it again when it was added meanwhile', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    let release: (() => void) | undefined;
    queue = new WorkQueue({
      concurrency: 4,
      handle: async () => {
        running++;
        most = Math.max(most, running);
        runs++;
        if (runs === 1) await new Promise<void>((r) => (release = r));
        running--;
        return {};
      },
    });
    queue.start();
    queue.add('k');
    await until(() => release !== undefined);
    queue.add('k');
    queue.add('k');
    await tick(20);
    expect(runs).toBe(1);
    release!();
    await until(() => runs === 2);
    await tick(20);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it('retries a failing key with growing delays and resets after a success', async () => {
    const times: number[] = [];
    queue = new WorkQueue({
      concurrency: 1,
      baseDelayMs: 10,
      maxDelayMs: 1000,
      handle: () => {
        times.push(Date.now());
        return times.length < 4 ? Promise.reject(new Error('not yet')) : Promise.resolve({});
      },
    });
    queue.start();
    queue.add('k');
    await until(() => times.length === 4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // 10, 20, 40 ms: each gap at least the backoff of its failure.
    expect(gaps[0]).toBeGreaterThanOrEqual(9);
    expect(gaps[1]).toBeGreaterThanOrEqual(19);
    expect(gaps[2]).toBeGreaterThanOrEqual(39);
    await tick(100);
    expect(times).toHaveLength(4);
  });

  it('requeues a key after the delay a handler asks for', async () => {
    let runs = 0;
    queue = new WorkQueue({ concurrency: 1, handle: () => Promise.resolve(++runs < 3 ? { requeueAfterMs: 5 } : {}) });
    queue.start();
    queue.add('k');
    await until(() => runs === 3);
    await tick(30);
    expect(runs).toBe(3);
  });

  it('waits for the keys being handled on shut down and takes no new ones', async () => {
    let finished = false;
    queue = new WorkQueue({
      concurrency: 1,
      handle: async () => {
        await tick(30);
        finished = true;
        return {};
      },
    });
    queue.start();
    queue.add('k');
    await tick(5);
    await queue.shutDown();
    expect(finished).toBe(true);
    queue.add('later');
    expect(queue.depth).toBe(0);
  });
});
