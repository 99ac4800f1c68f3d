// Writes deploy/crds from src/api/schema.ts; with --check, fails when they differ.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crdFiles } from '../api/crds.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'deploy', 'crds');
const check = process.argv.includes('--check');
mkdirSync(dir, { recursive: true });
let stale = 0;
for (const [name, content] of crdFiles()) {
  const path = join(dir, name);
  if (existsSync(path) && readFileSync(path, 'utf8') === content) continue;
  if (check) {
    console.error(`${path} is stale: run make generate`);
    stale++;
  } else {
    writeFileSync(path, content);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
