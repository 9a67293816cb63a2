/**
 * `npm run bench`: cost figures measured side by side in one process, reported as ratios so
 * that a noisy shared machine still gives comparable numbers. Never part of `npm test`.
 */
import { Parser } from 'htmlparser2'
import type { Claim, Source, Subject } from '../src/core/types'
import { diffFacts } from '../src/pipeline/facts/diff-facts'
import { explainFindings } from '../src/pipeline/facts/explain-findings'
import { emptyFacts, mergeFacts } from '../src/pipeline/facts/merge-facts'
import { summarizeRun } from '../src/pipeline/run/run-report'
import { extractDocument } from '../src/pipeline/extract/extract-document'
import { createSubjectMatcher } from '../src/pipeline/extract/subject-matcher'
import { recordingNotifier } from '../src/mail/delivery/notifier'
import { runCron } from '../src/pipeline/run/run-cron'
import { countKv, memoryKv } from '../src/store/kv'
import subjectJson from '../data/subject.json' with { type: 'json' }
import { benchHostile } from './hostile-bench'
import { actorName, buildRealisticPage } from './realistic-page'
import { benchSubscribeTiming } from './subscribe-timing-bench'

const subject = subjectJson as Subject

/** Median wall time of `fn` in ms over `runs` runs after `warmup` runs. */
function timeMedian(fn: () => void, runs = 40, warmup = 8): number {
  for (let i = 0; i < warmup; i++) fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

async function timeMedianAsync(fn: () => Promise<void>, runs = 10, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

const fmt = (ms: number) => `${ms.toFixed(2)} ms`

function benchExtraction(): string[] {
  const html = buildRealisticPage()
  const matcher = createSubjectMatcher(subject)
  const tokenize = () => {
    const p = new Parser({})
    p.write(html)
    p.end()
  }
  const extract = () => {
    extractDocument(html, { url: 'https://bench.example/a', subject, matcher, fetchedAt: '2025-07-24T00:00:00Z' })
  }
  // Interleave the two so both see the same machine state.
  const floor: number[] = []
  const ours: number[] = []
  for (let round = 0; round < 5; round++) {
    floor.push(timeMedian(tokenize))
    ours.push(timeMedian(extract))
  }
  const f = floor.sort((a, b) => a - b)[2]!
  const o = ours.sort((a, b) => a - b)[2]!
  const claims = extractDocument(html, { url: 'https://bench.example/a', subject, matcher }).claims.length
  return [
    `extraction of a changed page (${(html.length / 1024).toFixed(0)} KB, ${claims} claims): ${fmt(o)} per page`,
    `htmlparser2 tokenize-only floor, same page:        ${fmt(f)}`,
    `ratio extraction / floor:                          ${(o / f).toFixed(2)}x (target ≤ 2x)`,
  ]
}


/** A generated ledger: many actors over many sites, a few stage and release claims, dates spread over two years. */
function generatedLedger(size: number): Claim[] {
  const certainty = ['confirmed', 'reported', 'speculated'] as const
  return Array.from({ length: size }, (_, i): Claim => {
    const base = { certainty: certainty[i % 3]!, source: `https://site${i % 40}.example/story-${i}`, published: new Date(Date.UTC(2024, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10), evidence: `Generated sentence number ${i} about the season, of an ordinary length for a news article.` }
    if (i % 10 === 0) return { ...base, field: 'stage', value: i % 20 === 0 ? 'filming' : 'renewed' }
    if (i % 25 === 1) return { ...base, field: 'release', value: { status: 'estimated', date: null, window: { from: '2027-01-01', to: '2027-12-31' }, text: '2027' } }
    return { ...base, field: 'cast', value: { actor: `Actor ${i % 300}`, role: null, status: i % 7 === 0 ? 'departed' : 'returning' } }
  })
}

/**
 * The run report's cost (explainFindings + summarizeRun) next to the merge and diff whose
 * decisions it reads back, over the same ledger and the same run's claims, interleaved.
 */
function benchRunReport(): string[] {
  const lines = ['run report (explainFindings + summarizeRun) next to merge + diff, same ledger and run, median per run:']
  const today = '2026-01-01'
  for (const size of [500, 4000]) {
    const ledger = generatedLedger(size)
    const found = ledger.slice(-70) // a run over 10 changed pages of 7 claims
    const before = mergeFacts(emptyFacts(), ledger.slice(0, -70), { today, subject })
    const after = mergeFacts(before, ledger, { today, subject })
    const changes = diffFacts(before, after, { baseline: false })
    const documents = Array.from({ length: 10 }, (_, i) => ({ url: `https://site${i}.example/story`, kind: 'page' as const, outcome: 'new' as const, claims: 7 }))
    const mergeDiff = () => void diffFacts(before, mergeFacts(before, ledger, { today, subject }), { baseline: false })
    const report = () =>
      void summarizeRun({ at: '2026-01-01T07:00:00.000Z', baseline: false, collected: { documents, claims: found }, newClaims: found.length, findings: explainFindings({ found, ledger, before, after, changes, baseline: false, subject }) })
    const md: number[] = []
    const rp: number[] = []
    for (let round = 0; round < 5; round++) {
      md.push(timeMedian(mergeDiff, 20, 4))
      rp.push(timeMedian(report, 20, 4))
    }
    const m = md.sort((a, b) => a - b)[2]!
    const r = rp.sort((a, b) => a - b)[2]!
    lines.push(`  ledger of ${String(size).padStart(4)} claims, ${found.length} found: merge + diff ${fmt(m)}, report ${fmt(r)} (${(r / m).toFixed(2)}x)`)
  }
  return lines
}

type Mode = 'new facts' | 'reworded' | 'same bytes' | '304'

/**
 * A web of N page sources. Each run, every page either brings a new fact (a new actor joins),
 * is re-worded (new bytes, same claims), serves the same bytes again, or answers 304 to our ETag.
 */
function pagesWeb(n: number, round: { value: number }, mode: Mode): { sources: Source[]; fetch: typeof fetch } {
  const sources: Source[] = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, url: `https://site${i}.example/story`, kind: 'page', enabled: true }))
  const pages = Array.from({ length: n }, (_, i) => buildRealisticPage(125_000, i))
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init)
    const i = Number(/site(\d+)/.exec(req.url)?.[1] ?? 0)
    const etag = `"p${i}"`
    if (mode === '304' && req.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { etag } })
    let body = pages[i]!
    if (mode === 'reworded') body = body.replace('</article>', `<p>Updated ${round.value} times.</p></article>`)
    if (mode === 'new facts') body = body.replace('</article>', `<p>Netflix confirmed that the actor ${actorName(round.value, i)} joins the cast of All of Us Are Dead Season 2.</p></article>`)
    return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', etag } })
  }) as typeof fetch
  return { sources, fetch: fetchFn }
}

interface RunCost {
  ms: number
  reads: number
  writes: number
}

/** Median cost of a cron run over N sources in one mode, after a baseline run. */
async function measureRuns(n: number, mode: Mode): Promise<RunCost> {
  const round = { value: 0 }
  const store = memoryKv()
  const web = pagesWeb(n, round, mode)
  let counts = { reads: 0, writes: 0 }
  const once = async () => {
    round.value++
    const counted = countKv(store)
    await runCron({ fetch: web.fetch, now: () => new Date(Date.UTC(2025, 6, 23) + round.value * 86_400_000), kv: counted.kv, slug: 'bench', subject, sources: web.sources, notifier: recordingNotifier() })
    counts = counted.counts
  }
  await once() // the baseline run
  const ms = await timeMedianAsync(once, n === 100 ? 3 : 8, 1)
  return { ms, ...counts }
}

async function benchRuns(): Promise<string[]> {
  const lines: string[] = ['cron run cost (in-memory fetch and KV: this is CPU), median per run:']
  const modes: Mode[] = ['new facts', 'reworded', 'same bytes', '304']
  let unit = 0
  const at10: Record<string, RunCost> = {}
  for (const n of [1, 10, 100]) {
    for (const mode of modes) {
      const cost = await measureRuns(n, mode)
      if (n === 1 && mode === 'new facts') unit = cost.ms
      if (n === 10) at10[mode] = cost
      lines.push(`  ${String(n).padStart(3)} sources, ${mode.padEnd(10)}: ${fmt(cost.ms).padStart(10)} per run, ${fmt(cost.ms / n)} per source, ${(cost.ms / unit).toFixed(1).padStart(5)}x the 1-source run; KV ${cost.reads} reads, ${cost.writes} writes`)
    }
  }
  const changed = at10['new facts']!
  lines.push(
    '',
    `an unchanged source (10-source runs): same bytes ${(at10['same bytes']!.ms / changed.ms).toFixed(2)}x, 304 ${(at10['304']!.ms / changed.ms).toFixed(2)}x the cost of a changed one`,
    `KV per quiet run: ${at10['304']!.reads} reads, ${at10['304']!.writes} writes; per run with new facts: ${changed.reads} reads, ${changed.writes} writes`,
  )
  return lines
}

async function main(): Promise<void> {
  const out: string[] = [`season-watch bench — node ${process.version}, ${new Date().toISOString()}`, '']
  out.push(...benchExtraction(), '')
  out.push(...benchHostile().lines, '')
  out.push(...(await benchRuns()), '')
  out.push(...benchRunReport(), '')
  out.push(...(await benchSubscribeTiming()), '')
  try {
    const mod = (await import('./runs-fanout-bench')) as { benchRunsFanout: () => Promise<string[]> }
    out.push(...(await mod.benchRunsFanout()), '')
  } catch (e) {
    out.push(`runs fan-out bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, '')
  }
  try {
    const mod = (await import('./fanout-bench')) as { benchFanout?: () => Promise<string[]> }
    if (mod.benchFanout) out.push(...(await mod.benchFanout()))
  } catch (e) {
    out.push(`fan-out bench not available: ${e instanceof Error ? e.message : String(e)}`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

await main()
