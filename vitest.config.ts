import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'migrations/**/*.test.ts'],
    // PGlite, territory imports and farm crawls share 2 cores with the other test files: generous
    // limits keep a loaded machine from failing tests that are only slower, never wrong.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
