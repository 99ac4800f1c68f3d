// Every service through real Crossplane 2.x core: one control plane shared by
// the services (see e2e/scenario.ts for what each one proves).
import { repoRoot } from '@appcat/catalog';
import { type ControlPlane, managedKinds, startControlPlane } from '../src/e2e/index.js';
import { describeService, treeKinds } from './e2e/scenario.js';
import { SERVICES } from './e2e/services.js';

const root = repoRoot();
let plane: ControlPlane | undefined;
let kinds: ReturnType<typeof treeKinds> = [];

beforeAll(async () => {
  plane = await startControlPlane(root, '2');
  kinds = treeKinds(root, managedKinds(root, new Set(['appcat.vshn.io', 'vshn.appcat.vshn.io', 'exoscale.appcat.vshn.io'])));
  console.log(`control plane (Crossplane ${plane.crossplane.version}) started: ${JSON.stringify(plane.timings)}`);
}, 300_000);

afterAll(async () => {
  await plane?.stop();
});

for (const svc of SERVICES) {
  describe(`${svc.service} through Crossplane 2`, () => {
    describeService(
      () => {
        if (!plane) throw new Error('no control plane');
        return plane;
      },
      root,
      svc,
      () => kinds,
    );
  });
}
