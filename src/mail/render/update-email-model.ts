import type { Certainty, Change, Evidence, Facts, ReleaseValue, TrailerValue } from '../../core/types'
import {
  describeCastStatus,
  describeCertainty,
  describeRelease,
  describeStage,
  describeTrailer,
  toCertainty,
} from '../../site/describe-fact'
import { formatDay } from '../../site/format'
import { toDisplayUrl, toSafeHref } from '../../site/safe-url'
import { cleanText } from './clean-text'

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
}

export interface SourceItem {
  /** A checked http(s) URL. */
  href: string
  label: string
  published: string | null
}

export interface ChangeItem {
  headline: string
  certainty: string | null
  /** Formatted day of the newest source ("14 Jul 2025"). */
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
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null
}

/** Stage changes arrive as a stage string or as a `{ value }` fact; accept both. */
function stageOf(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (isRecord(v) && typeof v.value === 'string') return v.value
  return null
}

/** How big a change is, for ordering and for picking the subject. */
function rank(change: Change): number {
  const to = change.to
  switch (change.field) {
    case 'stage':
      return ({ released: 100, 'post-production': 80, filming: 78, 'pre-production': 55, renewed: 50 } as Record<string, number>)[stageOf(to) ?? ''] ?? 40
    case 'release':
      return isRecord(to) && to.status === 'confirmed' ? 90 : 30
    case 'trailer':
      return 70
    case 'cast':
      return 60
    case 'episodes':
      return 45
    default:
      return 10
  }
}

/** The one-line headline for a change; the subject is the biggest one. */
export function headlineFor(change: Change, title: string): string {
  const { from, to } = change
  switch (change.field) {
    case 'stage': {
      const stage = stageOf(to)
      if (stage === 'filming') return `Filming has begun on ${title}`
      if (stage === 'post-production') return `Filming has wrapped on ${title}`
      if (stage === 'released') return `${title} is out now`
      if (stage === 'pre-production') return `${title} is in pre-production`
      if (stage === 'renewed') return `${title} has been renewed`
      return `${title}: production stage is now ${cleanText(describeStage(stage), 60)}`
    }
    case 'release': {
      const r = (isRecord(to) ? to : {}) as Partial<ReleaseValue>
      const was = (isRecord(from) ? from : {}) as Partial<ReleaseValue>
      const when = cleanText(describeRelease(r), 120)
      if (r.status === 'confirmed' && r.date) {
        const moved = was.status === 'confirmed' && was.date && was.date !== r.date
        return moved ? `${title} premiere moved to ${formatDay(r.date)}` : `${title} premieres on ${formatDay(r.date)}`
      }
      if (r.status === 'confirmed') return `${title} release confirmed: ${when}`
      return `${title} release: ${when}`
    }
    case 'cast': {
      const entry = isRecord(to) ? to : isRecord(from) ? from : {}
      const actor = cleanText(entry.actor, 100) || 'A cast member'
      const role = cleanText(entry.role, 100)
      const as = role ? ` as ${role}` : ''
      if (!isRecord(to) || to.status === 'departed') return `${actor} has left ${title}`
      if (to.status === 'new') return `${actor} joins ${title}${as}`
      return `${actor} returns for ${title}${as}`
    }
    case 'trailer': {
      const t = (isRecord(to) ? to : {}) as Partial<TrailerValue>
      return `The first ${t.kind === 'teaser' ? 'teaser' : 'trailer'} for ${title} is out`
    }
    case 'episodes':
      return typeof to === 'number' ? `${title} will have ${to} episodes` : `${title}: episode count announced`
    default:
      return `${title}: ${cleanText(String(change.field), 40)} changed`
  }
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

function sourceItems(urls: unknown, dated: Map<string, Evidence>): SourceItem[] {
  const list = Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string') : []
  // A "source" that is not an http(s) page (javascript:, data:, junk) is dropped, not shown.
  return [...new Set(list)]
    .map((url) => ({ url, href: toSafeHref(url) }))
    .filter((s): s is { url: string; href: string } => s.href !== null)
    .slice(0, 8)
    .map(({ url, href }) => {
      const published = dated.get(url)?.published ?? null
      return { href, label: cleanText(toDisplayUrl(href), 80), published: published ? formatDay(published) : null }
    })
}

function factRows(facts: Facts): FactRow[] {
  const day = (d: string | null | undefined) => (d ? formatDay(d) : null)
  return [
    {
      label: 'Production stage',
      value: facts.stage ? cleanText(describeStage(facts.stage.value), 80) : 'Unknown',
      certainty: certaintyLabel(facts.stage?.certainty),
      asOf: day(facts.stage?.asOf),
    },
    {
      label: 'Release',
      value: cleanText(describeRelease(facts.release), 200),
      certainty: facts.release?.status === 'none' ? null : certaintyLabel(facts.release?.certainty),
      asOf: day(facts.release?.asOf),
    },
    {
      label: 'Trailer',
      value: cleanText(describeTrailer(facts.trailer), 120),
      certainty: certaintyLabel(facts.trailer?.certainty),
      asOf: day(facts.trailer?.asOf),
    },
    {
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
  const material = input.changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.material)
    .sort((a, b) => rank(b.c) - rank(a.c) || a.i - b.i)
    .map(({ c }) => c)
  const changes: ChangeItem[] = material.map((c) => {
    const sources = sourceItems(c.sources, dated)
    const newest = (Array.isArray(c.sources) ? c.sources : [])
      .map((u) => dated.get(u)?.published)
      .filter((d): d is string => typeof d === 'string')
      .sort()
      .at(-1)
    return {
      headline: cleanText(headlineFor(c, title), 300),
      certainty: certaintyLabel(c.certainty as Certainty | undefined),
      date: newest ? formatDay(newest) : null,
      evidence: cleanText(c.evidence, 600) || null,
      sources,
    }
  })
  const top = changes[0]?.headline ?? `News about ${title}`
  const more = changes.length - 1
  const subject = cleanText(more > 0 ? `${top} (+${more} more)` : top, 200)
  const siteUrl = `${input.publicUrl.replace(/\/+$/, '')}/`
  return {
    subject,
    title,
    preheader: cleanText(changes.map((c) => c.headline).join(' · '), 180),
    changes,
    facts: factRows(input.facts),
    cast: (input.facts.cast ?? []).map((c) => ({
      actor: cleanText(c.actor, 100),
      role: cleanText(c.role, 100) || null,
      status: cleanText(describeCastStatus(c.status), 40),
    })),
    siteUrl,
    historyUrl: `${siteUrl}history`,
  }
}
