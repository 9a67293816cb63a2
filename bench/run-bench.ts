/**
 * `npm run bench`: cost figures measured side by side in one process, reported as ratios so
 * that a noisy shared machine still gives comparable numbers. Never part of `npm test`.
 */
import { Parser } from 'htmlparser2'
import type { Source, Subject } from '../src/core/types'
import { extractDocument } from '../src/extract/extract-document'
import { createSubjectMatcher } from '../src/extract/subject-matcher'
import { recordingNotifier } from '../src/notify/notifier'
import { runCron } from '../src/pipeline/run-cron'
import { countKv, memoryKv } from '../src/store/kv'
import subjectJson from '../data/subject.json' with { type: 'json' }
import { buildRealisticPage } from './realistic-page'

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

/** A web of N page sources; `changed` makes every page differ from the previous run. */
function pagesWeb(n: number, round: { value: number }, changed: boolean): { sources: Source[]; fetch: typeof fetch } {
  const sources: Source[] = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, url: `https://site${i}.example/story`, kind: 'page', enabled: true }))
  const pages = Array.from({ length: n }, (_, i) => buildRealisticPage(125_000, i))
  const fetchFn = (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const i = Number(/site(\d+)/.exec(url)?.[1] ?? 0)
    const body = changed ? pages[i]!.replace('</article>', `<p>Update ${round.value}.</p></article>`) : pages[i]!
    return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } })
  }) as typeof fetch
  return { sources, fetch: fetchFn }
}

async function benchRuns(): Promise<string[]> {
  const lines: string[] = []
  const perSize: string[] = []
  let base1 = 0
  for (const n of [1, 10, 100]) {
    const round = { value: 0 }
    for (const changed of [true, false]) {
      const store = memoryKv()
      const web = pagesWeb(n, round, changed)
      let counts = { reads: 0, writes: 0 }
      const once = async () => {
        round.value++
        const counted = countKv(store)
        await runCron({ fetch: web.fetch, now: () => new Date(Date.UTC(2025, 6, 23) + round.value * 86_400_000), kv: counted.kv, subject, defaultSources: web.sources, notifier: recordingNotifier() })
        counts = counted.counts
      }
      await once() // baseline
      const ms = await timeMedianAsync(once, n === 100 ? 3 : 8, 1)
      if (n === 1 && changed) base1 = ms
      perSize.push(`  ${String(n).padStart(3)} sources, ${changed ? 'every page changed' : 'nothing changed  '}: ${fmt(ms)} per run (${fmt(ms / n)} per source, ${(ms / base1).toFixed(1)}x the 1-source changed run); KV ${counts.reads} reads, ${counts.writes} writes`)
    }
  }
  lines.push('cron run cost by number of page sources (in-memory fetch and KV, so this is CPU):', ...perSize)
  return lines
}

async function main(): Promise<void> {
  const out: string[] = [`season-watch bench — node ${process.version}, ${new Date().toISOString()}`, '']
  out.push(...benchExtraction(), '')
  out.push(...(await benchRuns()), '')
  try {
    const mod = (await import('./fanout-bench')) as { benchFanout?: () => Promise<string[]> }
    if (mod.benchFanout) out.push(...(await mod.benchFanout()))
  } catch (e) {
    out.push(`fan-out bench not available: ${e instanceof Error ? e.message : String(e)}`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}

await main()
