import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers'
import { readFile } from 'node:fs/promises'
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

/**
 * Some dependencies (standardwebhooks, under resend) ship a `sourceMappingURL` whose map points at
 * sources they do not publish, and Vite prints "Sourcemap for … points to missing source files"
 * for each, on every run. We never step into a dependency's sources, so dependency files are
 * loaded without their sourcemap comment: same code, no warning. (Unlike resolving, loading goes
 * through the workers project's own plugins, hence it sits there.)
 */
const dependenciesWithoutSourcemaps: Plugin = {
  name: 'season-watch:dependencies-without-sourcemaps',
  enforce: 'pre',
  async load(id) {
    const file = id.split('?')[0]!
    if (!file.includes('/node_modules/') || !/\.[cm]?js$/.test(file)) return null
    const code = await readFile(file, 'utf8').catch(() => null)
    return code === null || !code.includes('//# sourceMappingURL=') ? null : code.replace(/^\/\/# sourceMappingURL=.*$/gm, '')
  },
}

// Two projects: `workers` runs inside workerd with real KV, D1 and Queues (Miniflare);
// `node` runs what needs Node: the CLIs, loopback HTTP servers and the browser.
export default defineConfig({
  plugins: [optionalCssstyle],
  test: {
    projects: [
      {
        plugins: [
          dependenciesWithoutSourcemaps,
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
          // Files share a pool worker's runtime instead of starting one each (npm test: 78 s
          // instead of 312 s on the 2-core machine); test/apply-migrations.ts empties KV and D1
          // before each file, so no file sees another's rows. Each pool worker has its own storage.
          isolate: false,
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
