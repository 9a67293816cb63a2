import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')
// The repo keeps its own copy of the contract schema so its own replay and facts checks always
// run; when ../shared is present, the copy must be identical to the published contract.
const schemaPath = join(root, 'test/fixtures/contract/replay.schema.json')
const sharedSchemaPath = resolve(root, '../shared/contract/replay.schema.json')
const devTimeline = resolve(root, '../shared/eval/dev')
const ownTimeline = join(root, 'test/fixtures/timeline')

/** The contract schema, compiled once; each check picks one of its $defs. */
function validators() {
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  addFormats.default(ajv)
  ajv.addSchema(JSON.parse(readFileSync(schemaPath, 'utf8')))
  const get = (def: string) => ajv.getSchema(`season-watch/replay#/$defs/${def}`)!
  return { run: get('runLine'), state: get('stateLine'), facts: get('factsOutput'), manifest: get('manifest') }
}

/** Runs a package script exactly as outside checks do. */
function npmRun(script: string, args: string[]): string {
  return execFileSync('npm', ['run', '--silent', script, '--', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })
}

function replayLines(dir: string): Record<string, unknown>[] {
  return npmRun('replay', [dir])
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

describe('the command contracts (test/fixtures/contract/replay.schema.json)', () => {
  const v = validators()

  it.skipIf(!existsSync(sharedSchemaPath))('our copy of the schema is identical to shared/contract/replay.schema.json', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(readFileSync(sharedSchemaPath, 'utf8'))
  })

  it('our own timeline fixture is a valid manifest', () => {
    expect(v.manifest(JSON.parse(readFileSync(join(ownTimeline, 'manifest.json'), 'utf8')))).toBe(true)
  })

  it('npm run replay prints one valid run line per run, then one valid state line', () => {
    const lines = replayLines(ownTimeline)
    const runs = lines.filter((l) => l.type === 'run')
    expect(runs).toHaveLength(4)
    for (const line of runs) expect(v.run(line), JSON.stringify(v.run.errors)).toBe(true)
    expect(lines.at(-1)?.type).toBe('state')
    expect(v.state(lines.at(-1)), JSON.stringify(v.state.errors)).toBe(true)

    // What the lines say: silent baseline, a 503 recorded, a quiet-ish run, then one email.
    expect(runs.map((r) => r.email === null)).toEqual([true, true, true, false])
    expect(runs[1]).toMatchObject({ failed: [expect.objectContaining({ url: 'https://feed.test/aouad.rss' })] })
    // One read a run (the subject's state; sources are an input), writes only when state changed.
    expect(runs.map((r) => r.kv)).toEqual([
      { reads: 1, writes: 2 },
      { reads: 1, writes: 1 },
      { reads: 1, writes: 1 },
      { reads: 1, writes: 2 },
    ])
    expect(lines.at(-1)).toMatchObject({ state: { stage: { value: 'filming' } } })
  })

  it('npm run facts prints a valid {published, claims} object', () => {
    const out = JSON.parse(npmRun('facts', [join(ownTimeline, 'pages/filming.html'), '--url', 'https://wire.test/filming'])) as Record<string, unknown>
    expect(v.facts(out), JSON.stringify(v.facts.errors)).toBe(true)
    expect(out).toMatchObject({ published: '2025-07-23', claims: expect.arrayContaining([expect.objectContaining({ field: 'stage', value: 'filming', certainty: 'confirmed', source: 'https://wire.test/filming' })]) })
  })

  it.skipIf(!existsSync(devTimeline))('replaying the shared dev timeline gives schema-valid lines', () => {
    const lines = replayLines(devTimeline)
    for (const line of lines) {
      const check = line.type === 'state' ? v.state : v.run
      expect(check(line), JSON.stringify(check.errors)).toBe(true)
    }
  })
})
