import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'engine/**/*.test.ts'],
    // The lab tier needs a real Docker engine: `npm run test:lab` (vitest.lab.config.ts).
    exclude: ['**/node_modules/**', '**/dist/**', 'test/lab/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
