import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Change } from '../../../src/core/types'
import { d1EditionStore } from '../../../src/mail/delivery/edition-store'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import type { Edition } from '../../../src/mail/delivery/notifier'
import { createQueueNotifier } from '../../../src/mail/delivery/queue-notifier'
import { renderEditionEmails, sameEmailForChoices } from '../../../src/mail/render/render-email'
import { changesForChoice } from '../../../src/mail/subscribers/choices'
import { verifyLinkToken } from '../../../src/mail/subscribers/link-token'
import { clearTables, fakeQueue, FIRST, SECOND, seedActive, SIGNING_KEY, testEnv } from '../subscribers/helpers'
import { consume, FACTS, fakeResendFetch, WRAP } from './helpers'

const RESEND = 'https://resend.test'
const sendingEnv = () => testEnv({ RESEND_API_KEY: 're_test_123', RESEND_BASE_URL: RESEND })
const SNAPSHOT = new Date('2026-03-02T07:00:05Z')

const TRAILER: Change = {
  field: 'trailer',
  material: true,
  from: null,
  to: { kind: 'trailer', date: '2026-03-02', url: 'https://video.example/t' },
  certainty: 'confirmed',
  sources: ['https://news.example.com/trailer'],
  evidence: 'Netflix released the first trailer on March 2, 2026.',
}

/** An edition as the cron hands it over: every change in `email`, and a variant per other choice. */
function edition(id: string, slug: string, changes: Change[], show = 'All of Us Are Dead'): Edition {
  const { email, variants } = renderEditionEmails({ changes, facts: FACTS, slug, showTitle: show, season: 2, publicUrl: 'http://localhost:8787' })
  return { id, at: '2026-03-02T07:00:00.000Z', subject: slug, changes, facts: FACTS, email, variants }
}

async function notify(e: Edition): Promise<EmailJob[]> {
  const queue = fakeQueue()
  await createQueueNotifier({ store: d1EditionStore(env.DB), queue, now: () => SNAPSHOT }).notify(e)
  return queue.jobs
}

async function batches(editionId: string) {
  const { results } = await env.DB.prepare('SELECT batch_index AS i, choice, planned FROM edition_batches WHERE edition_id = ?1 ORDER BY batch_index').bind(editionId).all()
  return results
}

/** Everyone, with what they follow: ids come back in this order. */
async function seedReaders() {
  const [everything] = await seedActive(1, { prefix: 'everything', seasons: { [FIRST]: 'all' } })
  const [releaseOnly] = await seedActive(1, { prefix: 'release', seasons: { [FIRST]: 'release' } })
  const [otherShow] = await seedActive(1, { prefix: 'other', seasons: { [SECOND]: 'all' } })
  const [both] = await seedActive(1, { prefix: 'both', seasons: { [FIRST]: 'release', [SECOND]: 'all' } })
  // Confirmed after the snapshot, and a season added after it: neither is in this edition.
  await seedActive(1, { prefix: 'late', seasons: { [FIRST]: 'all' }, confirmedAt: '2026-03-02T07:00:06.000Z' })
  const [added] = await seedActive(1, { prefix: 'added', seasons: {} })
  await env.DB.prepare(`INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) VALUES (?1, ?2, 'release', '2026-03-02T07:00:06.000Z')`).bind(added, FIRST).run()
  return { everything: everything!, releaseOnly: releaseOnly!, otherShow: otherShow!, both: both! }
}

beforeEach(clearTables)
afterEach(() => vi.restoreAllMocks())

describe('choices: who gets an edition, and which of its changes', () => {
  it('the release choice includes release and trailer changes only', () => {
    const changes = [WRAP, TRAILER, { ...WRAP, field: 'release' as const }, { ...WRAP, field: 'cast' as const }]
    expect(changesForChoice('all', changes)).toEqual(changes)
    expect(changesForChoice('release', changes).map((c) => c.field)).toEqual(['trailer', 'release'])
  })

  it('renders one email per choice, each with only its changes', () => {
    const { email, variants } = renderEditionEmails({ changes: [WRAP, TRAILER], facts: FACTS, slug: FIRST, showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'http://x.test' })
    expect(email.subject).toBe('Filming has wrapped on All of Us Are Dead Season 2; the first trailer is out')
    expect(variants).toHaveLength(1)
    const release = variants[0]!
    expect(release.choice).toBe('release')
    expect(release.email.subject).toBe('The first trailer for All of Us Are Dead Season 2 is out')
    expect(release.email.text).not.toContain('Filming has wrapped')
    expect(release.email.text).toContain('(only the release date and trailers)')
    // Links go to the season's own pages.
    expect(email.text).toContain(`http://x.test/s/${FIRST}/history`)
    // No release or trailer news: no variant, so those subscribers get nothing.
    expect(renderEditionEmails({ changes: [WRAP], facts: FACTS, slug: FIRST, showTitle: 'X', season: 2, publicUrl: 'http://x.test' }).variants).toEqual([])
  })

  it('shows a release-only reader the release and trailer facts, not the stage, episodes or cast', () => {
    const facts = { ...FACTS, cast: [{ actor: 'Park Ji-hu', role: 'Nam On-jo', status: 'returning' as const, certainty: 'confirmed' as const, asOf: '2026-03-01', sources: [] }], episodes: { value: 8, certainty: 'confirmed' as const, asOf: '2026-03-01', sources: [] } }
    const { email, variants } = renderEditionEmails({ changes: [WRAP, TRAILER], facts, slug: FIRST, showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'http://x.test' })
    const release = variants.find((v) => v.choice === 'release')!.email
    const sheet = (text: string) => text.slice(text.indexOf('THE FACTS NOW'), text.indexOf('All facts with their sources'))
    expect(sheet(release.text)).toContain('Release:')
    expect(sheet(release.text)).toContain('Trailer:')
    for (const hidden of ['Production stage', 'Episodes', 'Cast:', 'Park Ji-hu']) {
      expect(sheet(release.text), hidden).not.toContain(hidden)
      expect(release.html, hidden).not.toContain(hidden)
    }
    // Everyone else still gets the whole sheet.
    for (const shown of ['Production stage', 'Episodes', 'Cast:', 'Park Ji-hu']) expect(sheet(email.text), shown).toContain(shown)
    expect(email.html).toContain('Park Ji-hu')
  })

  it('a correction (one email, not split by change) reaches the choices the corrected change reached', () => {
    const email = { subject: 'Correction', text: 't', html: 'h' }
    expect(sameEmailForChoices([WRAP], email)).toEqual([])
    expect(sameEmailForChoices([TRAILER], email)).toEqual([{ choice: 'release', email }])
  })

  it('plans one batch per choice among the season’s subscribers, and sends each its own email', async () => {
    const readers = await seedReaders()
    const jobs = await notify(edition('ed-mixed', FIRST, [WRAP, TRAILER]))
    expect(await batches('ed-mixed')).toEqual([
      { i: 0, choice: 'all', planned: 1 },
      { i: 1, choice: 'release', planned: 2 },
    ])
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    await consume(sendingEnv(), jobs)

    // One key per batch: `<edition>/<batch>`, batch indexes running on across choices.
    expect(resend.calls.map((c) => c.idempotencyKey)).toEqual(['ed-mixed/0', 'ed-mixed/1'])
    const [all, release] = resend.calls
    expect(all!.emails.map((m) => m.to)).toEqual(['everything0@example.com'])
    expect(all!.emails[0]!.subject).toBe('Filming has wrapped on All of Us Are Dead Season 2; the first trailer is out')
    expect(all!.emails[0]!.text).toContain('Filming has wrapped')
    expect(release!.emails.map((m) => m.to)).toEqual(['release0@example.com', 'both0@example.com'])
    for (const m of release!.emails) {
      expect(m.subject).toBe('The first trailer for All of Us Are Dead Season 2 is out')
      expect(m.text).not.toContain('Filming has wrapped')
      expect(m.html).not.toContain('Filming has wrapped')
    }
    // Nobody who follows only the other season, joined late or added the season late got anything.
    expect(resend.delivered.sort()).toEqual(['both0@example.com', 'everything0@example.com', 'release0@example.com'])

    // Each person's links: leave this season (one click), and manage.
    const mail = release!.emails[1]!
    const oneClick = decodeURIComponent(/token=([^>]+)>$/.exec(mail.headers!['List-Unsubscribe']!)![1]!)
    expect(await verifyLinkToken(SIGNING_KEY, 'unsubscribe', oneClick)).toMatchObject({ ok: true, subscriberId: readers.both, scope: FIRST })
    const manage = decodeURIComponent(/\/manage\?token=(\S+)/.exec(mail.text)![1]!)
    const check = await verifyLinkToken(SIGNING_KEY, 'manage', manage, SNAPSHOT)
    expect(check).toMatchObject({ ok: true, subscriberId: readers.both })
    // The manage link works for 90 days from the edition.
    expect(check.ok && check.expiresAt).toBe(Math.floor(SNAPSHOT.getTime() / 1000) + 90 * 86_400)
  })

  it('sends nothing to “release” subscribers when an edition has no release or trailer change', async () => {
    await seedReaders()
    const jobs = await notify(edition('ed-stage', FIRST, [WRAP]))
    expect(await batches('ed-stage')).toEqual([{ i: 0, choice: 'all', planned: 1 }])
    expect(jobs).toEqual([{ kind: 'edition', editionId: 'ed-stage', batchIndex: 0 }])
  })

  it('an edition of the other season goes only to its own subscribers', async () => {
    await seedReaders()
    const jobs = await notify(edition('ed-other', SECOND, [WRAP], 'The Glass Orchard'))
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    await consume(sendingEnv(), jobs)
    expect(resend.delivered.sort()).toEqual(['both0@example.com', 'other0@example.com'])
    expect(resend.calls[0]!.emails[0]!.subject).toBe('Filming has wrapped on The Glass Orchard Season 2')
  })

  it('re-reads at send time: who left the season since gets nothing, and nobody gets two copies', async () => {
    const readers = await seedReaders()
    const jobs = await notify(edition('ed-later', FIRST, [WRAP, TRAILER]))
    // After planning: one leaves the season, one changes from "release" to "all".
    await env.DB.prepare('DELETE FROM subscriptions WHERE subscriber_id = ?1').bind(readers.releaseOnly).run()
    await env.DB.prepare(`UPDATE subscriptions SET choice = 'all' WHERE subscriber_id = ?1 AND subject_slug = ?2`).bind(readers.both, FIRST).run()
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    await consume(sendingEnv(), jobs)
    const to = resend.calls.flatMap((c) => c.emails.map((m) => m.to))
    expect(to).not.toContain('release0@example.com')
    expect(to.filter((t) => t === 'both0@example.com').length).toBeLessThanOrEqual(1)
    expect(new Set(to).size).toBe(to.length)
  })
})
