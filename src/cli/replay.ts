/**
 * `npm run replay -- DIR`: runs the real cron pipeline over a recorded timeline with an in-memory
 * KV, a fake clock and a capturing mailer, printing one JSON line per run and a final state line.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { deriveSlug, resolveSubject } from '../core/subject'
import type { Source, Subject } from '../core/types'
import { recordingNotifier } from '../mail/delivery/notifier'
import { memoryLock } from '../pipeline/run/lock'
import { runCron } from '../pipeline/run/run-cron'
import { countKv, memoryKv } from '../store/kv'
import defaultSubject from '../../data/subject.json' with { type: 'json' }
import { endOnClosedPipe } from './end-on-closed-pipe'

interface RecordedResponse {
  url: string
  file: string
  status?: number
  headers?: Record<string, string>
}

interface Manifest {
  subject?: Parameters<typeof resolveSubject>[1]
  sources: (Omit<Source, 'enabled'> & { enabled?: boolean })[]
  runs: { at: string; responses: RecordedResponse[] }[]
}

/** A fetch that answers from one run's recordings; anything unrecorded is a 404. */
function recordedFetch(dir: string, responses: RecordedResponse[]): typeof fetch {
  const byUrl = new Map(responses.map((r) => [r.url, r]))
  return (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const rec = byUrl.get(url)
    if (!rec) return new Response('not recorded', { status: 404, headers: { 'content-type': 'text/plain' } })
    const status = rec.status ?? 200
    const body = status === 204 || status === 304 ? null : readFileSync(join(dir, rec.file))
    return new Response(body, { status, headers: rec.headers ?? {} })
  }) as typeof fetch
}

async function main(): Promise<void> {
  const dirArg = process.argv[2]
  if (!dirArg) {
    process.stderr.write('usage: npm run replay -- DIR\n')
    process.exit(2)
  }
  const dir = resolve(dirArg)
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
  const subject: Subject = resolveSubject(defaultSubject as Subject, manifest.subject)
  const sources: Source[] = manifest.sources.map((s) => ({ ...s, enabled: s.enabled ?? true }))
  // One subject per manifest: its slug only names its keys in the in-memory KV.
  const slug = deriveSlug(subject.show, subject.season)
  const store = memoryKv()
  const lock = memoryLock()
  let facts = null
  for (const run of manifest.runs) {
    const { kv, counts } = countKv(store)
    const notifier = recordingNotifier()
    const report = await runCron({ fetch: recordedFetch(dir, run.responses), now: () => new Date(run.at), kv, slug, subject, sources, notifier, lock })
    facts = report.facts
    const email = report.email ? { subject: report.email.subject, text: report.email.text, html: report.email.html } : null
    process.stdout.write(`${JSON.stringify({ type: 'run', at: run.at, changes: report.changes, email, failed: report.failed, kv: { ...counts } })}\n`)
  }
  process.stdout.write(`${JSON.stringify({ type: 'state', state: facts })}\n`)
}

endOnClosedPipe()
main().catch((e: unknown) => {
  process.stderr.write(`replay failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
  process.exit(1)
})
