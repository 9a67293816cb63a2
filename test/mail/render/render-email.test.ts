import { describe, expect, it } from 'vitest'
import type { Change, Facts } from '../../../src/core/types'
import { personalizeEmail, renderUpdateEmail } from '../../../src/mail/render/render-email'

const HOSTILE = {
  evidence: 'Netflix said <script>alert("x")</script> & filming "wrapped" <img src=x onerror=alert(1)>',
  actor: '<b onmouseover="alert(1)">Evil</b>\r\nBcc: victim@example.com',
  role: '"><svg onload=alert(1)>',
  title: 'All of Us <i>Are</i> Dead & "Co"',
  url: 'javascript:alert(document.cookie)',
  quoteUrl: 'https://example.com/a?x="><script>alert(1)</script>',
}

function facts(overrides: Partial<Facts> = {}): Facts {
  return {
    stage: {
      value: 'post-production',
      certainty: 'confirmed',
      asOf: '2025-07-14',
      sources: [{ source: 'https://news.example.com/wrap', evidence: 'Filming wrapped.', published: '2025-07-14', certainty: 'confirmed' }],
    },
    release: { status: 'estimated', date: null, window: { from: '2026-10-01', to: '2027-03-31' }, text: 'late 2026 <or> early 2027' },
    cast: [{ actor: HOSTILE.actor, role: HOSTILE.role, status: 'new' }],
    trailer: null,
    episodes: null,
    ...overrides,
  }
}

const stageChange: Change = {
  field: 'stage',
  material: true,
  from: 'filming',
  to: 'post-production',
  certainty: 'confirmed',
  sources: ['https://news.example.com/wrap', HOSTILE.url, HOSTILE.quoteUrl],
  evidence: HOSTILE.evidence,
}
const castChange: Change = { field: 'cast', material: true, from: null, to: { actor: HOSTILE.actor, role: HOSTILE.role, status: 'new' }, sources: [], evidence: null }
const noise: Change = { field: 'release', material: false, from: null, to: { status: 'estimated', date: null, window: null, text: 'soon' }, sources: [], evidence: 'could be soon' }

const input = { changes: [castChange, noise, stageChange], facts: facts(), showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'http://localhost:8787' }

describe('renderUpdateEmail', () => {
  it('names the biggest change in the subject and lists material changes biggest first', () => {
    const email = renderUpdateEmail(input)
    // The hostile actor name is too long for the subject's second clause, so it is counted instead.
    expect(email.subject).toBe('Filming has wrapped on All of Us Are Dead Season 2, and 1 more update')
    const wrap = email.text.indexOf('* Filming has wrapped')
    const joins = email.text.indexOf('joins All of Us Are Dead Season 2')
    expect(wrap).toBeGreaterThan(0)
    expect(joins).toBeGreaterThan(wrap)
    // Non-material changes are not in the email.
    expect(email.text).not.toContain('could be soon')
  })

  it('says the other big changes in words people use', () => {
    const one = (c: Change) => renderUpdateEmail({ ...input, changes: [c] }).subject
    expect(one({ ...stageChange, to: 'filming' })).toBe('Filming has begun on All of Us Are Dead Season 2')
    expect(one({ ...stageChange, to: { value: 'released' } })).toBe('All of Us Are Dead Season 2 is out now')
    expect(one({ field: 'release', material: true, from: null, to: { status: 'confirmed', date: '2027-03-05', window: null, text: null }, sources: [], evidence: null })).toBe(
      'All of Us Are Dead Season 2 premieres on 5 Mar 2027',
    )
    expect(
      one({ field: 'release', material: true, from: { status: 'confirmed', date: '2027-03-05' }, to: { status: 'confirmed', date: '2027-04-02', window: null, text: null }, sources: [], evidence: null }),
    ).toBe('All of Us Are Dead Season 2 premiere moved to 2 Apr 2027')
    expect(one({ field: 'trailer', material: true, from: null, to: { kind: 'teaser', date: '2025-07-23', url: null }, sources: [], evidence: null })).toBe(
      'The first teaser for All of Us Are Dead Season 2 is out',
    )
    expect(one({ field: 'episodes', material: true, from: null, to: 8, sources: [], evidence: null })).toBe('All of Us Are Dead Season 2 will have 8 episodes')
    expect(one({ field: 'cast', material: true, from: { actor: 'Yoon Chan-young', role: null, status: 'returning' }, to: null, sources: [], evidence: null })).toBe(
      'Yoon Chan-young has left All of Us Are Dead Season 2',
    )
  })

  it('shows evidence, source links with dates, and the current fact sheet', () => {
    const email = renderUpdateEmail(input)
    expect(email.html).toContain('href="https://news.example.com/wrap"')
    expect(email.html).toContain('14 Jul 2025')
    expect(email.text).toContain('- https://news.example.com/wrap (14 Jul 2025)')
    expect(email.text).toContain('Production stage: Post-production (Confirmed, as of 14 Jul 2025)')
    expect(email.text).toContain('Release: between 1 Oct 2026 and 31 Mar 2027')
    expect(email.html).toContain('The facts now')
    expect(email.text).toContain('You get this email because you subscribed')
  })

  it('escapes every scraped string in HTML and never links a non-http URL', () => {
    const email = renderUpdateEmail({ ...input, showTitle: HOSTILE.title })
    const html = email.html
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).not.toMatch(/<svg/i)
    expect(html).not.toMatch(/<b /i)
    expect(html).not.toMatch(/<i>/i)
    expect(html).not.toContain('javascript:')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).toContain('&lt;b onmouseover=&quot;alert(1)&quot;&gt;Evil&lt;/b&gt;')
    expect(html).toContain('All of Us &lt;i&gt;Are&lt;/i&gt; Dead &amp; &quot;Co&quot;')
    // Every href is http(s) and no attribute was broken out of.
    for (const m of html.matchAll(/href="([^"]*)"/g)) expect(m[1]).toMatch(/^https?:\/\//)
    expect(html).not.toMatch(/"><script/)
  })

  it('keeps the plain-text part free of markup and entities, with scraped text verbatim', () => {
    const email = renderUpdateEmail({ ...input, showTitle: HOSTILE.title })
    const ours = email.text.replaceAll(HOSTILE.evidence, '').replaceAll('<b onmouseover="alert(1)">Evil</b>', '').replaceAll(HOSTILE.role, '')
    expect(ours).not.toMatch(/<\/?(p|div|a|br|h\d|ul|li|table|html|body|span|blockquote)\b/i)
    expect(email.text).not.toMatch(/&(lt|gt|amp|quot|#\d+);/)
    expect(email.text).toContain(`“${HOSTILE.evidence}”`)
    expect(email.text).not.toContain('javascript:')
  })

  it('cannot be used to inject headers or fake lines', () => {
    const email = renderUpdateEmail({ ...input, changes: [castChange] })
    expect(email.subject).not.toMatch(/[\r\n]/)
    expect(email.subject).toContain('Evil</b> Bcc: victim@example.com')
    // The scraped CR/LF became a space: no line of the text starts with "Bcc:".
    expect(email.text.split('\n').some((l) => l.startsWith('Bcc:'))).toBe(false)
  })

  it('adds the unsubscribe link per recipient, structurally', () => {
    const url = 'https://watch.example/unsubscribe?token=v1.u.1.0.abc&x=1'
    const base = renderUpdateEmail(input)
    const withLink = renderUpdateEmail({ ...input, unsubscribeUrl: url })
    expect(withLink).toEqual(personalizeEmail(base, url))
    expect(base.html).not.toContain('Unsubscribe')
    expect(withLink.html).toContain('href="https://watch.example/unsubscribe?token=v1.u.1.0.abc&amp;x=1"')
    expect(withLink.html.indexOf('Unsubscribe')).toBeLessThan(withLink.html.indexOf('</body>'))
    expect(withLink.text.trimEnd().endsWith(url)).toBe(true)
  })

  it('tolerates odd change shapes instead of crashing', () => {
    const odd = [
      { field: 'stage', material: true, from: null, to: 42, sources: 'nope', evidence: null },
      { field: 'cast', material: true, from: null, to: { actor: null }, sources: [], evidence: null },
      { field: 'weird', material: true, from: null, to: null, sources: [], evidence: null },
    ] as unknown as Change[]
    const email = renderUpdateEmail({ ...input, changes: odd, facts: { stage: null, release: { status: 'none', date: null, window: null, text: null }, cast: [], trailer: null, episodes: null } })
    expect(email.subject.length).toBeGreaterThan(0)
    expect(email.text).toContain('Production stage: Unknown')
  })
})
