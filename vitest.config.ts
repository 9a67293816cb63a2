import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { defineConfig, type Plugin } from 'vitest/config'

/**
 * linkedom does `try { require("cssstyle") } catch {}` for an optional package we do not install.
 * Deployed, that require throws and is caught. Under the Workers pool, workerd asks the pool's
 * module fallback service, which logs two lines for every unresolvable require (hundreds per
 * run, all for passing tests). Resolving the name to a module that throws the same way keeps
 * linkedom on the same code path, quietly. The pool resolves through the root Vite server,
 * hence a root-level plugin.
 */
const optionalCssstyle: Plugin = {
  name: 'season-watch:optional-cssstyle',
  enforce: 'pre',
  resolveId: (id) => (id === 'cssstyle' ? new URL('./test/support/missing-optional-module.cjs', import.meta.url).pathname : null),
}

// Two projects: `workers` runs inside workerd with real KV, D1 and Queues (Miniflare);
// `node` runs what needs Node: the CLIs, loopback HTTP servers and the browser.
export default defineConfig({
  plugins: [optionalCssstyle],
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            main: './src/index.ts',
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: { TEST_MIGRATIONS: await readD1Migrations('./migrations') },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/**/*.test.ts'],
          exclude: ['test/node/**', 'test/e2e/**'],
          // quiet-logs: the app's log lines are printed only for a failing test.
          setupFiles: ['./test/apply-migrations.ts', './test/support/quiet-logs.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/node/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
    ],
  },
})
