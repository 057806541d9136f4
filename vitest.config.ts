import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'engine/**/*.test.ts'],
    // The release test builds and installs the release (slow): `npm run test:release`.
    exclude: [...configDefaults.exclude, 'test/release/**'],
    // Builds dist/ first when a source is newer than it (the tests drive the built CLI).
    globalSetup: ['test/support/build.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
