import type { Config } from 'jest';
import base from './jest.config';

// `npm test`'s second step: the proofs that need the first step's results (the AWS calls the
// integration tests recorded) and the packaged prod templates (packaged, or reused, by its globalSetup).
const infra = (base.projects as Config[]).find((p) => p.displayName === 'infra') as Config;

const config: Config = {
  testTimeout: 30_000,
  projects: [{ ...infra, displayName: 'proof', testMatch: ['<rootDir>/test/proof/**/*.test.ts'] }],
};

export default config;
