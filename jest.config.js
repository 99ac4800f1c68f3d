// One jest run covers every workspace package. TypeScript is transpiled per
// file (type checking is `tsc -b`, run before the tests) and loaded as ESM.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages'],
  testMatch: ['**/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@appcat/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^@appcat/([a-z-]+)/([a-z-]+)$': '<rootDir>/packages/$1/src/$2.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/.ci/summary-reporter.cjs'],
};
