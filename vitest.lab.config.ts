import { defineConfig } from 'vitest/config';

// The lab tier (`npm run test:lab`): real Docker, real containers; not part of `npm test`.
export default defineConfig({
  test: {
    include: ['test/lab/**/*.test.ts'],
    globalSetup: ['test/support/build.ts'],
    testTimeout: 10 * 60_000,
    hookTimeout: 40 * 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
