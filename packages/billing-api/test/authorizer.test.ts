// Authorization of lists: few reviews, cached per user, issued concurrently.
import { Authorizer, type KubeClient } from '@appcat/billing-api';

interface Review {
  spec: { user: string; resourceAttributes: { verb: string; group: string; name?: string } };
}

function fakeKube(opts: { visible: Set<string>; listAll?: boolean; rules: 'names' | 'incomplete' }) {
  const state = { sar: 0, inFlight: 0, maxInFlight: 0, rulesReviews: 0 };
  const kube: KubeClient = {
    async request(_method, path, body) {
      if (path.endsWith('/selfsubjectrulesreviews')) {
        state.rulesReviews++;
        const resourceRules = [{ verbs: ['get'], apiGroups: ['rbac.appuio.io'], resources: ['billingentities'], resourceNames: [...opts.visible] }];
        return { status: 201, body: { status: { resourceRules, incomplete: opts.rules === 'incomplete' } } };
      }
      state.sar++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      await new Promise((r) => setTimeout(r, 1));
      state.inFlight--;
      const attrs = (body as Review).spec.resourceAttributes;
      const allowed = attrs.verb === 'list' ? opts.listAll === true : opts.visible.has(attrs.name ?? '');
      return { status: 201, body: { status: { allowed } } };
    },
  };
  return { kube, state };
}

const names = Array.from({ length: 200 }, (_, i) => `be-${i + 1}`);
const alice = { name: 'alice', groups: ['system:authenticated'], extra: {} };

describe('Authorizer.visible', () => {
  it('narrows by the user’s RBAC rules, confirms each candidate, and caches the decisions', async () => {
    const { kube, state } = fakeKube({ visible: new Set(['be-3', 'be-7', 'be-999']), rules: 'names' });
    const authz = new Authorizer(kube);
    expect([...(await authz.visible(alice, names))].sort()).toEqual(['be-3', 'be-7']);
    expect(state.sar).toBe(3); // list-all, be-3, be-7
    expect(state.rulesReviews).toBe(1);
    await authz.visible(alice, names);
    expect(state.sar).toBe(3);
  });

  it('reviews every entity, concurrently, when the rules are incomplete', async () => {
    const { kube, state } = fakeKube({ visible: new Set(['be-5']), rules: 'incomplete' });
    const authz = new Authorizer(kube, { concurrency: 8 });
    expect([...(await authz.visible(alice, names))]).toEqual(['be-5']);
    expect(state.sar).toBe(1 + names.length);
    expect(state.maxInFlight).toBeGreaterThan(1);
    expect(state.maxInFlight).toBeLessThanOrEqual(8);
  });

  it('shows everything to a user who may list all entities, in one review', async () => {
    const { kube, state } = fakeKube({ visible: new Set(), listAll: true, rules: 'names' });
    expect((await new Authorizer(kube).visible(alice, names)).size).toBe(names.length);
    expect(state.sar).toBe(1);
  });

  it('forgets a user’s decisions on request, so a new grant shows at once', async () => {
    const visible = new Set(['be-1']);
    const { kube } = fakeKube({ visible, rules: 'names' });
    const authz = new Authorizer(kube);
    expect([...(await authz.visible(alice, names))]).toEqual(['be-1']);
    visible.add('be-2');
    expect([...(await authz.visible(alice, names))]).toEqual(['be-1']);
    authz.forget(alice);
    expect([...(await authz.visible(alice, names))].sort()).toEqual(['be-1', 'be-2']);
  });

  it('keeps users apart in the cache', async () => {
    const { kube, state } = fakeKube({ visible: new Set(['be-1']), rules: 'names' });
    const authz = new Authorizer(kube);
    await authz.visible(alice, names);
    await authz.visible({ ...alice, name: 'bob' }, names);
    expect(state.sar).toBe(4);
  });
});
