import { defineConfig } from 'vitest/config';

/** Unit and integration tests (Node). End-to-end tests live in test/e2e and run under Playwright. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    
  },
});
