// One real control plane for the end-to-end tests: etcd, kube-apiserver,
// Crossplane core (2.x or 1.20), kube-controller-manager, a local registry,
// the catalog's four functions installed as packages and served as local
// mTLS processes, every provider and operator CRD of tools/crds.lock.yaml,
// our XRDs and Compositions, and the providers played (providers.ts).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { materialiseCRDs, packageDirOf } from '@appcat/catalog';
import { getString, readYamlDocuments } from '@appcat/runtime';
import {
  type Crossplane,
  type CrossplaneLine,
  type FunctionProcess,
  Kube,
  type Obj,
  type TestEnv,
  conditionTrue,
  crossplaneCLI,
  installFunction,
  publishFunction,
  serveFunctionProcess,
  startControllerManager,
  startCrossplane,
  startRegistry,
  startTestEnv,
  until,
} from '@appcat/testenv';
import { ProviderPlayer, managedKinds, observedByComposition } from './providers.js';

export interface ControlPlane {
  line: CrossplaneLine;
  env: TestEnv;
  crossplane: Crossplane;
  kube: Kube;
  functions: Map<string, FunctionProcess>;
  providers: ProviderPlayer;
  /** Milliseconds each phase of the start took. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Installs the functions of compositions/functions.yaml as packages, served by local processes. */
async function installFunctions(root: string, env: TestEnv, crossplane: Crossplane): Promise<Map<string, FunctionProcess>> {
  const registry = await startRegistry(env);
  const names = readYamlDocuments(join(root, 'compositions', 'functions.yaml')).map((f) => getString(f, 'metadata.name') ?? '');
  const served = new Map<string, FunctionProcess>();
  await Promise.all(
    names.map(async (name) => {
      const dir = packageDirOf(root, name);
      // --debug: the runtime logs one line per RunFunction call, which the bench counts.
      const fn = await serveFunctionProcess(env, crossplane, { name, command: process.execPath, args: [join(dir, 'dist', 'main.js'), '--debug'] });
      served.set(name, fn);
      // The xpkg `make package` built (runtime image embedded), as a cluster would pull it.
      const built = join(dir, 'dist', 'package', `${name}.xpkg`);
      const xpkg = existsSync(built) ? { xpkg: built } : {};
      const ref = await publishFunction({ name, packageRoot: join(dir, 'package'), ...xpkg }, registry.host, {
        cli: crossplaneCLI(crossplane.line),
        workDir: join(env.dir, 'xpkg'),
      });
      await installFunction(env, crossplane, ref, fn);
    }),
  );
  return served;
}

export async function startControlPlane(root: string, line: CrossplaneLine = '2'): Promise<ControlPlane> {
  const timings: Record<string, number> = {};
  let t = Date.now();
  const lap = (what: string): void => {
    timings[what] = Date.now() - t;
    t = Date.now();
  };
  const crds = await materialiseCRDs();
  const env = await startTestEnv({ startTimeoutMs: 60_000 });
  lap('apiserver');
  try {
    const providerCRDs = readdirSync(crds)
      .filter((d) => !d.startsWith('crossplane') && statSync(join(crds, d)).isDirectory())
      .map((d) => join(crds, d));
    await env.installCRDs(providerCRDs, {
      timeoutMs: 60_000,
      // The Object CRD's conversion webhook needs a running provider; one version is stored.
      transform: (crd) =>
        crd.metadata.name === 'objects.kubernetes.crossplane.io' ? { ...crd, spec: { ...crd.spec, conversion: { strategy: 'None' } } } : crd,
    });
    lap('providerCRDs');
    const crossplane = await startCrossplane(env, { line });
    lap('crossplane');
    const kube = new Kube(env.call);
    const functions = await installFunctions(root, env, crossplane);
    lap('functions');

    const xrds: Obj[] = yamlFiles(join(root, 'xrds')).flatMap((f) => readYamlDocuments(f) as unknown as Obj[]);
    for (const xrd of xrds) await kube.create(xrd);
    for (const file of yamlFiles(join(root, 'compositions')).filter((f) => !f.endsWith('functions.yaml'))) {
      for (const comp of readYamlDocuments(file) as unknown as Obj[]) await kube.create(comp);
    }
    for (const xrd of xrds) {
      await until(
        `XRD ${xrd.metadata.name} established and offered`,
        async () => {
          const got = await kube.get(xrd.apiVersion, xrd.kind, xrd.metadata.name);
          return got && conditionTrue(got, 'Established') && conditionTrue(got, 'Offered') ? true : undefined;
        },
        90_000,
      );
    }
    lap('xrds');
    // After the composite and claim kinds exist: its garbage collector finds new kinds only every 30 s.
    await startControllerManager(env);
    for (const ns of ['appcat-control']) await kube.ensure({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });

    const compositeGroups = new Set(xrds.map((x) => getString(x, 'spec.group') ?? ''));
    const providers = new ProviderPlayer(kube, observedByComposition(root), managedKinds(root, compositeGroups));
    providers.start();
    env.onStop(() => providers.stop());
    lap('controllers');
    return { line, env, crossplane, kube, functions, providers, timings, stop: () => env.stop() };
  } catch (err) {
    await env.stop();
    throw err;
  }
}
