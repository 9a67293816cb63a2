import { html } from 'hono/html'
import type { HistoryEntry } from '../src/core/public-view'
import { changeId } from '../src/pipeline/facts/diff-facts'
import { describeCertainty, describeChange, happenedOn, summarizeEntry, toCertainty } from '../src/site/describe-fact'
import { formatDay, formatTime, toRfc3339 } from '../src/site/format'
import { groupByEvidence, unionOf } from '../src/site/group-evidence'
import { toDisplayUrl, toSafeHref } from '../src/site/safe-url'

/**
 * The Atom 1.0 feed (RFC 4287) of material changes. Built with hono's `html` tag so every
 * interpolated string is escaped; entry content is HTML (`type="html"`), so scraped text is
 * escaped once into that HTML and the HTML escaped again into the XML, as Atom requires.
 */

export interface AtomFeedInput {
  publicUrl: string
  /** Where the season's pages live (`/s/<slug>`; '' for the first season's single-subject URLs). */
  base?: string
  show: string
  season: number
  /** Newest first. */
  entries: HistoryEntry[]
  /** Fallback for `<updated>` when there are no entries. */
  updatedAt: string | null
}

/** The stable Atom id of an edition: the same edition always has the same id. */
function toEntryId(editionId: string): string {
  return `urn:season-watch:edition:${encodeURIComponent(editionId)}`
}

// XML 1.0 forbids most control characters even when escaped; scraped text can carry them.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Removes characters XML 1.0 cannot carry (escaping happens in the template). */
function toXmlSafeText(text: string): string {
  return text.replace(XML_INVALID, '')
}

/** Renders the whole feed document. */
export async function renderAtomFeed(input: AtomFeedInput): Promise<string> {
  const base = input.publicUrl + (input.base ?? '')
  const slug = `${input.show}-s${input.season}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')
  const updated = toRfc3339(input.entries[0]?.at ?? input.updatedAt ?? null)
  const title = `${input.show} Season ${input.season}: Season Watch`
  const entries = await Promise.all(input.entries.map((e) => renderEntry(e, base)))
  const out = await html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:season-watch:feed:${slug}</id>
  <title type="text">${toXmlSafeText(title)}</title>
  <subtitle type="text">Material changes to the facts, with evidence and sources.</subtitle>
  <updated>${updated}</updated>
  <link rel="self" type="application/atom+xml" href="${base}/feed.xml"/>
  <link rel="alternate" type="text/html" href="${base}/"/>
  <author><name>Season Watch</name></author>
  <generator>Season Watch</generator>
${entries}</feed>
`
  return String(out)
}

async function renderEntry(entry: HistoryEntry, base: string) {
  const at = toRfc3339(entry.at)
  const content = toXmlSafeText(await renderEntryHtml(entry, base))
  return html`  <entry>
    <id>${toEntryId(entry.id)}</id>
    <title type="text">${toXmlSafeText(summarizeEntry(entry))}</title>
    <updated>${at}</updated>
    <published>${at}</published>
    <link rel="alternate" type="text/html" href="${base}/history/${encodeURIComponent(entry.id)}"/>
    <content type="html">${content}</content>
  </entry>
`
}

/**
 * The entry body as HTML: when the news happened, then each group of changes (one quote for
 * changes that share a sentence), their certainty and sources.
 */
async function renderEntryHtml(entry: HistoryEntry, base: string): Promise<string> {
  const note = entry.correction
  if (note) {
    // A correction: what we said, what is true now, why (all escaped by the html tag).
    const out = await html`<p><strong>We said:</strong> ${note.wrong}. That was wrong.</p><p><strong>True now:</strong> ${note.now}</p><p><strong>Why:</strong> ${note.reason}</p><p><a href="${base}/">Current fact sheet</a></p>`
    return String(out)
  }
  const happened = happenedOn(entry)
  const retractedIds = new Set((entry.retracted ?? []).map((r) => r.changeId))
  const items = groupByEvidence(entry.changes ?? [], (c) => c.evidence).map((group) => {
    const titles = group.items.map((change) => {
      const certainty = toCertainty(change.certainty)
      const retracted = retractedIds.has(changeId(change)) ? ' (retracted later: see the correction)' : ''
      return html`<p><strong>${describeChange(change)}</strong>${certainty ? ` (${describeCertainty(certainty)})` : ''}${retracted}</p>`
    })
    const links = unionOf(group.items.map((c) => c.sources)).map((url) => {
      const href = toSafeHref(url)
      return href ? html`<a href="${href}">${toDisplayUrl(url, 48)}</a>` : html`${url}`
    })
    return html`<li>${titles}${group.evidence ? html`<blockquote><p>${group.evidence}</p></blockquote>` : ''}${
      links.length ? html`<p>Sources: ${links.map((l, i) => (i ? html`, ${l}` : l))}</p>` : ''
    }</li>`
  })
  const when = happened ? html`<p>Happened ${formatDay(happened)}; detected ${formatTime(entry.at)}.</p>` : ''
  const out = await html`${when}<ul>${items}</ul><p><a href="${base}/">Current fact sheet</a></p>`
  return String(out)
}
