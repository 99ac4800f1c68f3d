// The operator's runtime image (`make package`): what the Deployment runs, and
// that it holds exactly the bundle and template engine this tree builds.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, IMAGE_USER, readImageLayout, readPackagedImage, readProgramLayer, repoRoot } from '@appcat/catalog';
import { parseAllDocuments } from 'yaml';
import { IMAGE_DIR, IMAGE_WASM, imageReference } from '../src/image.js';

const root = repoRoot();
const packageDir = join(import.meta.dirname, '..');

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('integration operator image', () => {
  it('is what the Deployment runs', () => {
    const { reference } = readPackagedImage(packageDir);
    const deployment = parseAllDocuments(readFileSync(join(packageDir, 'deploy', 'operator.yaml'), 'utf8'))
      .map((d) => d.toJS() as { kind: string; spec?: { template: { spec: { containers: { image: string }[] } } } })
      .find((d) => d.kind === 'Deployment');
    expect(reference).toBe(imageReference(packageDir));
    expect(deployment?.spec?.template.spec.containers[0]?.image).toBe(reference);
  });

  it('starts the bundle as non-root with the template engine it names', () => {
    const { layout } = readPackagedImage(packageDir);
    const { config } = readImageLayout(layout);
    expect(config.config.Entrypoint).toEqual([IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`]);
    expect(config.config.User).toBe(IMAGE_USER);
    expect(config.config.WorkingDir).toBe(IMAGE_DIR);
    expect(config.config.Env).toContain(`INTEGRATION_TEMPLATE_WASM=${IMAGE_WASM}`);
    expect(Object.keys(config.config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    // The program's layer (the last; the first is the functions' base) holds this tree's bundle and engine, nothing else.
    const layer = readProgramLayer(layout);
    expect(layer.listing).toEqual(['./', './operator/', './operator/main.mjs', './operator/template.wasm']);
    expect(layer.sha256.get(`${IMAGE_DIR}/${BUNDLE_FILE}`)).toBe(sha256(join(packageDir, BUNDLE_DIR, BUNDLE_FILE)));
    expect(layer.sha256.get(IMAGE_WASM)).toBe(sha256(join(root, 'bin', 'template.wasm')));
  });
});
