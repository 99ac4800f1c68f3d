import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crdFiles } from '../src/api/crds.js';

describe('generated CRDs', () => {
  it.each([...crdFiles()])('deploy/crds/%s is current (make generate)', (name, content) => {
    expect(readFileSync(join(import.meta.dirname, '..', 'deploy', 'crds', name), 'utf8')).toBe(content);
  });
});
