// One jest run covers every workspace package, in two tiers: `unit` needs
// nothing but Node (no Go tools, no CRDs); `integration` (*.int.test.ts)
// needs the Go tools and the pinned CRDs. TypeScript is transpiled per file
// (type checking is tsc, run before the tests) and loaded as ESM.
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
  reporters: ['default', '<rootDir>/.ci/summary-reporter.cjs'],
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['**/test/**/*.test.ts'], testPathIgnorePatterns: ['\\.int\\.test\\.ts$'] },
    { ...shared, displayName: 'integration', testMatch: ['**/test/**/*.int.test.ts'] },
  ],
};
