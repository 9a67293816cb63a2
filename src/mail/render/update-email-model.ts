import type { Certainty, Change, Evidence, Facts } from '../../core/types'
import {
  describeCastStatus,
  describeCertainty,
  describeRelease,
  describeStage,
  describeTrailer,
  toCertainty,
} from '../../site/describe-fact'
import { toServedUrl } from '../../site/demo/demo-origin'
import { formatDay } from '../../site/format'
import { groupByEvidence, unionOf } from '../../site/group-evidence'
import { toDisplayUrl, toSafeHref } from '../../site/safe-url'
import { CHOICE_LABELS, includesChange, type Choice } from '../subscribers/choices'
import { cleanText } from './clean-text'
import { headlineFor, sortMaterial } from './headline'
import { subjectFor } from './subject-line'

/**
 * The update email as plain data: every string here is cleaned, unescaped text, and every
 * link is a checked http(s) URL or null. The HTML and text templates only lay it out.
 */
export interface UpdateEmailModel {
  subject: string
  /** "All of Us Are Dead Season 2". */
  title: string
  /** One line shown by mail clients next to the subject. */
  preheader: string
  changes: ChangeItem[]
  facts: FactRow[]
  cast: CastRow[]
  siteUrl: string
  historyUrl: string
  /** The season's calendar file, once its release date is confirmed (else null). */
  calendarUrl: string | null
  /** Said in the footer when the reader hears about only some changes ("only the release date and trailers"). */
  choiceNote: string | null
}

export interface SourceItem {
  /** A checked http(s) URL. */
  href: string
  label: string
  published: string | null
}

/** Changes that rest on the same sentence: their headlines, then the sentence and sources once. */
export interface ChangeItem {
  headlines: string[]
  certainty: string | null
  /** Formatted day of the newest evidence ("14 Jul 2025"). */
  date: string | null
  evidence: string | null
  sources: SourceItem[]
}

export interface FactRow {
  label: string
  value: string
  certainty: string | null
  asOf: string | null
}

export interface CastRow {
  actor: string
  role: string | null
  status: string
}

export interface RenderModelInput {
  changes: Change[]
  facts: Facts
  showTitle: string
  season: number
  publicUrl: string
  /** The subject's slug: links go to its own pages. Without it (the replay's previews), to `/`. */
  slug?: string
  choice?: Choice
}

/** Every piece of evidence the facts rest on, by source URL, for dating a change's sources. */
function evidenceByUrl(facts: Facts): Map<string, Evidence> {
  const all: Evidence[] = [
    ...(facts.stage?.sources ?? []),
    ...(facts.release?.sources ?? []),
    ...(facts.cast ?? []).flatMap((c) => c.sources ?? []),
    ...(facts.trailer?.sources ?? []),
    ...(facts.episodes?.sources ?? []),
  ]
  const map = new Map<string, Evidence>()
  for (const e of all) {
    const prev = map.get(e.source)
    if (!prev || (e.published ?? '') > (prev.published ?? '')) map.set(e.source, e)
  }
  return map
}

function certaintyLabel(v: unknown): string | null {
  const c = toCertainty(v)
  return c ? describeCertainty(c) : null
}

function sourceItems(list: string[], dated: Map<string, Evidence>, publicUrl: string): SourceItem[] {
  // A "source" that is not an http(s) page (javascript:, data:, junk) is dropped, not shown.
  // Demo news links point at the site sending the email (see demo-origin.ts).
  return list
    .map((url) => ({ url, href: toSafeHref(toServedUrl(url, publicUrl)) }))
    .filter((s): s is { url: string; href: string } => s.href !== null)
    .slice(0, 8)
    .map(({ url, href }) => {
      const published = dated.get(url)?.published ?? null
      return { href, label: cleanText(toDisplayUrl(href), 80), published: published ? formatDay(published) : null }
    })
}

/**
 * The fact sheet rows a reader with `choice` is shown: everything for `all`; for a narrower
 * choice only the fields it hears about (release-only: the release date and the trailer), so
 * the email does not report the production stage or the cast it promised to leave out.
 */
function factRows(facts: Facts, choice: Choice): FactRow[] {
  return allFactRows(facts).filter((row) => includesChange(choice, { field: row.field })).map(({ field: _, ...row }) => row)
}

function allFactRows(facts: Facts): (FactRow & { field: keyof Facts })[] {
  const day = (d: string | null | undefined) => (d ? formatDay(d) : null)
  return [
    {
      field: 'stage',
      label: 'Production stage',
      value: facts.stage ? cleanText(describeStage(facts.stage.value), 80) : 'Unknown',
      certainty: certaintyLabel(facts.stage?.certainty),
      asOf: day(facts.stage?.asOf),
    },
    {
      field: 'release',
      label: 'Release',
      value: cleanText(describeRelease(facts.release), 200),
      certainty: facts.release?.status === 'none' ? null : certaintyLabel(facts.release?.certainty),
      asOf: day(facts.release?.asOf),
    },
    {
      field: 'trailer',
      label: 'Trailer',
      value: cleanText(describeTrailer(facts.trailer), 120),
      certainty: certaintyLabel(facts.trailer?.certainty),
      asOf: day(facts.trailer?.asOf),
    },
    {
      field: 'episodes',
      label: 'Episodes',
      value: facts.episodes ? String(facts.episodes.value) : 'Not announced',
      certainty: certaintyLabel(facts.episodes?.certainty),
      asOf: day(facts.episodes?.asOf),
    },
  ]
}

/** Builds the email model from a run's changes (only material ones are shown) and the facts. */
export function buildUpdateEmailModel(input: RenderModelInput): UpdateEmailModel {
  const title = `${cleanText(input.showTitle, 120)} Season ${Number(input.season) || ''}`.trim()
  const dated = evidenceByUrl(input.facts)
  const publicUrl = input.publicUrl.replace(/\/+$/, '')
  const material = sortMaterial(input.changes)
  // One announcement behind several changes is quoted once, under all their headlines.
  const changes: ChangeItem[] = groupByEvidence(material, (c) => c.evidence).map(({ items, evidence }) => {
    const urls = unionOf(items.map((c) => c.sources))
    const days = [
      ...items.map((c) => c.asOf),
      ...urls.map((u) => dated.get(u)?.published),
    ].filter((d): d is string => typeof d === 'string' && d !== '')
    const newest = days.sort().at(-1)
    return {
      headlines: items.map((c) => cleanText(headlineFor(c, title), 300)),
      certainty: certaintyLabel(items[0]?.certainty as Certainty | undefined),
      date: newest ? formatDay(newest) : null,
      evidence: cleanText(evidence, 600) || null,
      sources: sourceItems(urls, dated, publicUrl),
    }
  })
  const subject = cleanText(subjectFor(material, title), 200)
  const siteUrl = input.slug ? `${publicUrl}/s/${encodeURIComponent(input.slug)}/` : `${publicUrl}/`
  const release = input.facts.release
  const confirmedDate = release?.status === 'confirmed' && typeof release.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(release.date)
  const choice = input.choice ?? 'all'
  return {
    subject,
    title,
    preheader: cleanText(changes.flatMap((c) => c.headlines).join(' · '), 180),
    changes,
    facts: factRows(input.facts, choice),
    cast: (includesChange(choice, { field: 'cast' }) ? (input.facts.cast ?? []) : []).map((c) => ({
      actor: cleanText(c.actor, 100),
      role: cleanText(c.role, 100) || null,
      status: cleanText(describeCastStatus(c.status), 40),
    })),
    siteUrl,
    historyUrl: `${siteUrl}history`,
    calendarUrl: confirmedDate && input.slug ? `${siteUrl}release.ics` : null,
    choiceNote: choice === 'all' ? null : CHOICE_LABELS[choice].toLowerCase(),
  }
}
