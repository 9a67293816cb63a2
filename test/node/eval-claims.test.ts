import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

describe('npm run eval:claims', () => {
  it('prints the per-field, per-certainty and email lines, and ends with the claims line', () => {
    const out = execFileSync('npm', ['run', '--silent', 'eval:claims'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 })
    const lines = out.trimEnd().split('\n')
    expect(lines.at(-1)).toMatch(/^claims: precision \d\.\d\d \((\d+)\/(\d+)\), recall \d\.\d\d \((\d+)\/(\d+)\)$/)
    expect(lines.at(-2)).toMatch(/^claims that can reach an email: precision \d\.\d\d \(\d+\/\d+\), recall \d\.\d\d \(\d+\/\d+\)$/)
    for (const label of ['stage', 'release', 'cast', 'trailer', 'episodes', 'confirmed', 'reported', 'speculated']) {
      expect(lines.some((l) => new RegExp(`^  ${label}\\s+precision `).test(l)), label).toBe(true)
    }
    // The right count is the same number on both sides of the last line.
    const [, right, , found] = /\((\d+)\/(\d+)\), recall \S+ \((\d+)\/(\d+)\)/.exec(lines.at(-1)!)!
    expect(right).toBe(found)
  })
})
