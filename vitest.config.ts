import { defineConfig } from 'vitest/config';

// Unit and integration tests: everything that runs in plain Node beside the code it tests.
export default defineConfig({
  test: {
    include: [
      'common/**/*.test.ts',
      'lint/**/*.test.ts',
      'main/**/*.test.ts',
      'bench/**/*.test.ts',
      'platform/**/*.test.ts',
      'renderer/**/*.test.ts',
      'preload/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    environment: 'node',
    globalSetup: ['testSupport/scratchDir.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
