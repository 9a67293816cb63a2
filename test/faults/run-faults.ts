/**
 * `npm run test:faults`: drives the real pipeline and delivery through each fault and every HTTP
 * route through hostile inputs, prints both tables, and exits non-zero unless every count is 0
 * and every hostile input got a clear 4xx that stored nothing. Also run by `.ci/run`.
 */
import { pipelineFaults, runPipelineFault, type FaultCounts } from './pipeline-faults'
import { runHostileInputs } from './route-inputs'
import { openWorld } from './world'

/** Silences the Worker's own log lines while a row runs (the tables are the output). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, warn: console.warn, error: console.error, info: console.info }
  console.log = console.warn = console.error = console.info = () => {}
  try {
    return await fn()
  } finally {
    Object.assign(console, saved)
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n')
}

async function main(): Promise<number> {
  const world = await openWorld()
  let bad = 0
  try {
    const rows: string[][] = []
    // FAULTS=crash npm run test:faults runs only the rows whose name contains "crash".
    const only = process.env.FAULTS?.toLowerCase()
    for (const fault of pipelineFaults().filter((f) => !only || `${f.group}: ${f.name}`.toLowerCase().includes(only))) {
      const started = performance.now()
      let c: FaultCounts
      try {
        c = await quietly(() => runPipelineFault(world, fault))
      } catch (e) {
        c = { runsFailed: 4, emailsLost: -1, emailsDuplicated: -1, viewsStale: -1, retries: 0, recorded: 0, error: `harness: ${e instanceof Error ? e.message : String(e)}` }
      }
      const ok = c.runsFailed === 0 && c.emailsLost === 0 && c.emailsDuplicated === 0 && c.viewsStale === 0
      if (!ok) bad++
      rows.push([
        `${fault.group}: ${fault.name}`,
        String(c.runsFailed),
        String(c.emailsLost),
        String(c.emailsDuplicated),
        String(c.viewsStale),
        String(c.retries),
        String(c.recorded),
        `${((performance.now() - started) / 1000).toFixed(1)} s`,
        ok ? 'ok' : `FAIL ${c.error ?? ''}`,
      ])
    }
    process.stdout.write(
      `\nFault suite: pipeline and delivery (4 cron runs per row, each retried like a runs Queue job; 250 subscribers, 2 changes each; real KV/D1 via Miniflare, real resend SDK → fake Resend)\n\n`,
    )
    process.stdout.write(`${table(['fault', 'runs failed', 'emails lost', 'emails duplicated', 'views stale', 'retries', 'failures recorded', 'time', ''], rows)}\n`)

    // With FAULTS set, only the chosen pipeline rows run.
    const routes = only ? [] : await quietly(() => runHostileInputs(world))
    const routeRows = routes.map((r) => [r.route, String(r.tried), String(r.clear4xx), r.tried === r.clear4xx ? 'ok' : 'FAIL'])
    const tried = routes.reduce((n, r) => n + r.tried, 0)
    const clear = routes.reduce((n, r) => n + r.clear4xx, 0)
    routeRows.push(['all routes', String(tried), String(clear), tried === clear ? 'ok' : 'FAIL'])
    if (!only) {
      process.stdout.write(`\nHostile inputs: each must get a clear 4xx and store nothing (every table, KV key and the email Queue compared)\n\n`)
      process.stdout.write(`${table(['route', 'inputs tried', 'clear 4xx, nothing stored', ''], routeRows)}\n`)
    }
    for (const r of routes) for (const f of r.failures) process.stdout.write(`  ${r.route}: ${f}\n`)
    bad += tried - clear
  } finally {
    await world.close()
  }
  process.stdout.write(`\n${bad === 0 ? 'fault suite: all counts are 0, every hostile input got a clear 4xx' : `fault suite: ${bad} failing row(s) or input(s)`}\n`)
  return bad === 0 ? 0 : 1
}

process.exit(await main())
