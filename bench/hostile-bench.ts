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
  return { lines, over }
}
