// `make package`: the sweeper's runtime image (OCI layout and tarball, no
// Docker daemon) into dist/package/, with package.json naming its digest and
// the reference the CronJob runs it as. Needs the bundle (`make build`) and
// bin/crane (`make tools`).
import { existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_DIR, buildImage, fetchImageInputs, repoRoot } from '@appcat/catalog';
import { imageReference, sweeperImage } from '../image.js';

const root = repoRoot();
const packageDir = join(fileURLToPath(import.meta.url), '..', '..', '..');
const out = join(packageDir, PACKAGE_DIR);
const crane = join(root, 'bin', 'crane');
if (!existsSync(crane)) throw new Error(`${crane} is missing: run make tools (crane)`);
const started = performance.now();
const image = await buildImage(sweeperImage(packageDir), crane, fetchImageInputs(root), out);
const reference = imageReference(packageDir);
writeFileSync(join(out, 'package.json'), `${JSON.stringify({ reference, ...image, layout: 'image', tarball: 'image.tar' }, null, 2)}\n`);
process.stdout.write(
  `${reference}: image ${image.digest} (${(image.compressedBytes / 2 ** 20).toFixed(1)} MiB compressed, ${(image.unpackedBytes / 2 ** 20).toFixed(1)} MiB unpacked), ` +
    `${relative(root, image.tarball)}, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
