import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { idempotencyKeyFor, type EmailJob } from '../../../src/mail/delivery/email-job'
import { MANAGE_TOKEN_TTL_SECONDS, signLinkToken } from '../../../src/mail/subscribers/link-token'
import { queue } from '../../../src/worker/queue'
import { call, clearTables, FIRST, form, makeApp, nextIp, rowFor, SECOND, seasonsOf, seedActive, SIGNING_KEY, testEnv } from './helpers'

const app = makeApp()
const NOW = new Date('2026-03-01T10:00:00Z')

/** A form POST with repeated fields (the season tick boxes). */
function seasonsForm(fields: [string, string][], ip = nextIp()): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip }, body: new URLSearchParams(fields).toString() }
}

async function consume(e: Env, jobs: EmailJob[]) {
  const batch = createMessageBatch<EmailJob>('season-watch-email', jobs.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })))
  const ctx = createExecutionContext()
  await queue(batch as MessageBatch<unknown>, e, ctx)
  return getQueueResult(batch, ctx)
}

async function outboxFor(to: string) {
  const { results } = await env.DB.prepare('SELECT subject, text, html FROM outbox WHERE to_addr = ?1 ORDER BY id').bind(to).all<{ subject: string; text: string; html: string }>()
  return results
}

const tokenIn = (text: string, path: string) => new URL(new RegExp(`https?://\\S+${path}\\?token=\\S+`).exec(text)![0]).searchParams.get('token')!

async function statusOf(id: number) {
  return env.DB.prepare('SELECT status, email, reason FROM subscribers WHERE id = ?1').bind(id).first<{ status: string; email: string | null; reason: string | null }>()
}

async function pause(slug: string) {
  await env.DB.prepare(`UPDATE subjects SET status = 'paused' WHERE slug = ?1`).bind(slug).run()
}

const manageToken = (id: number, expiresAt = Math.floor(NOW.getTime() / 1000) + MANAGE_TOKEN_TTL_SECONDS) => signLinkToken(SIGNING_KEY, 'manage', id, expiresAt)

beforeEach(clearTables)

describe('choosing seasons on the form', () => {
  it('offers each open season with a choice; the confirmation email and page list them; confirming follows them', async () => {
    await pause(SECOND)
    const offered = await (await call(app, testEnv(), '/subscribe')).text()
    expect(offered).toContain(`name="season" value="${FIRST}"`)
    expect(offered).not.toContain(`value="${SECOND}"`) // paused: no new subscribers
    await env.DB.prepare(`UPDATE subjects SET status = 'active'`).run()

    const e = testEnv()
    const res = await call(app, e, '/subscribe', seasonsForm([['email', 'two@example.com'], ['seasons-listed', '1'], ['season', FIRST], ['season', SECOND], ['choice-' + SECOND, 'release']]))
    expect(res.status).toBe(200)
    const row = (await rowFor('two@example.com'))!
    expect(e.EMAIL_QUEUE.jobs).toEqual([{ kind: 'confirm', subscriberId: row.id, sendNo: 1, seasons: `${FIRST}_a~${SECOND}_r` }])
    // Nothing is followed before confirming.
    expect(await seasonsOf(row.id)).toEqual({})

    await consume(e, e.EMAIL_QUEUE.jobs)
    const [mail] = await outboxFor('two@example.com')
    expect(mail!.text).toContain('All of Us Are Dead Season 2: everything that changes')
    expect(mail!.text).toContain('The Glass Orchard Season 2: only the release date and trailers')
    const token = tokenIn(mail!.text, '/confirm')
    const page = await (await call(app, e, `/confirm?token=${token}`)).text()
    expect(page).toContain('<strong>The Glass Orchard Season 2</strong>: only the release date and trailers')
    expect(await seasonsOf(row.id)).toEqual({})

    const done = await call(app, e, '/confirm', form({ token }))
    expect(await done.text()).toContain('You follow:')
    expect(await seasonsOf(row.id)).toEqual({ [FIRST]: 'all', [SECOND]: 'release' })
  })

  it('on a new install (no subject stored yet) seeds the first one, so its season can be followed', async () => {
    await env.DB.batch([env.DB.prepare('DELETE FROM subjects'), env.DB.prepare('DELETE FROM layout_migrations')])
    const e = testEnv()
    await call(app, e, '/subscribe', seasonsForm([['email', 'early@example.com'], ['seasons-listed', '1'], ['season', FIRST]]))
    expect(e.EMAIL_QUEUE.jobs).toEqual([expect.objectContaining({ kind: 'confirm', seasons: `${FIRST}_a` })])
    expect((await env.DB.prepare('SELECT slug FROM subjects').all<{ slug: string }>()).results.map((r) => r.slug)).toEqual([FIRST])
  })

  it('says what is wrong with the seasons, and keeps what was typed and ticked', async () => {
    const none = await call(app, testEnv(), '/subscribe', seasonsForm([['email', 'x@example.com'], ['seasons-listed', '1']]))
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('Choose at least one season.')
    const badChoice = await call(app, testEnv(), '/subscribe', seasonsForm([['email', 'x@example.com'], ['season', FIRST], [`choice-${FIRST}`, 'gossip']]))
    expect(badChoice.status).toBe(400)
    const badSlug = await call(app, testEnv(), '/subscribe', seasonsForm([['email', 'x@example.com'], ['season', '../../etc']]))
    expect(badSlug.status).toBe(400)
    const badEmail = await call(app, testEnv(), '/subscribe', seasonsForm([['email', 'nope'], ['seasons-listed', '1'], ['season', SECOND], [`choice-${SECOND}`, 'release']]))
    const html = await badEmail.text()
    expect(html).toMatch(new RegExp(`id="season-${SECOND}" name="season" value="${SECOND}" checked`))
    expect(html).toMatch(new RegExp(`name="choice-${SECOND}" value="release" checked`))
    expect(await rowFor('x@example.com')).toBeNull()
  })

  it('drops seasons that are not followed (or paused) after answering as usual; none left: nothing sent', async () => {
    await pause(SECOND)
    const e = testEnv()
    const res = await call(app, e, '/subscribe', seasonsForm([['email', 'ghost@example.com'], ['season', 'not-followed-s1'], ['season', SECOND]]))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Check your inbox')
    expect(e.EMAIL_QUEUE.jobs).toEqual([])
    expect(await rowFor('ghost@example.com')).toBeNull()
  })

  it('an active address adding a season: the same answer, and an email that confirms only the change', async () => {
    let now = NOW
    const clocked = makeApp({ now: () => now })
    const [id] = await seedActive(1, { prefix: 'fan', seasons: { [FIRST]: 'all' } })
    const e = testEnv()
    const fresh = await call(clocked, e, '/subscribe', seasonsForm([['email', 'new@example.com'], ['season', FIRST]]))
    const known = await call(clocked, e, '/subscribe', seasonsForm([['email', 'fan0@example.com'], ['season', FIRST], ['season', SECOND], [`choice-${SECOND}`, 'release']]))
    expect(await known.text()).toBe(await fresh.text())
    const change = e.EMAIL_QUEUE.jobs.find((j) => j.kind === 'confirm' && j.subscriberId === id)!
    expect(change).toMatchObject({ kind: 'confirm', sendNo: 1, seasons: `${SECOND}_r`, change: true })
    // Its idempotency key cannot collide with the address's first confirmation (`confirm/<id>/1`).
    expect(idempotencyKeyFor(change)).toBe(`confirm-change/${id}/1/${Math.floor(NOW.getTime() / 1000)}`)

    await consume(e, [change])
    const [mail] = await outboxFor('fan0@example.com')
    expect(mail!.subject).toBe('Confirm the changes to your Season Watch subscription')
    expect(mail!.text).toContain('The Glass Orchard Season 2: only the release date and trailers')
    expect(mail!.text).not.toContain('All of Us Are Dead Season 2:')
    expect(mail!.text).toContain('/manage?token=')
    // Until confirmed, nothing changes.
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all' })
    await call(clocked, e, '/confirm', form({ token: tokenIn(mail!.text, '/confirm') }))
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all', [SECOND]: 'release' })

    // Asking again for what it already follows sends nothing; a new change waits 10 minutes.
    e.EMAIL_QUEUE.jobs.length = 0
    now = new Date(NOW.getTime() + 11 * 60_000)
    await call(clocked, e, '/subscribe', seasonsForm([['email', 'fan0@example.com'], ['season', SECOND], [`choice-${SECOND}`, 'release']]))
    expect(e.EMAIL_QUEUE.jobs).toEqual([])
    await call(clocked, e, '/subscribe', seasonsForm([['email', 'fan0@example.com'], ['season', SECOND]]))
    expect(e.EMAIL_QUEUE.jobs).toEqual([expect.objectContaining({ seasons: `${SECOND}_a`, change: true, sendNo: 2 })])
    now = new Date(now.getTime() + 60_000)
    await call(clocked, e, '/subscribe', seasonsForm([['email', 'fan0@example.com'], ['season', SECOND]]))
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(1)
  })

  it('a confirm link whose seasons were all removed since says so and follows nothing', async () => {
    const e = testEnv()
    await call(app, e, '/subscribe', seasonsForm([['email', 'gone@example.com'], ['season', SECOND]]))
    await consume(e, e.EMAIL_QUEUE.jobs)
    await env.DB.prepare('DELETE FROM subjects WHERE slug = ?1').bind(SECOND).run()
    const [mail] = await outboxFor('gone@example.com')
    const res = await call(app, e, '/confirm', form({ token: tokenIn(mail!.text, '/confirm') }))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('Those seasons are no longer followed')
  })
})

describe('the manage link', () => {
  it('GET shows the seasons as followed and changes nothing; POST saves the new choices', async () => {
    const [id] = await seedActive(1, { prefix: 'manager', seasons: { [FIRST]: 'all' } })
    const token = await manageToken(id!)
    const app2 = makeApp({ now: () => NOW })
    const page = await call(app2, testEnv(), `/manage?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const html = await page.text()
    expect(html).toMatch(new RegExp(`value="${FIRST}" checked`))
    expect(html).not.toMatch(new RegExp(`value="${SECOND}" checked`))
    expect(html).toContain(`name="token" value="${token}"`)

    const saved = await call(app2, testEnv(), '/manage', seasonsForm([['token', token], ['action', 'save'], ['season', SECOND], [`choice-${SECOND}`, 'release']]))
    expect(saved.status).toBe(200)
    expect(await saved.text()).toContain('Saved.')
    expect(await seasonsOf(id!)).toEqual({ [SECOND]: 'release' })
    expect((await statusOf(id!))!.status).toBe('active')
  })

  it('refuses a save with no season ticked (leaving takes its own button), and leaves everything by that button', async () => {
    const [id] = await seedActive(1, { prefix: 'leaver', seasons: { [FIRST]: 'all', [SECOND]: 'all' } })
    const token = await manageToken(id!)
    const app2 = makeApp({ now: () => NOW })
    const none = await call(app2, testEnv(), '/manage', seasonsForm([['token', token], ['action', 'save']]))
    expect(none.status).toBe(400)
    expect(await none.text()).toContain('Tick at least one season.')
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all', [SECOND]: 'all' })

    const left = await call(app2, testEnv(), '/manage', seasonsForm([['token', token], ['action', 'leave-all']]))
    expect(await left.text()).toContain('You’re unsubscribed')
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null })
    expect(await seasonsOf(id!)).toEqual({})
    // The link now says there is nothing to manage.
    expect(await (await call(app2, testEnv(), `/manage?token=${token}`)).text()).toContain('You are already unsubscribed')
  })

  it('keeps a paused season one follows (marked), and refuses adding one that is paused', async () => {
    const [id] = await seedActive(1, { prefix: 'pausefan', seasons: { [SECOND]: 'release' } })
    await pause(SECOND)
    const token = await manageToken(id!)
    const app2 = makeApp({ now: () => NOW })
    expect(await (await call(app2, testEnv(), `/manage?token=${token}`)).text()).toContain('paused: not checked for now')
    const kept = await call(app2, testEnv(), '/manage', seasonsForm([['token', token], ['season', SECOND], [`choice-${SECOND}`, 'all'], ['season', FIRST]]))
    expect(kept.status).toBe(200)
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all', [SECOND]: 'all' })

    const [other] = await seedActive(1, { prefix: 'newcomer', seasons: { [FIRST]: 'all' } })
    const refused = await call(app2, testEnv(), '/manage', seasonsForm([['token', await manageToken(other!)], ['season', SECOND]]))
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('not followed here any more')
    expect(await seasonsOf(other!)).toEqual({ [FIRST]: 'all' })
  })

  it('forged, tampered, wrong-purpose and expired tokens get a clear 400 page and change nothing', async () => {
    const [id] = await seedActive(1, { prefix: 'target', seasons: { [FIRST]: 'all' } })
    const app2 = makeApp({ now: () => NOW })
    const good = await manageToken(id!)
    const forged = await signLinkToken('not-the-key', 'manage', id!, Math.floor(NOW.getTime() / 1000) + 60)
    const tampered = good.replace(`.${id}.`, `.${id! + 1}.`)
    const wrongPurpose = await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null)
    const expired = await manageToken(id!, Math.floor(NOW.getTime() / 1000) - 1)
    for (const token of [forged, tampered, wrongPurpose, '', 'junk']) {
      const res = await call(app2, testEnv(), `/manage?token=${encodeURIComponent(token)}`)
      expect(res.status, token).toBe(400)
      expect(await res.text()).toContain('This manage link is not valid')
      const post = await call(app2, testEnv(), '/manage', seasonsForm([['token', token], ['season', SECOND]]))
      expect(post.status).toBe(400)
    }
    const old = await call(app2, testEnv(), `/manage?token=${expired}`)
    expect(old.status).toBe(400)
    const text = await old.text()
    expect(text).toContain('This manage link has expired')
    expect(text).toContain('90 days')
    expect((await call(app2, testEnv(), '/manage', seasonsForm([['token', expired], ['action', 'leave-all']]))).status).toBe(400)
    // A cross-site form cannot know the token: without it, nothing happens.
    expect((await call(app2, testEnv(), '/manage', seasonsForm([['action', 'leave-all']]))).status).toBe(400)
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all' })
    expect((await statusOf(id!))!.status).toBe('active')
  })
})

describe('leaving one season', () => {
  it('RFC 8058 one-click leaves only the season of that email; the last one erases the address', async () => {
    const [id] = await seedActive(1, { prefix: 'twoseasons', seasons: { [FIRST]: 'all', [SECOND]: 'release' } })
    const oneClick = async (slug: string) =>
      call(app, testEnv(), `/unsubscribe/one-click?token=${await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null, slug)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      })
    expect((await oneClick(FIRST)).status).toBe(200)
    expect(await seasonsOf(id!)).toEqual({ [SECOND]: 'release' })
    expect(await statusOf(id!)).toMatchObject({ status: 'active', email: 'twoseasons0@example.com' })
    // Repeated: nothing more happens.
    expect((await oneClick(FIRST)).status).toBe(200)
    expect(await seasonsOf(id!)).toEqual({ [SECOND]: 'release' })

    expect((await oneClick(SECOND)).status).toBe(200)
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'one-click' })
  })

  it('the body link offers this season or everything; leaving the season keeps the others', async () => {
    const [id] = await seedActive(1, { prefix: 'chooser', seasons: { [FIRST]: 'all', [SECOND]: 'all' } })
    const token = await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null, SECOND)
    const page = await (await call(app, testEnv(), `/unsubscribe?token=${token}`)).text()
    expect(page).toContain('Unsubscribe from The Glass Orchard Season 2')
    expect(page).toContain('Unsubscribe from everything')

    const left = await call(app, testEnv(), '/unsubscribe', form({ token, leave: 'season' }))
    const html = await left.text()
    expect(html).toContain('You left The Glass Orchard Season 2')
    expect(html).toContain('All of Us Are Dead Season 2')
    expect(await seasonsOf(id!)).toEqual({ [FIRST]: 'all' })

    // The same link again: that season is gone, "everything" is still offered and works.
    expect(await (await call(app, testEnv(), `/unsubscribe?token=${token}`)).text()).toContain('You no longer get emails about')
    await call(app, testEnv(), '/unsubscribe', form({ token, leave: 'all' }))
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'user' })
  })

  it('a link from before seasons were chosen still leaves everything', async () => {
    const [id] = await seedActive(1, { prefix: 'oldlink', seasons: { [FIRST]: 'all', [SECOND]: 'all' } })
    const token = await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null)
    await call(app, testEnv(), `/unsubscribe/one-click?token=${token}`, { method: 'POST' })
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null })
    expect(await seasonsOf(id!)).toEqual({})
  })

  it('the retention sweep erases an active subscriber whose last season a maintainer removed', async () => {
    const [id] = await seedActive(1, { prefix: 'orphan', seasons: { [SECOND]: 'all' } })
    const [keep] = await seedActive(1, { prefix: 'keeper', seasons: { [FIRST]: 'all' } })
    await env.DB.prepare('DELETE FROM subjects WHERE slug = ?1').bind(SECOND).run()
    await call(app, testEnv(), '/subscribe', seasonsForm([['email', 'trigger@example.com'], ['season', FIRST]]))
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'no-seasons' })
    expect((await statusOf(keep!))!.status).toBe('active')
  })
})
