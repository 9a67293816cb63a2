import { defineConfig } from 'vitest/config'

// Browser tests: each file starts its own `wrangler dev` (own port, own state) and drives the
// system Chromium through playwright-core. Run with `npm run test:e2e`. Files run one at a time:
// two wrangler dev servers and two browsers at once are too much for a 2-core CI machine.
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
})
