// `crds`: lays out the pinned CRDs in their cache (see crds.ts) and prints
// where, so that the tests find them there instead of fetching them while
// other test files run.
import { materialiseCRDs } from '../crds.js';

process.stdout.write(`${await materialiseCRDs()}\n`);
