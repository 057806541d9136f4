import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'engine/**/*.test.ts'],
    // Slow tiers, each with its own script: the release (`npm run test:release`) and the lab,
    // which needs a real Docker engine (`npm run test:lab`, vitest.lab.config.ts).
    exclude: [...configDefaults.exclude, 'test/release/**', 'test/lab/**'],
    // Builds dist/ first when a source is newer than it (the tests drive the built CLI).
    globalSetup: ['test/support/build.ts'],
    // Guards against a hang, not speed targets: a test that spawns the CLI ten times can take minutes on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
