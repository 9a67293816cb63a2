import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

/** `npm run --silent facts -- …` exactly as the README tells people to run it. */
function facts(args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', 'facts', '--', ...args], { cwd: root, encoding: 'utf8' })
  return { code: run.status, stdout: run.stdout, stderr: run.stderr }
}

describe('npm run facts on bad input', () => {
  it('says in one line that a file is missing, and exits non-zero', () => {
    const run = facts(['no-such-page.html'])
    expect(run.code).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toBe('facts: cannot read page no-such-page.html: no such file\n')
  })

  it('says so when the page is a directory or the subject is not JSON', () => {
    expect(facts(['test']).stderr).toBe('facts: cannot read page test: it is a directory\n')
    const bad = facts(['package.json', '--subject', 'README.md'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^facts: subject file README\.md is not valid JSON: .+\n$/)
    expect(bad.stderr.split('\n')).toHaveLength(2)
  })

  it('prints usage and exits 2 without a file', () => {
    const run = facts([])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('usage: npm run --silent facts -- FILE.html')
  })

  it('prints only the JSON on stdout with --silent, so it can be piped', () => {
    const run = facts(['package.json'])
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ published: null, claims: [] })
  })
})

describe('the CLIs piped into a reader that stops early', () => {
  const timeline = resolve(root, 'test/fixtures/timelines/northwater-s3')
  it.runIf(existsSync(timeline))('end quietly with exit 0 when `head` closes the pipe (no EPIPE stack)', () => {
    // pipefail: the pipeline's status is replay's own, not head's.
    const run = spawnSync('bash', ['-c', 'set -o pipefail; npm run --silent replay -- "$1" | head -c 1 >/dev/null', 'bash', timeline], { cwd: root, encoding: 'utf8', timeout: 120_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
  })
})
