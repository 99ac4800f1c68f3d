// Every example claim, and every example composite that is not an invalid
// case, validates against its XRD with the Crossplane CLI's offline
// validation (XRDs converted to CRDs the way Crossplane does).
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findExamples, materialiseCRDs, repoRoot } from '@appcat/catalog';
import { crankPath, crankValidate } from '../src/index.js';

const root = repoRoot();
const crank = crankPath(root);
const xrds = join(root, 'xrds');
let crds: string;

beforeAll(async () => {
  crds = await materialiseCRDs();
}, 300_000);

function claimFiles(): string[] {
  const examples = join(root, 'examples');
  return readdirSync(examples)
    .map((svc) => join(examples, svc, 'claims'))
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
    .flatMap((dir) =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => join(dir, f)),
    );
}

test('every service has example claims', () => {
  const services = new Set(claimFiles().map((f) => f.split('/').slice(-3)[0]));
  for (const xrd of readdirSync(xrds)) expect(services).toContain(xrd.replace(/\.yaml$/, ''));
});

test('every example claim validates against its XRD', async () => {
  const outcome = await crankValidate(crank, crds, [xrds], claimFiles());
  expect(outcome.output).toMatch(/0 missing schemas/);
  expect(outcome.ok).toBe(true);
});

test('every example composite outside invalid/ validates against its XRD', async () => {
  const xrs = findExamples(root)
    .filter((c) => !c.id.includes('/invalid/'))
    .map((c) => c.xr);
  const outcome = await crankValidate(crank, crds, [xrds], xrs);
  expect(outcome.output).toMatch(/0 missing schemas/);
  expect(outcome.ok).toBe(true);
});

test('a wrong claim fails, naming the field and what is allowed', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bad-claim-'));
  try {
    const file = join(dir, 'claim.yaml');
    writeFileSync(
      file,
      'apiVersion: vshn.appcat.vshn.io/v1\nkind: VSHNPostgreSQL\nmetadata:\n  name: bad\n  namespace: shop\nspec:\n  parameters:\n    size:\n      plan: standard-16\n    typo: 1\n',
    );
    const outcome = await crankValidate(crank, crds, [xrds], [file]);
    expect(outcome.ok).toBe(false);
    expect(outcome.output).toContain(
      'spec.parameters.size.plan: Unsupported value: "standard-16": supported values: "standard-2", "standard-4", "standard-8"',
    );
    expect(outcome.output).toContain('unknown field: "typo"');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
