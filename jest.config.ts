import type { Config } from 'jest';

// Middy 7 is ESM-only: transform it, and map its bare specifiers to the ESM entry (its `exports`
// has only an `import` condition, which Jest's CommonJS resolver would not pick).
const shared = {
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }] },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose)/)'],
  moduleNameMapper: {
    '^@middy/([^/]+)$': '<rootDir>/node_modules/@middy/$1/index.js',
    '^@platform/libs/(.*)$': '<rootDir>/libs/src/$1',
    '^@platform/(loans|gift-tracker)/(.*)$': '<rootDir>/packages/$1/src/$2',
    '^@platform/api-client$': '<rootDir>/packages/api-client/src/index.ts',
  },
  testEnvironment: 'node',
} satisfies Partial<Config>;

const config: Config = {
  testTimeout: 30_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/src/**/*.test.ts',
        '<rootDir>/packages/*/test/**/*.test.ts',
        '<rootDir>/services/*/test/unit/**/*.test.ts',
        '<rootDir>/scripts/**/*.test.ts',
        '<rootDir>/test/contract/**/*.test.ts',
      ],
    },
    {
      ...shared,
      displayName: 'integration',
      // test/browser: Skycap in headless Chromium, against the same platform.
      testMatch: ['<rootDir>/services/*/test/integration/**/*.test.ts', '<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
    },
    {
      ...shared,
      // The packaged CloudFormation (globalSetup runs `sls package --stage prod` for every service)
      // and the restore drill against its own DynamoDB Local: test/infra/.
      displayName: 'infra',
      testMatch: ['<rootDir>/test/infra/**/*.test.ts'],
      globalSetup: '<rootDir>/test/infra/global-setup.ts',
    },
    {
      ...shared,
      // Real faults (a paused, a killed DynamoDB Local; a stopped S3 emulator), races and generated
      // hostile input, each file against components of its own, handlers invoked directly: test/faults/.
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/faults/support/env.ts'],
    },
  ],
};

export default config;
