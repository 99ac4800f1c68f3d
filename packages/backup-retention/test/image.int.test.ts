// The sweeper's runtime image (`make package`): what the CronJob runs, and
// that it holds exactly the bundle this tree builds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, IMAGE_USER, PACKAGE_DIR, readImageLayout, repoRoot } from '@appcat/catalog';
import { parseAllDocuments } from 'yaml';
import { IMAGE_DIR, imageReference } from '../src/image.js';

const packageDir = join(import.meta.dirname, '..');
const out = join(packageDir, PACKAGE_DIR);

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('backup retention sweeper image', () => {
  const built = join(out, 'package.json');

  it('is what the CronJob runs', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run make package`);
    const { reference } = JSON.parse(readFileSync(built, 'utf8')) as { reference: string };
    const cronJob = parseAllDocuments(readFileSync(join(repoRoot(), 'platform', 'backup-retention.yaml'), 'utf8'))
      .map((d) => d.toJS() as { kind: string; spec?: { jobTemplate: { spec: { template: { spec: { containers: { image: string }[] } } } } } })
      .find((d) => d.kind === 'CronJob');
    expect(reference).toBe(imageReference(packageDir));
    expect(cronJob?.spec?.jobTemplate.spec.template.spec.containers[0]?.image).toBe(reference);
  });

  it('starts the bundle as non-root and holds nothing else', () => {
    const { config, layers } = readImageLayout(join(out, 'image'));
    expect(config.config.Entrypoint).toEqual([IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`]);
    expect(config.config.User).toBe(IMAGE_USER);
    expect(config.config.WorkingDir).toBe(IMAGE_DIR);
    expect(config.config.ExposedPorts).toBeUndefined();
    const rootfs = mkdtempSync(join(tmpdir(), 'sweeper-image-'));
    try {
      execFileSync('tar', ['--extract', '--gzip', '--file', layers.at(-1) ?? '', '--directory', rootfs]);
      const listing = execFileSync('tar', ['--list', '--gzip', '--file', layers.at(-1) ?? ''], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .sort();
      expect(listing).toEqual(['./', './sweeper/', './sweeper/main.mjs']);
      expect(sha256(join(rootfs, IMAGE_DIR, BUNDLE_FILE))).toBe(sha256(join(packageDir, BUNDLE_DIR, BUNDLE_FILE)));
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  });
});
