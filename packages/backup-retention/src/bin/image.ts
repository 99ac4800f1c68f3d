// `make package`: the sweeper's runtime image (OCI layout and tarball, no
// Docker daemon) into dist/package/, with package.json naming its digest and
// the reference the CronJob runs it as. Needs the bundle (`make build`) and
// bin/crane (`make tools`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageImage, repoRoot } from '@appcat/catalog';
import { imageReference, sweeperImage } from '../image.js';

const root = repoRoot();
const packageDir = join(fileURLToPath(import.meta.url), '..', '..', '..');
process.stdout.write(await packageImage(root, packageDir, sweeperImage(packageDir), imageReference(packageDir)));
