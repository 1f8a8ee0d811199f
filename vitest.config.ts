import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/test-deps.ts', 'test/setup/postgres.ts', 'test/browser/setup.ts'],
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/yield.ts'],
    testTimeout: 30_000,
  },
});
