import { describe, expect, it } from 'vitest'
import type { Change, Facts } from '../../../src/core/types'
import { renderUpdateEmail } from '../../../src/mail/render/render-email'
import { joinNames, subjectFor } from '../../../src/mail/render/subject-line'
import { DEMO_NEWS_ORIGIN } from '../../../src/site/demo/demo-origin'

const TITLE = 'Show Name Season 2'
const ANNOUNCEMENT = 'The studio confirmed that Ann Lee returns as Mira and Bo Kim returns as Jun.'
const SOURCES = ['https://news.example/a', 'https://other.example/b']

const stage = (to: string, extra: Partial<Change> = {}): Change => ({
  field: 'stage',
  material: true,
  from: 'renewed',
  to,
  certainty: 'confirmed',
  sources: SOURCES,
  evidence: 'The studio confirmed that filming has begun.',
  asOf: '2025-07-14',
  ...extra,
})
const cast = (actor: string, status = 'returning', extra: Partial<Change> = {}): Change => ({
  field: 'cast',
  material: true,
  from: null,
  to: { actor, role: null, status },
  certainty: 'confirmed',
  sources: SOURCES,
  evidence: ANNOUNCEMENT,
  asOf: '2025-07-14',
  ...extra,
})

describe('the update email subject', () => {
  it('reads like a person wrote it: the biggest change, then the actors together', () => {
    expect(subjectFor([cast('Ann Lee'), stage('filming'), cast('Bo Kim')], TITLE)).toBe('Filming has begun on Show Name Season 2; Ann Lee and Bo Kim return')
  })

  it('names joining and leaving actors in their own clauses, and other news briefly', () => {
    const subject = subjectFor(
      [stage('post-production'), cast('Cy Park', 'new'), { ...cast('Di Han'), to: null, from: { actor: 'Di Han', role: null, status: 'returning' } }],
      TITLE,
    )
    expect(subject).toBe('Filming has wrapped on Show Name Season 2; Cy Park joins the cast; Di Han leaves')
    const trailer: Change = { field: 'trailer', material: true, from: null, to: { kind: 'teaser', date: null, url: null }, sources: [], evidence: null }
    expect(subjectFor([stage('filming'), trailer], TITLE)).toBe('Filming has begun on Show Name Season 2; the first teaser is out')
  })

  it('leads with the cast when only actors changed', () => {
    expect(subjectFor([cast('Ann Lee'), cast('Bo Kim'), cast('Cy Park')], TITLE)).toBe('Ann Lee, Bo Kim and Cy Park return for Show Name Season 2')
    expect(subjectFor([cast('Ann Lee')], TITLE)).toBe('Ann Lee returns for Show Name Season 2')
  })

  it('counts what does not fit instead of running on, and never says "(+2 more)"', () => {
    const long = Array.from({ length: 6 }, (_, i) => cast(`Actor Number ${i} With A Long Name`, i % 2 ? 'new' : 'returning', { evidence: `e${i}` }))
    const subject = subjectFor([stage('filming'), ...long], TITLE)
    expect(subject.length).toBeLessThanOrEqual(110)
    expect(subject).toMatch(/^Filming has begun on Show Name Season 2(; .+)?, and \d+ more( updates?)?$/)
    expect(subject).not.toContain('(+')
  })

  it('ignores changes that are not material', () => {
    expect(subjectFor([stage('filming'), cast('Ann Lee', 'returning', { material: false })], TITLE)).toBe('Filming has begun on Show Name Season 2')
    expect(subjectFor([], TITLE)).toBe('News about Show Name Season 2')
  })

  it('joins names the way people do', () => {
    expect(joinNames(['A'])).toBe('A')
    expect(joinNames(['A', 'B'])).toBe('A and B')
    expect(joinNames(['A', 'B', 'C'])).toBe('A, B and C')
  })
})

describe('the update email body', () => {
  const facts: Facts = { stage: null, release: { status: 'none', date: null, window: null, text: null }, cast: [], trailer: null, episodes: null }
  const render = (changes: Change[], publicUrl = 'https://watch.example') =>
    renderUpdateEmail({ changes, facts, showTitle: 'Show Name', season: 2, publicUrl })

  it('quotes a sentence that supports several changes once, under all their headlines', () => {
    const email = render([stage('filming'), cast('Ann Lee'), cast('Bo Kim')])
    expect(email.text.split(ANNOUNCEMENT).length - 1).toBe(1)
    expect(email.html.split(ANNOUNCEMENT).length - 1).toBe(1)
    const ann = email.text.indexOf('* Ann Lee returns for Show Name Season 2')
    const bo = email.text.indexOf('* Bo Kim returns for Show Name Season 2')
    const quote = email.text.indexOf(`“${ANNOUNCEMENT}”`)
    expect(ann).toBeGreaterThan(0)
    expect(bo).toBeGreaterThan(ann)
    expect(quote).toBeGreaterThan(bo)
    // Dated by the evidence, not by when the run happened.
    expect(email.text).toContain('Confirmed · 14 Jul 2025')
  })

  it('links demo news to the site that sends the email', () => {
    const email = render([stage('filming', { sources: [`${DEMO_NEWS_ORIGIN}/demo/articles/x`] })], 'http://localhost:8801')
    expect(email.text).toContain('- http://localhost:8801/demo/articles/x')
    expect(email.html).toContain('href="http://localhost:8801/demo/articles/x"')
    expect(email.text + email.html).not.toContain(DEMO_NEWS_ORIGIN)
  })
})
