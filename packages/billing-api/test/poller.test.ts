// Watches share one ERP list per poll, and polling stops with the last watch.
import { SharedPoller } from '@appcat/billing-api';

const until = async (cond: () => boolean): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('SharedPoller', () => {
  it('lists once per poll for all watches, keeps polling through ERP errors, and stops with the last watch', async () => {
    let lists = 0;
    const errors: unknown[] = [];
    const poller = new SharedPoller(
      () => {
        lists++;
        return lists === 2 ? Promise.reject(new Error('ERP down')) : Promise.resolve([]);
      },
      5,
      (err) => errors.push(err),
    );
    const seen = { a: 0, b: 0 };
    const stopA = poller.subscribe(() => {
      seen.a++;
      return Promise.resolve();
    });
    const stopB = poller.subscribe(() => {
      seen.b++;
      return Promise.resolve();
    });
    await until(() => seen.a >= 3);
    // One list per poll: every successful poll reached both watches; the failed one neither.
    expect(seen.b).toBe(seen.a);
    expect(lists).toBeGreaterThanOrEqual(seen.a + 1);
    expect(lists).toBeLessThanOrEqual(seen.a + 2);
    expect(errors).toHaveLength(1);
    stopA();
    stopB();
    const after = lists;
    await new Promise((r) => setTimeout(r, 50));
    expect(lists - after).toBeLessThanOrEqual(1); // at most the poll already under way
    expect(poller.watchers).toBe(0);
  });
});
