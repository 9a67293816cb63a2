import type { ReleaseValue } from '../../core/types'
import { type DateMention, findDateMentions } from './dates'
import type { Clause } from './clauses'
import { otherTitleBefore } from './scope'
import type { SubjectMatcher } from './subject-matcher'
import { type FieldExtractor, isAboutTarget, type SentenceContext } from './sentence-context'
import { HANGUL } from '../../core/names'

/**
 * Release dates. A date is the season's premiere only when it is attached to a release word
 * ("premieres on October 25", "the October 25 premiere", "10월 25일 공개") and not to another
 * event in the same clause (filming, a teaser, a festival screening, a slate, a delay of
 * production). A confirmed release needs an official voice and at least a month.
 */

interface Anchor {
  index: number
  end: number
  release: boolean
  /** A release word in the past tense ("premiered", "was released"). */
  past?: boolean
}

// Words whose date is the season's premiere.
const RELEASE_ANCHOR =
  /\b(?:premier(?:e|es|ed|ing)|release\s+(?:date|window)|premiere\s+date|releas(?:e|es|ed|ing)|debut(?:s|ed|ing)?|arriv(?:e|es|ed|ing|al)|land(?:s|ed|ing)?\s+(?:on|in)|drop(?:s|ping)?\s+(?:on|in)|hit(?:s|ting)?\s+(?:screens|the\s+(?:platform|streamer|service))|stream(?:s|ing)?\s+(?:from|on)|launch(?:es|ed|ing)?|coming\s+out|come\s+out|air(?:s|ing|ed)?|(?:set|slated|scheduled|due|planned|expected|tipped|pencilled|penciled)\s+to\s+(?:premiere|release|arrive|debut|drop|return|stream|land|air|launch)|(?:release|content|streaming|programming)?\s*slate)\b|공개(?:일|\s*예정|된다|될|\s*확정|를|일을|일은|은|는|\s*시점|\s*날짜|한다|하기로|할|했다)?|(?:첫\s*)?방송(?:된다|될|\s*예정|을)|방영(?:된다|될|\s*예정|을)|편성/gi
// "returns in May" is the season's premiere only when the season (not an actor) is what returns.
// The preposition may be left out before a day ("Season 2 returns December 12").
const RETURNS_VERB = String.raw`(?:will\s+|is\s+set\s+to\s+)?returns?\s+(?:(?:on|in)\b|(?=(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?\s+\d{1,2}\b))`
const SHOW_RETURNS = new RegExp(String.raw`\b(?:season\s*\d+|(?:second|third|new|next)\s+season|series|show|drama|it)\s+${RETURNS_VERB}|` + String.raw`\breturns?\s+for\s+(?:its|a|the)\s+(?:\w+\s+)?(?:season|series|run|installment|instalment)\s+(?:on|in)\b`, 'gi')
// "…returns December 12 for a reunion special": the date is the special's, not the season's.
const FOR_OTHER_EVENT = /^[^.;]{0,30}?\bfor\s+(?:a|an|one|its|the)\s+(?:[\w-]+\s+){0,2}(?:special|reunion|concert|event|panel|screening|livestream|fan\s*meeting|tour)\b/i
const titleReturnsCache = new WeakMap<SubjectMatcher, RegExp>()

/** "Harvest returns December 12", "Harvest Season 2 returns on …": the followed show is what returns. */
function titleReturns(matcher: SubjectMatcher): RegExp {
  let re = titleReturnsCache.get(matcher)
  if (!re) {
    re = new RegExp(`(?:${matcher.titlePattern.source})(?:\\s+(?:[Ss]eason|[Pp]art)\\s*\\d+)?['’"”]?\\s+${RETURNS_VERB.replace('returns?', '[Rr]eturns?')}`, 'g')
    titleReturnsCache.set(matcher, re)
  }
  return re
}
// Words whose date is something else: production, promotion, events, slates.
const OTHER_ANCHOR =
  /\b(?:film(?:ing|ed|s)?|shoot(?:ing)?|production|wrap(?:s|ped)?|cameras?|table[\s-]?read(?:ing)?|script\s+reading|teasers?|trailers?|posters?|clips?|stills?|first\s+look|videos?|event|showcase|festival|screening|press\s+conference|renew(?:al|ed)|announce(?:d|ment)?|cast(?:ing)?|line-?up|rankings?|military|service|enlist(?:s|ed|ment)?|discharged?|chart|ceremony|awards?|interview)\b|촬영|크랭크|제작발표회|예고편|티저|포스터|스틸|영화제|상영|캐스팅|발표회|시상식/gi
// A clause about a festival or a screening gives the festival's dates, not the streaming premiere.
const FESTIVAL = /\b(?:festival|screening|screened|screens)\b|영화제|상영/i
// A delay or a plan ("pushed to 2026", "expected in May") is about the release only when the
// release (not production or filming) is what moved or is planned.
const DELAY = /\b(?:delayed|pushed(?:\s+back)?|postponed|moved)\s+(?:to|until|into)\b|\b(?:set|slated|scheduled|due|planned|expected|tipped|pencilled|penciled)\s+(?:for|in|by)\b/gi
const PRODUCTION_NOUN_ALL = /\b(?:production|filming|shooting|cameras)\b|촬영|제작/gi
const RELEASE_NOUN_ALL = /\b(?:release|premiere|debut|launch)\b|공개|방송/gi

/** Offset of the last match of a global pattern in a text, or -1. */
function lastIndexOf(text: string, re: RegExp): number {
  let last = -1
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) last = m.index
  return last
}
// "No release date yet", "has not been announced": the absence of a date is not a date.
const NO_DATE =
  /\bno\s+(?:official\s+)?(?:release|premiere)\s+date\b|\b(?:release|premiere)\s+date\b[^.;]{0,40}(?:\b(?:not|yet\s+to|mystery|unknown|awaited|under\s+wraps|TBA|TBD)\b|n['’]t\b)|\bnot\s+(?:be\s+)?(?:broadcast|released|out|arriv\w*|premier\w*)\s+(?:before|until|in)\b|\bnot\s+(?:on|part\s+of|included\s+in|among)\b[^.;]{0,40}\b(?:slate|line-?up|schedule)\b|공개\s*(?:일|시점)(?:은|이)?\s*(?:미정|정해지지)/i
// A premiere already past ("its initial release in January", "Released in 2024, …") is an
// earlier season's; so is a date attached to a release word in the past tense (PAST_ANCHOR).
const PAST_RELEASE =
  /\b(?:initial|original|first|previous|debut|last)\s+(?:release|premiere|season)\b|\boriginally\s+premiering\b|^\s*(?:released|premiering|debuting)\s+(?:in|on)\b|\bits\s+(?:19|20)\d\d\s+(?:debut|premiere|release)\b|\b(?:since|after|following)\s+(?:its|the\s+show['’]s|the\s+series['’])\s+(?:release|premiere|debut)\b|^\s*(?:originally|initially|previously|once)\b|^\s*(?:earlier|previous|initial|first)\s+reports?\b|공개(?:됐|되었|된\s)|방영(?:됐|되었|된\s)/i
// The thing released in the clause is a clip or a document, not the season.
const CLIP_NOUN = String.raw`teaser|trailer|poster|clip|stills?|photos?|images?|video|statement|cast|line-?up|first\s+look|footage`
const RELEASED_OBJECT = new RegExp(
  String.raw`^\s*(?:(?:a|an|the|its|their|his|her|new|first|official|main|final|launch|brief|short)\s+){0,3}(?:${CLIP_NOUN}|behind|OST|soundtrack|single|song|script)\b`,
  'i',
)
// A clip noun shortly before the date ("the teaser lands on March 3"): the date is the clip's.
const SUBJECT_CLIP = new RegExp(String.raw`\b(?:${CLIP_NOUN})\b[^.;]{0,25}$`, 'i')
const KO_CLIP_BEFORE = /(?:예고편|티저|포스터|스틸|영상|사진|캐스팅|라인업)\s*(?:을|를|이|가|도)?\s*$/

/** Years inside names ("Geeked Week 2022", "Awards 2023") are not release dates. */
function isInName(text: string, m: DateMention): boolean {
  return m.precision === 'year' && /\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Spring|Summer|Fall|Autumn|Winter|Early|Late|Mid|In|By|Of|The|Until|Till|From|Since|Before|After)\b)[A-Z][a-z]+\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))
}

/** Release and other-event words in a clause, in order. */
function findAnchors(clause: Clause, sentence: string, matcher: SubjectMatcher): Anchor[] {
  const text = clause.text
  const out: Anchor[] = []
  RELEASE_ANCHOR.lastIndex = 0
  for (let m = RELEASE_ANCHOR.exec(text); m; m = RELEASE_ANCHOR.exec(text)) {
    const end = m.index + m[0].length
    const clip = RELEASED_OBJECT.test(text.slice(end)) || SUBJECT_CLIP.test(text.slice(Math.max(0, m.index - 40), m.index)) || KO_CLIP_BEFORE.test(text.slice(Math.max(0, m.index - 12), m.index))
    const before = text.slice(Math.max(0, m.index - 20), m.index)
    // "released" is past unless it is a passive ahead ("will be released", "is set to be released").
    const past = PAST_BEFORE.test(before) || (PAST_ANCHOR.test(m[0]) && !FUTURE_PASSIVE.test(before))
    out.push({ index: m.index, end, release: !clip, past })
  }
  for (const re of [SHOW_RETURNS, titleReturns(matcher)]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const end = m.index + m[0].length
      out.push({ index: m.index, end, release: !FOR_OTHER_EVENT.test(text.slice(end)) })
    }
  }
  OTHER_ANCHOR.lastIndex = 0
  for (let m = OTHER_ANCHOR.exec(text); m; m = OTHER_ANCHOR.exec(text)) out.push({ index: m.index, end: m.index + m[0].length, release: false })
  DELAY.lastIndex = 0
  for (let m = DELAY.exec(text); m; m = DELAY.exec(text)) {
    // The thing that moved is the last one named before the verb, in this clause or the one
    // before it ("production was set for 2024 but was delayed until this year").
    const before = sentence.slice(0, clause.start + m.index)
    const lastProduction = lastIndexOf(before, PRODUCTION_NOUN_ALL)
    const lastRelease = lastIndexOf(before, RELEASE_NOUN_ALL)
    out.push({ index: m.index, end: m.index + m[0].length, release: lastProduction < 0 || lastRelease > lastProduction })
  }
  return out.sort((a, b) => a.index - b.index)
}

// A release word in the past tense: its date is a premiere that already happened.
const PAST_ANCHOR = /^(?:premiered|debuted|arrived|dropped|released|launched|aired|landed)\b/i
const FUTURE_PASSIVE = /\b(?:be|is|are|will|to|get|gets)\s+$/i
const PAST_BEFORE = /\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:first\s+)?$/i

/** The anchor a date belongs to: the nearest one, a following one only when right after it. */
function attachedAnchor(anchors: Anchor[], m: DateMention, korean: boolean): Anchor | null {
  const start = m.index
  const end = m.index + m.text.length
  let prev: Anchor | null = null
  let next: Anchor | null = null
  for (const a of anchors) {
    if (a.end <= start) prev = a
    else if (a.index >= end && !next) next = a
  }
  const prevGap = prev ? start - prev.end : Infinity
  // Korean puts the verb after the date ("10월 25일 공개"); English does so in "the May 2 premiere".
  const nextGap = next ? (next.index - end) * (korean ? 0.5 : 1.5) : Infinity
  if (prevGap === Infinity && nextGap === Infinity) return null
  const pick = prevGap <= nextGap ? prev : next
  const gap = Math.min(prevGap, nextGap)
  return gap <= 60 ? pick : null
}

function toValue(mentions: DateMention[], certain: boolean): ReleaseValue {
  const day = mentions.find((m) => m.precision === 'day')
  const first = mentions[0]!
  const exact = certain && (first.precision === 'day' || first.precision === 'month')
  // A window never ends before it starts, whatever order the text named its ends in.
  const from = mentions.map((m) => m.window.from).sort()[0]!
  const to = mentions.map((m) => m.window.to).sort().at(-1)!
  return {
    status: exact ? 'confirmed' : 'estimated',
    date: day?.date ?? null,
    window: day ? null : { from, to },
    text: mentions.map((m) => m.text).join(' or '),
  }
}

/** Later mentions win when the clause corrects itself ("originally 2025, now 2026"). */
function pickMentions(text: string, mentions: DateMention[]): DateMention[] {
  if (mentions.length < 2) return mentions
  const first = mentions[0]
  if (first && /\b(?:originally|initially|previously|earlier|once|first)\b/i.test(text.slice(0, first.index))) return mentions.slice(1)
  return mentions
}

function releaseFromClause(ctx: SentenceContext, clause: Clause): ReturnType<FieldExtractor> {
  const text = clause.text
  if (!DATE_WORDS.test(text)) return []
  if (FESTIVAL.test(text) || NO_DATE.test(text) || PAST_RELEASE.test(text)) return []
  const anchors = findAnchors(clause, ctx.text, ctx.matcher)
  const firstRelease = anchors.find((a) => a.release && !a.past)
  if (!firstRelease) return []
  const at = clause.start + firstRelease.index
  if (!isAboutTarget(ctx, false, at)) return []
  // "…confirmed that The Glass Orchard premieres on November 14": another title's premiere on a slate.
  if (otherTitleBefore(text, firstRelease.index, ctx.matcher)) return []
  // "Will not premiere before 2026", "There is no Season 3 releasing in 2026" give no date.
  if (/\b(?:not|never|no)\b|n['’]t\b/i.test(text.slice(Math.max(0, firstRelease.index - 40), firstRelease.index))) return []
  const korean = HANGUL.test(text)
  const reference = ctx.reference
  // A premiere is ahead of the article: dates on or before its day are about something else.
  let mentions = findDateMentions(text, reference ?? '')
    .filter((m) => !reference || m.window.to > reference)
    .filter((m) => {
      const anchor = attachedAnchor(anchors, m, korean)
      return !isInName(text, m) && anchor?.release === true && !anchor.past
    })
    // "in 2026 rather than the December 2025 date": a date set aside is not the date.
    .filter((m) => !/\b(?:rather\s+than|instead\s+of|not)\s+(?:the\s+|a\s+|an\s+)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index)))
  mentions = pickMentions(text, mentions)
  if (mentions.length === 0) return []
  const reading = ctx.certaintyAt(at)
  // An estimate keeps the certainty of who gave it: an official "in 2026" is a confirmed estimate.
  const value = toValue(mentions.slice(0, 2), reading.certainty === 'confirmed')
  return [{ field: 'release', value, at }]
}

// Cheap gate before any clause work.
const RELEASE_WORDS = /premier|releas|debut|arriv|land(?:s|ing)?\s+(?:on|in)|drop|hits?\s+(?:screens|the)|stream|returns?\s+(?:on|in|for|(?:mon|tues|wednes|thurs|fri|satur|sun)day|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|launch|com(?:e|ing)\s+out|\bair(?:s|ing|ed)?\b|\bset\s+(?:for|to)|slated|scheduled|\bdue\b|planned|expected|tipped|slate|delay|pushed|postponed|moved\s+(?:to|up|back)|공개|방송|방영|편성/i

// A release claim needs a date: no digit, month, season or relative word, no claim.
const DATE_WORDS =
  /\d|january|february|march|april|may|june|july|august|september|october|november|december|\b(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b|spring|summer|fall|autumn|winter|year|month|quarter|half|내년|올해|올|작년|지난해|다음\s?달|내달|이달|이번\s?달|연내|상반기|하반기|봄|여름|가을|겨울/i

/** Claims about when the season premieres. */
export const extractReleaseClaims: FieldExtractor = (ctx) => {
  if (!RELEASE_WORDS.test(ctx.text) || !DATE_WORDS.test(ctx.text)) return []
  for (const clause of ctx.clauses()) {
    const found = releaseFromClause(ctx, clause)
    if (found.length) return found
  }
  return []
}
