import type { ReleaseValue } from '../../core/types'
import { isDeferred } from './certainty'
import { type DateMention, findDateMentions } from './dates'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

// "released a clip/teaser/statement" is about something else than the premiere.
const RELEASE_WORD =
  /\b(?:premier(?:e|es|ed|ing)|release[sd]?(?!\s+(?:a|an|the|its|their|new|first|official)\s+(?!season|series|show|episodes)\w)|releasing|debut(?:s|ed)?|arriv(?:e|es|ed|ing)|drop(?:s|ped)?|hit(?:s|ting)?\s+(?:Netflix|screens|the\s+platform)|return(?:s|ing)?\s+(?:to|on)\s+(?:Netflix|screens)|land(?:s|ing)?\s+on|stream(?:s|ing)?\s+(?:from|on)|coming\s+out|come\s+out|air(?:s|ing)?|broadcast|slated\s+for|set\s+for|scheduled\s+for|launch(?:es|ed)?|(?:release|premiere)\s+date|release\s+window|delayed\s+(?:until|to)|pushed\s+(?:back\s+)?to)\b|공개\s*(?:예정|될|된다|일)|방송\s*(?:예정|될|된다)/i

// "No release date yet", "has not been announced": the absence of a date is not a date.
const NO_DATE =
  /\bno\s+(?:official\s+)?(?:release|premiere)\s+date\b|\b(?:release|premiere)\s+date\b[^.]{0,40}\b(?:not|n['’]t|yet\s+to|mystery|unknown|awaited|under\s+wraps|TBA|TBD)\b|\bnot\s+(?:be\s+)?(?:broadcast|released|out|arriv\w*|premier\w*)\s+(?:before|until|in)\b|\bwon['’]t\s+be\s+getting\b|\bno\s+longer\s+realistic\b/i

// A premiere already past ("was released", "its initial release in January") is an earlier season.
const PAST_RELEASE =
  /\b(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:first\s+)?released\b|\b(?:premiered|debuted|arrived|dropped)\b|\b(?:initial|original|first|previous|debut|last)\s+(?:release|premiere|season)\b/i

/** Years inside names ("Geeked Week 2022", "Awards 2023") are not release dates. */
function isInName(text: string, m: DateMention): boolean {
  return m.precision === 'year' && /\b(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Spring|Summer|Fall|Autumn|Winter|Early|Late|Mid|In|By|Of|The)\b)[A-Z][a-z]+\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))
}

/** Later mentions win when the sentence corrects itself ("originally 2025, now 2026"). */
function pickMentions(text: string, mentions: DateMention[]): DateMention[] {
  if (mentions.length < 2) return mentions
  const first = mentions[0]
  if (first && /\b(?:originally|initially|previously|earlier|once|first)\b/i.test(text.slice(0, first.index))) return mentions.slice(1)
  return mentions
}

function toValue(mentions: DateMention[], certain: boolean): ReleaseValue {
  const day = mentions.find((m) => m.precision === 'day')
  const first = mentions[0]!
  const last = mentions[mentions.length - 1]!
  const exact = certain && (first.precision === 'day' || first.precision === 'month')
  return {
    status: exact ? 'confirmed' : 'estimated',
    date: day?.date ?? null,
    window: day ? null : { from: first.window.from, to: last.window.to },
    text: mentions.map((m) => m.text).join(' or '),
  }
}

/**
 * Claims about when the season premieres. A confirmed release needs an official voice and at
 * least a month; a bare year or "late 2026" is always an estimate.
 */
export const extractReleaseClaims: FieldExtractor = (ctx) => {
  const word = RELEASE_WORD.exec(ctx.text)
  if (!word || NO_DATE.test(ctx.text) || PAST_RELEASE.test(ctx.text)) return []
  if (!isAboutTarget(ctx, false)) return []
  const reference = ctx.published ?? '1970-01-01'
  // A premiere is ahead of the article: dates on or before its day are about something else.
  let mentions = findDateMentions(ctx.text, reference).filter((m) => m.window.to > reference && !isInName(ctx.text, m))
  mentions = pickMentions(ctx.text, mentions)
  if (mentions.length === 0) return []
  // "Will not premiere before 2026" gives no date.
  if (isDeferred(ctx.text, word.index) && /\b(?:not|n['’]t|never)\b/i.test(ctx.text.slice(Math.max(0, word.index - 30), word.index))) return []
  const certain = ctx.certainty === 'confirmed'
  const value = toValue(mentions.slice(0, 2), certain)
  return [{ field: 'release', value, certainty: value.status === 'confirmed' ? 'confirmed' : ctx.certainty === 'confirmed' ? 'reported' : ctx.certainty }]
}
