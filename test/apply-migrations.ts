import { applyD1Migrations, env } from 'cloudflare:test'

/**
 * Runs before each test file: every file starts from empty storage with the migrations applied,
 * whether or not the pool gives it a runtime of its own (`isolate`). Files that share a runtime
 * would otherwise see each other's rows and keys.
 */
async function emptyStorage(): Promise<void> {
  for (let cursor: string | undefined; ; ) {
    const page: KVNamespaceListResult<unknown, string> = await env.STATE.list(cursor ? { cursor } : {})
    await Promise.all(page.keys.map((k) => env.STATE.delete(k.name)))
    if (page.list_complete) break
    cursor = page.cursor
  }
  // Newest first, so a table goes before the tables its foreign keys point at.
  const { results } = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY rowid DESC").all<{ name: string }>()
  for (const { name } of results) await env.DB.prepare(`DROP TABLE IF EXISTS "${name}"`).run()
}

await emptyStorage()
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
