// One jest run covers every workspace package, in two tiers: `unit` needs
// nothing but Node (no Go tools, no CRDs); `integration` (*.int.test.ts)
// needs the Go tools and the pinned CRDs. TypeScript is transpiled per file
// (type checking is tsc, run before the tests) and loaded as ESM.
import { availableParallelism } from 'node:os';

const shared = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@appcat/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@appcat/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 60000,
  // At least two test files at once: the end-to-end files spend most of their
  // time waiting on Crossplane's reconciles, and jest's default of one worker
  // fewer than the cores would run every file one after the other on two.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  reporters: ['default', '<rootDir>/.ci/summary-reporter.cjs'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.int\\.test\\.ts$'] },
    { ...shared, displayName: 'integration', testMatch: ['**/test/**/*.int.test.ts'] },
  ],
};
