import { defineConfig } from 'vitest/config'

/**
 * Two projects: the unit suite (no browser, no build; files run in
 * parallel) and the suites that build fixture workshops, drive the browser
 * or run labs (files one by one: they share the machine's two cores and one
 * browser each). `npm test` runs both; `npm run test:unit` the first.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // Unit files share their workers' module cache: importing marp-core and the loaders once per worker, not once per file.
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'slow',
          include: ['test/integration/**/*.test.ts', 'test/property/**/*.test.ts', 'test/content/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
