import { defineConfig } from 'vitest/config'

// Three projects: pure units, server procedures on an in-memory database, and end-to-end
// (the built server driven over HTTP and through Debian's Chromium).
export default defineConfig({
  test: {
    // In CI a JSON report lets .ci/run print one plain summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/results.json' }]] : ['default'],
    // Two test files at a time on two cores: many tests wait on child processes, sockets and
    // timers, and a single worker left a core idle for most of the unit and server run.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 20_000, hookTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One server and one browser at a time: the machines have two cores. Files that run one
          // at a time run after the other projects, which need no build (see global-setup.ts).
          fileParallelism: false,
        },
      },
    ],
  },
})
