// The sweeper's runtime image, on the functions' base (Node and Debian's C
// libraries, pinned in tools/image.lock.yaml, non-root): the production
// bundle, nothing else. It serves nothing, so it exposes no port.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, type ImageSpec } from '@appcat/catalog';

export const IMAGE_NAME = 'appcat-backup-retention';
export const IMAGE_DIR = '/sweeper';

/** The image the CronJob runs: <name>:<the package's version>. */
export function imageReference(packageDir: string): string {
  return `${IMAGE_NAME}:${(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version}`;
}

export function sweeperImage(packageDir: string): ImageSpec {
  return {
    name: IMAGE_NAME,
    files: { [`${IMAGE_DIR}/${BUNDLE_FILE}`]: join(packageDir, BUNDLE_DIR, BUNDLE_FILE) },
    workdir: IMAGE_DIR,
    entrypoint: [IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`],
    exposedPorts: [],
  };
}
