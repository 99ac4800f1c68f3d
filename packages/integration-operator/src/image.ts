// The operator's runtime image, on the same base as the functions' (Node and
// Debian's C libraries, pinned in tools/image.lock.yaml, non-root): the
// production bundle and the template engine's wasm, which the program finds
// through INTEGRATION_TEMPLATE_WASM. Node's flags come from the Deployment's
// NODE_OPTIONS, where the bench reads them too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, type ImageSpec } from '@appcat/catalog';

export const IMAGE_NAME = 'appcat-integration-operator';
export const IMAGE_DIR = '/operator';
export const IMAGE_WASM = `${IMAGE_DIR}/template.wasm`;

/** The image the Deployment runs: <name>:<the package's version>. */
export function imageReference(packageDir: string): string {
  return `${IMAGE_NAME}:${(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version}`;
}

export function operatorImage(root: string, packageDir: string): ImageSpec {
  return {
    name: IMAGE_NAME,
    files: { [`${IMAGE_DIR}/${BUNDLE_FILE}`]: join(packageDir, BUNDLE_DIR, BUNDLE_FILE), [IMAGE_WASM]: join(root, 'bin', 'template.wasm') },
    workdir: IMAGE_DIR,
    entrypoint: [IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`],
    exposedPorts: ['8080/tcp'],
    env: [`INTEGRATION_TEMPLATE_WASM=${IMAGE_WASM}`],
  };
}
