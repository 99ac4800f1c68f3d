// Kubernetes' own OpenAPI v3 schemas for core kinds (Namespace, ConfigMap,
// Secret, ObjectMeta), read from the k8s.io/kubernetes module that the test
// API server is built from, so both agree on one Kubernetes version.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isObject, type JsonObject } from '@appcat/runtime';

export function kubernetesVersion(root: string): string {
  const gomod = readFileSync(join(root, 'tools', 'kube-apiserver', 'go.mod'), 'utf8');
  const m = /^\s*k8s\.io\/kubernetes (v\S+)/m.exec(gomod);
  if (!m?.[1]) throw new Error('tools/kube-apiserver/go.mod pins no k8s.io/kubernetes version');
  return m[1];
}

/** The module directory of k8s.io/kubernetes, downloaded through the Go module proxy when missing. */
export function kubernetesModuleDir(root: string): string {
  const version = kubernetesVersion(root);
  const cache = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
  const dir = join(cache, 'k8s.io', `kubernetes@${version}`);
  if (existsSync(dir)) return dir;
  const out = execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], { cwd: join(root, 'tools', 'kube-apiserver'), encoding: 'utf8' });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

export interface OpenAPIDocument {
  /** Component schemas keyed by name (io.k8s.api.core.v1.ConfigMap). */
  schemas: Record<string, JsonObject>;
}

/** Loads the given group-version documents (`api__v1`, `apis__rbac.authorization.k8s.io__v1`). */
export function loadKubeOpenAPI(root: string, documents: readonly string[]): OpenAPIDocument {
  const dir = join(kubernetesModuleDir(root), 'api', 'openapi-spec', 'v3');
  const schemas: Record<string, JsonObject> = {};
  for (const name of documents) {
    const doc = JSON.parse(readFileSync(join(dir, `${name}_openapi.json`), 'utf8')) as JsonObject;
    const components = isObject(doc['components']) && isObject(doc['components']['schemas']) ? doc['components']['schemas'] : {};
    for (const [k, v] of Object.entries(components)) if (isObject(v)) schemas[k] = v;
  }
  return { schemas };
}
