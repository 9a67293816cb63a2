/**
 * `npm run eval:timelines`: scores every recorded timeline with the shared scorer: ours under
 * `test/fixtures/timelines/<name>/`, then the shared `dev` and `hellbound` beside the scorer in
 * `../shared/eval` (the checkout must sit next to it). Prints one line per timeline and a summary; exits 1 when any
 * timeline misses the bar (recall >= 0.9, at most 1 false alarm, final state right).
 *
 * `npm run eval:timelines -- NAME…` scores only the named timelines; `--verbose` prints the
 * scorer's full breakdown (matched, missed, false alarms) for each one.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const ours = join(root, 'test/fixtures/timelines')
const shared = resolve(root, '../shared/eval')
const scorer = join(shared, 'score.mjs')

const MIN_RECALL = 0.9
const MAX_FALSE = 1

const args = process.argv.slice(2)
const verbose = args.includes('--verbose')
const only = args.filter((a) => !a.startsWith('--'))

/** Every timeline directory (one holding a manifest and an expected file), ours first. */
function listTimelines(): string[] {
  const dirs: string[] = []
  const scan = (base: string, names: string[]) => {
    for (const name of names) {
      const dir = join(base, name)
      if (existsSync(join(dir, 'manifest.json')) && existsSync(join(dir, 'expected.json'))) dirs.push(dir)
    }
  }
  scan(ours, readdirSync(ours).filter((n) => statSync(join(ours, n)).isDirectory()).sort())
  scan(shared, ['dev', 'hellbound'])
  return only.length ? dirs.filter((d) => only.some((o) => d.endsWith(`/${o}`))) : dirs
}

interface Score {
  name: string
  line: string
  pass: boolean
  output: string
}

/** Runs the shared scorer on one timeline (it drives `npm run replay` from this checkout). */
function scoreTimeline(dir: string): Score {
  const name = relative(root, dir).replace(/^test\/fixtures\/timelines\//, '').replace(/^\.\.\/shared\/eval\//, 'shared/')
  const run = spawnSync('node', [scorer, dir, '--min-recall', String(MIN_RECALL), '--max-false', String(MAX_FALSE)], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`
  const line = (run.stdout ?? '').trim().split('\n').at(-1) ?? ''
  // score.mjs exits 1 below the recall or false-alarm bar; the final state must be right too.
  const pass = run.status === 0 && line.startsWith('score:') && line.includes('final state right')
  return { name, line: line || `no score (exit ${run.status})`, pass, output }
}

if (!existsSync(scorer)) {
  process.stderr.write(`eval:timelines: the shared scorer is missing (${relative(root, scorer)}); it must sit next to this checkout\n`)
  process.exit(2)
}
const timelines = listTimelines()
if (timelines.length === 0) {
  process.stderr.write('eval:timelines: no timeline matched\n')
  process.exit(2)
}
const scores: Score[] = []
const width = 28
for (const dir of timelines) {
  const s = scoreTimeline(dir)
  scores.push(s)
  if (verbose) process.stdout.write(`\n---- ${s.name}\n${s.output}`)
  process.stdout.write(`${s.pass ? 'pass' : 'FAIL'}  ${s.name.padEnd(width)} ${s.line.replace(/^score: /, '')}\n`)
}
const failed = scores.filter((s) => !s.pass)
process.stdout.write(`timelines: ${scores.length - failed.length}/${scores.length} pass (bar: recall >= ${MIN_RECALL}, at most ${MAX_FALSE} false alarm, final state right)${failed.length ? `; failing: ${failed.map((s) => s.name).join(', ')}` : ''}\n`)
process.exit(failed.length ? 1 : 0)
