import type { SubjectMatcher } from './subject-matcher'
import { HANGUL } from '../../core/names'

/** Which season(s) a sentence talks about, and whether it names another show. */
export interface SentenceScope {
  /** Names the followed season ("Season 2", "the second season", "시즌2", "the sequel"). */
  target: boolean
  /** Names an earlier season ("Season 1", "the first season"). */
  earlier: boolean
  /** Names a later season of this show, or a season of another show. */
  elsewhere: boolean
  /** Names the show by one of its titles. */
  show: boolean
}

const ORDINALS = ['zeroth', 'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth']
// "Northwater III": a title with a Roman numeral names that season.
const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X']
/** Number words by value, as far as a season number goes ("Season Two"). */
export const CARDINALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten']

/** Words a title-cased phrase may start with that are not part of a show's title. */
const NOT_TITLE = new Set(
  'the a an in on for of and or but with its their his her this that these those streamer season seasons part new upcoming next its while after before as to by from at k-drama drama series show original'.split(' '),
)

interface SeasonMention {
  n: number
  index: number
  length: number
}

function seasonWordNumber(w: string): number {
  const lw = w.toLowerCase()
  const d = Number.parseInt(lw, 10)
  if (!Number.isNaN(d)) return d
  const c = CARDINALS.indexOf(lw)
  return c >= 0 ? c : -1
}

const SEASON_N = new RegExp(String.raw`\b(?:season|series|part|temporada|saison|staffel)[\s-]*(\d{1,2}|${CARDINALS.slice(1).join('|')})\b|\bS(\d{1,2})\b|시즌\s*(\d{1,2})`, 'gi')
// Korean ordinals: "세 번째 시즌" (third season), "두 번째 이야기" (second story), "3번째 시즌", "첫 시즌".
const KO_ORDINALS = ['', '첫', '두', '세', '네', '다섯', '여섯', '일곱', '여덟', '아홉', '열']
const SEASON_KO_ORD = /(?<![\uAC00-\uD7A3])(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d{1,2})\s*(?:번째\s*)?(?:시즌|이야기)/g
const SEASON_ORD = /\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|freshman|sophomore)\s+(?:season|series|installment|instalment|chapter|outing)\b/gi
// "sophomore season" is the second whatever season we follow; "freshman season" the first.
const CLASS_YEARS: Record<string, number> = { freshman: 1, sophomore: 2 }

function findSeasonMentions(text: string): SeasonMention[] {
  const out: SeasonMention[] = []
  SEASON_N.lastIndex = 0
  for (let m = SEASON_N.exec(text); m; m = SEASON_N.exec(text)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? ''
    out.push({ n: seasonWordNumber(raw), index: m.index, length: m[0].length })
  }
  SEASON_ORD.lastIndex = 0
  for (let m = SEASON_ORD.exec(text); m; m = SEASON_ORD.exec(text)) {
    const w = (m[1] ?? '').toLowerCase()
    let n = CLASS_YEARS[w] ?? ORDINALS.indexOf(w)
    if (n < 0) n = Number.parseInt(w, 10)
    out.push({ n, index: m.index, length: m[0].length })
  }
  SEASON_KO_ORD.lastIndex = 0
  for (let m = SEASON_KO_ORD.exec(text); m; m = SEASON_KO_ORD.exec(text)) {
    const w = m[1] ?? ''
    // "두 시즌" (two seasons) is a count: only "첫 시즌" and "N 번째" are ordinals.
    if (w !== '첫' && !/번째/.test(m[0])) continue
    const n = /^\d+$/.test(w) ? Number(w) : KO_ORDINALS.indexOf(w)
    out.push({ n, index: m.index, length: m[0].length })
  }
  return out
}

/**
 * True when a title-cased phrase that is not our show sits right before the season mention,
 * as in "Night Tide season 3" or "Paper Lanterns 5".
 */
function ownedByOtherShow(text: string, at: number, matcher: SubjectMatcher): boolean {
  const before = text.slice(Math.max(0, at - 60), at)
  if (HANGUL.test(text[at] ?? '')) return koreanOtherShow(before, matcher)
  const cleaned = before.replace(/['’]s\s*$/, '').replace(/[\s'"‘’“”:]+$/, '')
  if (seasonPatterns(matcher).titleAtEnd.test(cleaned)) return false
  const m = /((?:[A-Z][\p{L}\d’'&:.-]*\s+){0,4}[A-Z][\p{L}\d’'&:.-]*)$/u.exec(cleaned)
  if (!m?.[1]) return false
  const words = m[1].split(/\s+/).filter((w) => !NOT_TITLE.has(w.toLowerCase()) && !matcher.officialPattern.test(w.replace(/['’]s$/, '')))
  if (words.length === 0) return false
  const phrase = words.join(' ')
  if (matcher.findPeople(phrase).length) return false
  return true
}

// Auxiliaries between a subject and its verb ("X will premiere", "X is set to arrive").
const AUX_TAIL = /(?:\s+(?:will|is|are|was|were|has|have|had|be|been|set|slated|scheduled|due|to|also|finally|officially|now|then))+\s*$/i
// A capitalised phrase of two to five words at the end of a text (a title or a name).
const CAPITALISED_TAIL = /(?:\p{Lu}[\p{L}\d’'&:.-]*\s+){1,4}\p{Lu}[\p{L}\d’'&:.-]*\s*$/u

/**
 * True when the subject right before `at` is another production's title: "Vantage+ has confirmed
 * that The Glass Orchard premieres on November 14" (a slate), as opposed to "Northwater returns",
 * "Netflix premieres" or "Season Three arrives". Phrases of one word ("It", "Kim") never count.
 */
export function otherTitleBefore(text: string, at: number, matcher: SubjectMatcher): boolean {
  const head = text.slice(0, at).replace(AUX_TAIL, '')
  const tail = CAPITALISED_TAIL.exec(head)
  if (!tail || /\b(?:season|series|part|episode|finale|chapter|volume|cour)\b/i.test(tail[0])) return false
  // "Salt Harbor III", "Salt Harbor: The Reckoning": our own title leads the phrase.
  if (matcher.titlePattern.test(tail[0])) return false
  return ownedByOtherShow(head, head.length, matcher)
}

// Another production named in passing: an "other" work, or a new series with its own title.
const OTHER_WORK =
  /\b(?:other|another|sister|rival|separate)\s+(?:[\w-]+\s+){0,2}(?:drama|show|series|title|k-drama|original|film|movie|project)\b|\b(?:its|their|his|her|a)\s+(?:new|upcoming|next|latest)\s+(?:[\w-]+\s+){0,2}(?:drama|show|series|film|movie|project|thriller|comedy|romance|documentary|sitcom|anime)\s+["“‘']?(\p{Lu}[\p{L}\d'’]*(?:\s+\p{Lu}[\p{L}\d'’]*){0,4})|다른\s*(?:드라마|작품|시리즈|영화)|차기작/u

// Words without which a sentence cannot name a season.
const SEASONISH = /season|series|part|temporada|saison|staffel|\bS\d|시즌|install?ment|chapter|sequel|story|번째/i
// Words without which a sentence cannot name another work in passing.
const OTHER_HINT = /\b(?:other|another|sister|rival|separate|new|upcoming|next|latest)\b|다른|차기작/i

/** Marks the scope as naming another production ("its new romance series Blue Letters"). */
function markOtherWork(text: string, matcher: SubjectMatcher, scope: SentenceScope): void {
  const other = OTHER_WORK.exec(text)
  if (other && !(other[1] && matcher.titlePattern.test(other[1]))) scope.elsewhere = true
}

// Words that may stand before "시즌 2" without being a title: "이번 시즌2", "넷플릭스 시리즈 시즌2".
const KO_NOT_TITLE = /(?:이번|새|새로운|다음|지난|올해|첫|두\s*번째|드라마|시리즈|작품|오리지널|후속|신작|전|후|및|와|과|의|은|는|이|가|을|를|도|에|서|로)$/

/** Korean: a Hangul word right before "시즌N" that is not our title names another show ("경성크리처 시즌2"). */
function koreanOtherShow(before: string, matcher: SubjectMatcher): boolean {
  const cleaned = before.replace(/[\s'"‘’“”<>《》〈〉「」『』()]+$/, '')
  const m = /([\uAC00-\uD7A3A-Za-z0-9]+)$/.exec(cleaned)
  if (!m?.[1] || !HANGUL.test(m[1])) return false
  if (seasonPatterns(matcher).titleAtEnd.test(cleaned)) return false
  if (matcher.officialPattern.test(m[1]) || KO_NOT_TITLE.test(m[1])) return false
  return true
}

interface SubjectPatterns {
  titleAtEnd: RegExp
  titleN: RegExp
  ordinalStory: RegExp
}
const patternCache = new WeakMap<SubjectMatcher, SubjectPatterns>()

/** Per-subject patterns, compiled once. */
function seasonPatterns(matcher: SubjectMatcher): SubjectPatterns {
  let p = patternCache.get(matcher)
  if (!p) {
    const season = matcher.subject.season
    p = {
      titleAtEnd: new RegExp(`(?:${matcher.titleSource})\\s*$`, 'i'),
      titleN: new RegExp(`(?:${matcher.titleSource})['’"”]?\\s*(?:${season}(?!\\d)|${ROMAN[season] ?? 'x^'}\\b)`, 'i'),
      ordinalStory: new RegExp(`\\b${ORDINALS[season] ?? 'x'}\\s+(?:story|chapter)\\b`, 'i'),
    }
    patternCache.set(matcher, p)
  }
  return p
}

/** Decides which season(s) and shows a sentence is about. */
export function scopeSentence(text: string, matcher: SubjectMatcher): SentenceScope {
  const season = matcher.subject.season
  const scope: SentenceScope = { target: false, earlier: false, elsewhere: false, show: matcher.titlePattern.test(text) }
  const res = seasonPatterns(matcher)
  // Most sentences name no season at all: one cheap test skips the rest.
  if (!SEASONISH.test(text)) {
    if (OTHER_HINT.test(text)) markOtherWork(text, matcher, scope)
    if (scope.show && res.titleN.test(text)) scope.target = true
    return scope
  }
  for (const m of findSeasonMentions(text)) {
    if (ownedByOtherShow(text, m.index, matcher)) {
      scope.elsewhere = true
      continue
    }
    if (m.n === season) scope.target = true
    else if (m.n >= 0 && m.n < season) scope.earlier = true
    else scope.elsewhere = true
  }
  const lower = text.toLowerCase()
  // The sequel-ish words all point at the next season when we follow the next season.
  if (/\b(?:new|next|upcoming|forthcoming|latest|coming|future)\s+(?:season|installment|instalment|chapter)\b|\bsequel\b/.test(lower)) {
    scope.target = true
  }
  if (/\b(?:previous|last|debut|original|earlier)\s+(?:season|installment|instalment)\b|\bseason\s+(?:one|1)\b|시즌\s*1(?!\d)|(?:지난|이전|전)\s*시즌/.test(lower)) {
    scope.earlier = true
  }
  if (OTHER_HINT.test(text)) markOtherWork(text, matcher, scope)
  // "<title> 2" / "<title>2" is how Korean and fan copy name the second season.
  if (scope.show && res.titleN.test(text)) scope.target = true
  if (/story|chapter/i.test(text) && res.ordinalStory.test(text)) scope.target = true
  return scope
}
