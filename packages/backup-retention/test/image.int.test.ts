// The sweeper's runtime image (`make package`): what the CronJob runs, and
// that it holds exactly the bundle this tree builds.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, IMAGE_USER, readImageLayout, readPackagedImage, readProgramLayer, repoRoot } from '@appcat/catalog';
import { parseAllDocuments } from 'yaml';
import { IMAGE_DIR, imageReference } from '../src/image.js';

const packageDir = join(import.meta.dirname, '..');

describe('backup retention sweeper image', () => {
  it('is what the CronJob runs', () => {
    const { reference } = readPackagedImage(packageDir);
    const cronJob = parseAllDocuments(readFileSync(join(repoRoot(), 'platform', 'backup-retention.yaml'), 'utf8'))
      .map((d) => d.toJS() as { kind: string; spec?: { jobTemplate: { spec: { template: { spec: { containers: { image: string }[] } } } } } })
      .find((d) => d.kind === 'CronJob');
    expect(reference).toBe(imageReference(packageDir));
    expect(cronJob?.spec?.jobTemplate.spec.template.spec.containers[0]?.image).toBe(reference);
  });

  it('starts the bundle as non-root and holds nothing else', () => {
    const { layout } = readPackagedImage(packageDir);
    const { config } = readImageLayout(layout);
    expect(config.config.Entrypoint).toEqual([IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`]);
    expect(config.config.User).toBe(IMAGE_USER);
    expect(config.config.WorkingDir).toBe(IMAGE_DIR);
    expect(config.config.ExposedPorts).toBeUndefined();
    const layer = readProgramLayer(layout);
    expect(layer.listing).toEqual(['./', './sweeper/', './sweeper/main.mjs']);
    const bundle = createHash('sha256')
      .update(readFileSync(join(packageDir, BUNDLE_DIR, BUNDLE_FILE)))
      .digest('hex');
    expect(layer.sha256.get(`${IMAGE_DIR}/${BUNDLE_FILE}`)).toBe(bundle);
  });
});
