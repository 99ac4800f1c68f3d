// The operator's runtime image (`make package`): what the Deployment runs, and
// that it holds exactly the bundle and template engine this tree builds.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_DIR, BUNDLE_FILE, IMAGE_NODE, IMAGE_USER, PACKAGE_DIR, readImageLayout, repoRoot } from '@appcat/catalog';
import { parseAllDocuments } from 'yaml';
import { IMAGE_DIR, IMAGE_WASM, imageReference } from '../src/image.js';

const root = repoRoot();
const packageDir = join(import.meta.dirname, '..');
const out = join(packageDir, PACKAGE_DIR);

const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('integration operator image', () => {
  const built = join(out, 'package.json');

  it('is what the Deployment runs', () => {
    if (!existsSync(built)) throw new Error(`${built} is missing: run make package`);
    const { reference } = JSON.parse(readFileSync(built, 'utf8')) as { reference: string };
    const deployment = parseAllDocuments(readFileSync(join(packageDir, 'deploy', 'operator.yaml'), 'utf8'))
      .map((d) => d.toJS() as { kind: string; spec?: { template: { spec: { containers: { image: string }[] } } } })
      .find((d) => d.kind === 'Deployment');
    expect(reference).toBe(imageReference(packageDir));
    expect(deployment?.spec?.template.spec.containers[0]?.image).toBe(reference);
  });

  it('starts the bundle as non-root with the template engine it names', () => {
    const { config, layers } = readImageLayout(join(out, 'image'));
    expect(config.config.Entrypoint).toEqual([IMAGE_NODE, `${IMAGE_DIR}/${BUNDLE_FILE}`]);
    expect(config.config.User).toBe(IMAGE_USER);
    expect(config.config.WorkingDir).toBe(IMAGE_DIR);
    expect(config.config.Env).toContain(`INTEGRATION_TEMPLATE_WASM=${IMAGE_WASM}`);
    expect(Object.keys(config.config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    // The program's layer (the last; the first is the functions' base) holds this tree's bundle and engine, nothing else.
    const rootfs = mkdtempSync(join(tmpdir(), 'operator-image-'));
    try {
      execFileSync('tar', ['--extract', '--gzip', '--file', layers.at(-1) ?? '', '--directory', rootfs]);
      const listing = execFileSync('tar', ['--list', '--gzip', '--file', layers.at(-1) ?? ''], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .sort();
      expect(listing).toEqual(['./', './operator/', './operator/main.mjs', './operator/template.wasm']);
      expect(sha256(join(rootfs, IMAGE_DIR, BUNDLE_FILE))).toBe(sha256(join(packageDir, BUNDLE_DIR, BUNDLE_FILE)));
      expect(sha256(join(rootfs, IMAGE_WASM))).toBe(sha256(join(root, 'bin', 'template.wasm')));
    } finally {
      rmSync(rootfs, { recursive: true, force: true });
    }
  });
});
