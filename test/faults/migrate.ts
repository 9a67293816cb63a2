import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The statements of one migration file: split on `;` at line ends, triggers (BEGIN … END;) kept whole. */
export function splitSql(sql: string): string[] {
  const out: string[] = []
  let current: string[] = []
  let inBlock = false
  for (const raw of sql.split('\n')) {
    const line = raw.replace(/--.*$/, '').trimEnd()
    if (!line.trim()) continue
    current.push(line)
    if (/\bBEGIN\s*$/i.test(line)) inBlock = true
    if (inBlock ? /^\s*END;\s*$/i.test(line) : line.endsWith(';')) {
      out.push(current.join('\n').replace(/;\s*$/, ''))
      current = []
      inBlock = false
    }
  }
  if (current.length > 0) out.push(current.join('\n'))
  return out
}

/** Applies migrations/*.sql in file order to a fresh D1, as `wrangler d1 migrations apply` does. */
export async function applySqlMigrations(db: D1Database, dir = 'migrations'): Promise<void> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
    const statements = splitSql(readFileSync(join(dir, file), 'utf8'))
    await db.batch(statements.map((s) => db.prepare(s)))
  }
}
