/**
 * Hostile pages (issue 9): each one decoded and extracted, timed side by side with the realistic
 * page. Each must cost at most 50 ms and end in claims or a refusal (`UnreadablePageError`),
 * which the cron records as that source's failure.
 */
import type { Subject } from '../src/core/types'
import { extractDocument } from '../src/pipeline/extract/extract-document'
import { createSubjectMatcher } from '../src/pipeline/extract/subject-matcher'
import { decodeBody } from '../src/pipeline/fetch/decode'
import subjectJson from '../data/subject.json' with { type: 'json' }
import { buildHostilePages, type HostilePage } from '../test/fixtures/hostile/hostile-pages'
import { buildRealisticPage } from './realistic-page'

const subject = subjectJson as Subject
/** The ceiling issue 9 sets for one hostile page. */
const CEILING_MS = 50

interface Outcome {
  ms: number
  result: string
}

/** Decode + extract, as the cron does for a fetched body; a refusal is an outcome, not a crash. */
function extractOnce(page: HostilePage, matcher: ReturnType<typeof createSubjectMatcher>): string {
  const text = typeof page.body === 'string' ? page.body : decodeBody(page.body, page.contentType).text
  try {
    const { claims } = extractDocument(text, { url: 'https://bench.example/hostile', subject, matcher, fetchedAt: '2025-07-24T00:00:00Z' })
    return `${claims.length} claims`
  } catch (e) {
    return `refused: ${e instanceof Error ? e.message : String(e)}`
  }
}

/** Median of `runs` timed runs after two warm-up runs (hostile pages are slow; keep it short). */
function measure(page: HostilePage, matcher: ReturnType<typeof createSubjectMatcher>, runs = 9): Outcome {
  let result = ''
  for (let i = 0; i < 2; i++) result = extractOnce(page, matcher)
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    extractOnce(page, matcher)
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return { ms: times[Math.floor(times.length / 2)]!, result }
}

const HEAD = '<!doctype html><html lang="en"><head><title>All of Us Are Dead Season 2</title></head><body>'
const NEWS = '<p>Netflix confirmed that filming of All of Us Are Dead Season 2 has begun.</p>'
const SENTENCES = 'Netflix confirmed that filming of All of Us Are Dead Season 2 has begun with Park Ji-hu. '

/** Pages just inside the document budget: read, not refused; what a crafted page can cost at most. */
function buildEdgePages(): HostilePage[] {
  const page = (name: string, body: string): HostilePage => ({ name, body: `${HEAD}<article>${NEWS}${body}</article></body></html>`, contentType: 'text/html' })
  const chain = (tag: string) => `${`<${tag}>`.repeat(250)}x${`</${tag}>`.repeat(250)}`
  return [
    page('edge: 19,000 links (~57,000 nodes)', Array.from({ length: 19_000 }, (_, i) => `<a>s${i}</a>`).join(' ')),
    page('edge: 110 chains of 250 nested divs', chain('div').repeat(110)),
    page('edge: 110 chains of 250 nested headers', chain('header').repeat(110)),
    page('edge: 199,000 characters of news text', `<p>${SENTENCES.repeat(10)}</p>`.repeat(220)),
  ]
}

/** The bench section: one line per hostile page, with its cost against a normal page. */
export function benchHostile(): { lines: string[]; over: string[] } {
  const matcher = createSubjectMatcher(subject)
  const normal: HostilePage = { name: 'a realistic news page (normal)', body: buildRealisticPage(), contentType: 'text/html; charset=utf-8' }
  const pages = [normal, ...buildHostilePages()]
  const outcomes = pages.map((p) => measure(p, matcher))
  const base = outcomes[0]!.ms
  const over: string[] = []
  const lines = [`hostile pages (decode + extract, median; ceiling ${CEILING_MS} ms each):`]
  pages.forEach((p, i) => {
    const { ms, result } = outcomes[i]!
    if (i > 0 && ms > CEILING_MS) over.push(p.name)
    const size = typeof p.body === 'string' ? p.body.length : p.body.byteLength
    lines.push(`  ${p.name.padEnd(36)} ${(size / 1024).toFixed(0).padStart(5)} KB ${ms.toFixed(2).padStart(8)} ms ${(ms / base).toFixed(2).padStart(6)}x normal  ${result}`)
  })
  if (over.length > 0) lines.push(`  OVER THE CEILING: ${over.join(', ')}`)
  lines.push('pages just inside the budget (the most a crafted page can cost; no ceiling):')
  for (const p of buildEdgePages()) {
    const { ms, result } = measure(p, matcher, 5)
    lines.push(`  ${p.name.padEnd(40)} ${ms.toFixed(2).padStart(8)} ms ${(ms / base).toFixed(1).padStart(6)}x normal  ${result}`)
  }
  return { lines, over }
}
