/**
 * Casting claims. Each clause is read on its own: its names (known from the subject config, or
 * unknown but shaped like a person), its casting acts (joins, returns, leaves, replaces, plays)
 * and which act governs which name. A description of the show ("the series also stars …",
 * "X, who plays C in the series") is not casting news; a negated join ("will not be joining",
 * "pulled out of") is a departure, never new cast; an unknown name needs a casting act right
 * next to it. Whether an actor is new or returning is decided here, once: the subject config
 * knows who was in earlier seasons; for anyone else the act says it. A departure whose words say
 * the actor held a part ("has left", "will not return", "replacing X", "X 대신") carries
 * `formerCast`, so the merge takes it as news even when the config lists nobody.
 */
import type { CastStatus } from '../../core/types'
import type { Clause } from './clauses'
import { personKey } from '../../core/person-key'
import { blankSpacedKoreanNames, findKoreanNames, findLatinNames } from './person-names'
import { type FieldExtractor, isAboutTarget, type SentenceContext } from './sentence-context'
import { HANGUL } from '../../core/names'

type Kind = 'departed' | 'replaces' | 'returning' | 'new' | 'list'
/** Which names an act governs: the ones before it (its subject), after it (its objects), or both. */
type Direction = 'before' | 'after' | 'both'

interface Act {
  kind: Kind
  dir: Direction
  index: number
  end: number
  /** Description verbs ("plays", "stars", "line-up") say nothing about a season unless it is named. */
  needsSeason: boolean
  /** A departure that says the actor held a part before ("has left", "will not return", "replacing X"). */
  former: boolean
}

interface ActRule {
  kind: Kind
  dir: Direction
  re: RegExp
  needsSeason?: boolean
  former?: boolean
}

const ACTS: ActRule[] = [
  // Departures that say the actor was in the show: "X has left", "X will not return", "X 하차".
  {
    kind: 'departed',
    dir: 'before',
    former: true,
    re: /\b(?:will\s+)?not\s+(?:be\s+)?(?:returning|return|back|reprising|reprise)\b|\bwon['’]t\s+(?:be\s+)?(?:returning|return|back|reprising|reprise)\b|\bno\s+longer\s+(?:be\s+)?(?:a\s+)?(?:part\s+of|in|with|involved|attached)\b|\b(?:has|have|had)\s+(?:now\s+)?(?:exited|left|quit)\b|\bexit(?:s|ed|ing)\b|\bleft\s+the\s+(?:show|series|project|cast|drama|production|season)\b|\bleaving\s+the\s+(?:show|series|project|cast|drama|production)\b|\b(?:has\s+been|was|were|have\s+been|be|being)\s+(?:written\s+out|replaced)\b|하차|퇴출|교체(?:됐|되었|된다)/gi,
  },
  // Departures that may come before any casting: "X will not be joining", "X pulled out of", "X declined".
  {
    kind: 'departed',
    dir: 'before',
    re: /\b(?:will\s+)?not\s+(?:be\s+)?(?:joining|join|appearing|appear|in\s+(?:the\s+)?(?:new\s+)?season)\b|\bwon['’]t\s+(?:be\s+)?(?:joining|join|appearing|appear)\b|\bopted\s+out\b|\bdropped\s+out\b|\bpulled\s+out\b|\bstep(?:ped|s|ping)?\s+(?:away|down|aside)\b|\bwithdr[ae]w\w*\b|\bdrop(?:s|ping)?\s+out\b|\b(?:could|did|will|would)\s*(?:not|n['’]t)\s+continue\b|\bchose\s+not\s+to\b|\bdecided\s+not\s+to\b|\bdeclined\s+(?:to|the)\b|\bturned\s+down\b|\b(?:has\s+been|was|were|have\s+been|be|being)\s+(?:dropped|removed|let\s+go)\b|\brules?\s+out\s+(?:her|his|their)\s+involvement\b|불참|빠지(?:고|며|게|는|기로|면서)|빠졌|빠진다|(?:출연|합류|복귀|참여)(?:하지|는\s*하지|를\s*하지)\s*(?:않|못)|고사(?:했|하|한)|거절(?:했|하|한)/gi,
  },
  // Departures said of the object: "dropped X", "without X", "the departure of X", "X 대신", "X을 제외하고".
  { kind: 'departed', dir: 'after', re: /\b(?:dropped|removing|removed|without|excluding|except(?:\s+for)?|departure\s+of|absence\s+of)\b/gi },
  // The one replaced held the part: "in place of X", "replacing X", "X 대신", "X의 빈자리".
  { kind: 'departed', dir: 'after', former: true, re: /\b(?:exit\s+of|in\s+place\s+of|instead\s+of|replacing|to\s+replace|will\s+replace|replaces|replaced(?!\s+(?:by|with))|takes?\s+over\s+from|succeeding|succeeds)\b/gi },
  { kind: 'departed', dir: 'before', re: /(?:을|를|이|가)?\s*(?:제외하고|제외한|빼고)/g },
  { kind: 'departed', dir: 'before', former: true, re: /(?:을|를|이|가)?\s*(?:대신(?:해)?|의\s*빈자리|의\s*하차|의\s*공백|(?:가|이)\s*하차한\s*자리)/g },
  // The one who comes in: "X replaces Y", "X, replacing Y", "replaced by X", "X takes over".
  { kind: 'replaces', dir: 'before', re: /\b(?:replac(?:es|ing|ed)|will\s+replace|to\s+replace|takes?\s+over|took\s+over|stepping\s+in|steps\s+in|stepped\s+in|succeed(?:s|ing|ed))\b/gi },
  { kind: 'replaces', dir: 'after', re: /\breplaced\s+(?:by|with)\b|\bsucceeded\s+by\b|\bin\s+favou?r\s+of\b|대신(?:해)?\s*|(?:빈)?자리(?:를|는)\s*/gi },
  // Coming back.
  {
    kind: 'returning',
    dir: 'both',
    re: /\breprise[sd]?\b|\breprising\b|\breturn(?:s|ing|ed)?\b(?=\s*[.,;:!)]|\s*$|\s+(?:to|for|as|in\s+(?:the\s+)?(?:season|series|show|drama|role|new|second|third|next|\S+\s+season)|alongside|with|too|once)\b)|\b(?:are|is|will\s+be)\s+(?:also\s+)?back\b|\bback\s+for\b|\bcome\s*back\b|\bcoming\s+back\b|\bcomeback\b|\bremaining\s+cast\b|\breturning\s+(?:cast|stars?|faces|voices?)\s*:|돌아온|돌아오|컴백|재회|다시\s*(?:맡|출연|합류)|시즌\s*\d+\s*에도\s*(?:출연|등장|합류)/gi,
  },
  // Joining.
  {
    kind: 'new',
    dir: 'both',
    re: /\bjoin(?:s|ed|ing)?\b|\bnew\s+(?:cast\s+)?(?:members?|faces|additions?|actors?|actress(?:es)?|cast|stars?|names|recruits?)\b|\bnew\s+to\s+the\s+cast\b|\bnew\s*:|(?<!\bin\s)\baddition(?:s)?\s+(?:to|of)\b|\badd(?:ed|ing|s)\b|\b(?:has|have|had)\s+been\s+cast\b|\b(?:was|were|is|are|being|got)\s+cast\b|\bcast\s+as\b|\bboard(?:s|ed)\b|\bsign(?:s|ed)\s+on\b|\bcame\s+aboard\b|\bspecial\s+appearance\b|\bcameo\b|\btapped\b|\btipped\s+(?:for|to\s+(?:join|play|star|lead))\b|\bin\s+(?:talks|discussions?|negotiations?)\s+(?:to|for)\s+(?:join|star|play|lead|appear|a\s+role)\b|합류|새롭게|새로\s*(?:투입|합류|출연)|새로운\s*(?:배우|얼굴)|새\s*얼굴|캐스팅(?:됐|되었|을\s*확정|\s*확정)|특별\s*출연|투입/gi,
  },
  // Descriptions of who is in it: count only when the clause names the season.
  {
    kind: 'list',
    dir: 'both',
    needsSeason: true,
    re: /\bline-?ups?\b|\b(?:confirmed|full|official|main|returning|season\s*\d+)\s+cast\b|\bcast\s+(?:members\s+)?(?:includes?|list|line-?up)\b|\bcast\s*:|\bplays?\b|\bplaying\b|\bportray(?:s|ing)?\b|\btakes?\s+on\s+the\s+role\b|\bwill\s+(?:star|play|feature|appear|portray|lead|headline|front|voice)\b|\b(?:is|are)\s+voicing\b|\bvoiced\s+by\b|\b(?:to|set\s+to)\s+(?:star|lead|headline)\b|\bstar\s+in\b|\b(?:a|the)\s+(?:leading|lead|main|starring|supporting|key|major)\s+role\s+in\b|\blead(?:s|ing)?\s+the\s+cast\b|\b(?:also\s+)?appear(?:s|ing)?\s+in\b|\bin\s+the\s+role\s+of\b|\bstarring\b|\bstars\b|\bensemble\b|\bfeatures?\b|출연(?:한다|하며|해|하고|하는|진|\s*:)?|라인업|역(?:으로|을|에)?\s*(?:맡|분|연기|활약|열연|출연|돌아)|분해|분한|연기한다|열연|등장(?:한다|해|하며)?|주연/gi,
  },
  // "X voices Prince Ellis": a verb only when a name follows (case-sensitive; "the voices of" is a noun).
  { kind: 'list', dir: 'both', needsSeason: true, re: /\bvoices\s+(?=[A-Z])/g },
]

// Descriptions of an earlier season ("The show starred …", "were among the newcomers").
const PAST_CAST = /\b(?:starred|featured|boasted|were\s+among|was\s+among|made\s+up|rose\s+to\s+fame|(?:best\s+)?known\s+for|previously\s+seen|played\s+(?:the\s+)?role|voiced(?!\s+by))\b|출연했던|연기했던|화제를\s*모았/i
// Clauses that list other works ("known for X", "previously seen in X", "roles in dramas like X").
const WORKS_INTRO =
  /\b(?:(?:best\s+)?known\s+for|previously\s+seen\s+in|(?:also\s+)?seen\s+in|starred\s+in|starring\s+in|appeared\s+in|roles?\s+in(?:\s+(?:the\s+)?(?:dramas?|films?|movies?|series|shows?|k-dramas?))?(?:\s+(?:like|such\s+as))?|(?:dramas?|films?|movies?|series|shows?|works?|projects?)\s+(?:like|such\s+as|including)|the\s+likes\s+of|rose\s+to\s+fame\s+(?:in|with)|breakout\s+(?:role|performance)\s+in|upcoming\s+(?:film|movie|drama|series)|(?:award|prize)\s+for)\b/gi
// An actor word right before a name makes it a person for sure.
const ACTOR_BEFORE = /\b(?:actor|actress|star|newcomer|rookie|singer|idol|cast\s+member)s?\s+$|(?:배우|신예|아역)\s*$/i
// Words a list may hold between an act and its names ("the new faces include the actors …").
const FILLER =
  /^(?:the|a|an|and|or|as|well|in|of|for|to|is|are|be|will|also|cast|members?|include|includes|including|actors?|actress(?:es)?|stars?|like|such|new|faces|by|them|him|her|season|seasons|second|third|next|upcoming|installment|instalment|chapter|series|drama|show|now|both|who|with|alongside|along|plus|joining|returning|are|was|were|has|have|been|officially|reportedly|confirmed|special|appearance|lead|leads|main|role|roles|its|their|\d+|등|및|와|과|배우|배우들|출연진|주요|새로|새롭게|함께|이|가|은|는|을|를|도|의|에|에도|로|으로)$/i

interface Mention {
  name: string
  known: boolean
  index: number
  length: number
}

/** Collects the acts of a clause, in order. */
function findActs(text: string, offset: number): Act[] {
  const out: Act[] = []
  for (const r of ACTS) {
    r.re.lastIndex = 0
    for (let m = r.re.exec(text); m; m = r.re.exec(text)) {
      if (m[0].trim() === '') continue
      out.push({ kind: r.kind, dir: r.dir, index: offset + m.index, end: offset + m.index + m[0].length, needsSeason: r.needsSeason ?? false, former: r.former ?? false })
    }
  }
  return out.sort((a, b) => a.index - b.index || b.end - a.end)
}

/** Blanks other works' titles ("previously seen in A and B,") and long parentheticals. */
function maskWorks(text: string): string {
  let out = text
  WORKS_INTRO.lastIndex = 0
  for (let m = WORKS_INTRO.exec(text); m; m = WORKS_INTRO.exec(text)) {
    const from = m.index + m[0].length
    // Up to a comma that starts a new verb phrase (", joins"), or the clause end.
    const stop = /,\s+(?!and\b|or\b)(?=\p{Ll})|[;.)—–]|$/u.exec(text.slice(from))
    const to = from + (stop?.index ?? text.length - from)
    out = out.slice(0, from) + ' '.repeat(to - from) + out.slice(to)
  }
  // "(Train to Busan and Jung_E)": a parenthetical of three or more words after a name lists works.
  return out.replace(/\(([^()]{3,80})\)/g, (all, inner: string) =>
    inner.trim().split(/\s+/).length >= 3 && !/\b(?:as|분|역)\b|\s분$/.test(inner) ? `(${' '.repeat(inner.length)})` : all,
  )
}

/** The words between two offsets, minus names and list filler; few left means "adjacent". */
function strayWords(text: string, from: number, to: number, mentions: Mention[]): number {
  let gap = text.slice(from, to)
  for (const m of mentions) {
    if (m.index >= from && m.index + m.length <= to) gap = gap.slice(0, m.index - from) + ' '.repeat(m.length) + gap.slice(m.index + m.length - from)
  }
  // "A (Rin), B (Gald) and C (Mira) return": a short parenthetical after a name is its role, not a stray word.
  gap = gap.replace(/\(\s*\p{Lu}[^()]{0,30}\)/gu, (p) => ' '.repeat(p.length))
  // "X, under investigation since March, has left": an aside between commas right after a name.
  if (mentions.some((m) => m.index + m.length === from)) gap = gap.replace(/^,\s+[a-z][^,;()]{2,60},\s*$/, (p) => ' '.repeat(p.length))
  const words = gap.split(/[\s,:;·、/&()'"“”‘’]+/).filter((w) => w && !FILLER.test(w.replace(/['’]s$/, '')))
  return words.length
}

/** The act that governs a name: the nearest one whose direction reaches it, adjacency first. */
function governingAct(acts: Act[], text: string, m: Mention, mentions: Mention[]): { act: Act; stray: number } | null {
  let best: { act: Act; stray: number } | null = null
  for (const a of acts) {
    let stray: number
    if (a.end <= m.index && a.dir !== 'before') stray = strayWords(text, a.end, m.index, mentions)
    else if (a.index >= m.index + m.length && a.dir !== 'after') stray = strayWords(text, m.index + m.length, a.index, mentions)
    else continue
    // Departures and replacements bind tighter than any other act at the same distance.
    const rank = stray - (a.kind === 'departed' || a.kind === 'replaces' ? 0.5 : 0)
    if (!best || rank < best.stray - (best.act.kind === 'departed' || best.act.kind === 'replaces' ? 0.5 : 0)) best = { act: a, stray }
  }
  return best
}

// A genitive: "X's fans", "유아인의 마약 논란": X is not the one acting. Kept: X's exit or casting,
// "X의 (시즌2) 합류", and X's agency or camp speaking for X ("X의 소속사는", "X 측은", "X's agency").
const GENITIVE_AFTER =
  /^(?:['’]s?\s+(?!departure|exit|absence|replacement|withdrawal|casting|return|comeback|role\b|agency|management|representatives?|label|camp|team)|의(?!\s*(?:빈자리|하차|공백|자리|후임|대타|소속사|(?:[^\s.]+\s){0,3}?[^\s.]*?(?:합류|출연|하차|복귀|캐스팅|참여))))/
// Crew, not cast: "Director Amelia Strand returns to helm", "Writer Yoon Ga-ram … joins as co-writer".
const CREW_BEFORE = /\b(?:director|writer|screenwriter|creator|showrunner|producer|composer|cinematographer|author|novelist|webtoon\s+artist|filmmaker|PD)s?\s+$|(?:감독|작가|연출|PD|프로듀서|제작자)\s*$/i
const CREW_AFTER = /^[^.;]{0,60}?\b(?:as|to)\s+(?:(?:a|the|its|co-|head|lead|new|series)\s*)*(?:director|writer|co-writer|screenwriter|showrunner|producer|composer|helm|direct|write|pen)\b/i
// Characters: "as Nam On-jo", "정진수 역", "the role of X".
const ROLE_BEFORE_NAME = /\b(?:as|role\s+of|character(?:\s+of)?|plays?|playing|portrays?|portraying|named)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}$/
// The second character of "are back as Yoon Seo-ah and Gu Tae-oh".
const ROLE_LIST_BEFORE = /\bas\s+(?:the\s+)?(?:\p{Lu}[\p{L}'’-]*\s+){0,2}\p{Lu}[\p{L}'’-]*\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$/u
const ROLE_AFTER_NAME = /^\s*(?:역|役|role\b)/

const ROLE_AFTER = /^\s*(?:,\s*)?(?:(?:reprises?|reprising|takes\s+on|will\s+(?:play|feature)|plays|playing|portrays|returns?|is\s+back|comes\s+back|joins|joined)\s+)?(?:(?:his|her|their)\s+role\s+)?(?:as|in\s+the\s+role\s+of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(\p{Lu}[\p{L}'’-]+(?:[\s-]\p{Lu}[\p{L}'’-]+){0,2})/u
const ROLE_PAREN_AFTER = /^\s*\(\s*([\p{L}\s-]{2,30}?)\s*\)/u
const ROLE_BEFORE = /(\p{Lu}[\p{L}'’-]+(?:[\s-]\p{Lu}[\p{L}'’-]+){0,2})(?:['’]s)?\s*\($/u
const ROLE_LATER = /\bas\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?(\p{Lu}[\p{L}'’-]+(?:[\s-]\p{Lu}[\p{L}'’-]+){0,2})/u

/** Character name written next to an actor: "X as Nam On-jo", "X joins … as Nam On-jo", "Nam On-jo (X)", "X(민혜진)". */
function roleNear(ctx: SentenceContext, text: string, m: Mention, nextMention: number): string | null {
  const end = m.index + m.length
  const after = ROLE_AFTER.exec(text.slice(end, end + 80))
  if (after?.[1]) return after[1].replace(/['’]s$/, '')
  const paren = ROLE_PAREN_AFTER.exec(text.slice(end, end + 40))
  if (paren?.[1] && ctx.matcher.isRole(paren[1])) return paren[1]
  const clause = text.slice(end, Math.min(nextMention, end + 100)).split(/[,;—–]/)[0] ?? ''
  const later = ROLE_LATER.exec(clause)
  if (later?.[1] && ctx.matcher.isRole(later[1])) return later[1].replace(/['’]s$/, '')
  const before = ROLE_BEFORE.exec(text.slice(Math.max(0, m.index - 40), m.index))
  if (before?.[1] && text[end] === ')') return before[1].replace(/['’]s$/, '')
  return null
}

// Short words a sentence writes in lower case and a headline capitalises.
const FUNCTION_WORDS = /\s(?:And|The|Of|To|In|For|With|On|At|By|From|A|An|Is|Are|As)\s/
const LOWER_FUNCTION_WORDS = /\s(?:and|the|of|to|in|for|with|on|at|by|from|a|an|is|are|as)\s/

/** A title-case line ("New Faces Board The Night Boat") is a headline, whose capitals say nothing. */
function isTitleCase(text: string): boolean {
  // "Choi Seul In joins …": a given-name syllable is not a headline's capitalised "In".
  if (FUNCTION_WORDS.test(text) && !LOWER_FUNCTION_WORDS.test(text) && FUNCTION_WORDS.test(blankSpacedKoreanNames(text))) return true
  const words = text.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w))
  return words.length >= 6 && words.every((w) => /^[A-Z]/.test(w))
}

/** Known and unknown people in a clause, characters and other works left out. */
function findMentions(ctx: SentenceContext, clause: Clause, masked: string): Mention[] {
  const text = clause.text
  const titleCase = isTitleCase(ctx.text)
  const known: Mention[] = ctx.matcher.findPeople(masked).map((p) => ({ name: p.name, known: true, index: clause.start + p.index, length: p.length }))
  const unknown: Mention[] = []
  const untitled = masked.replace(new RegExp(ctx.matcher.titleSource, 'gi'), (t) => ' '.repeat(t.length))
  for (const n of [...findLatinNames(untitled), ...findKoreanNames(untitled)]) {
    const at = clause.start + n.index
    if (known.some((k) => at < k.index + k.length && k.index < at + n.length)) continue
    const canonical = ctx.matcher.canonicalName(n.name)
    if (canonical) {
      known.push({ name: canonical, known: true, index: at, length: n.length })
      continue
    }
    if (ctx.matcher.isRole(n.name) || ctx.matcher.titlePattern.test(n.name) || ctx.matcher.officialPattern.test(n.name)) continue
    unknown.push({ name: n.name, known: false, index: at, length: n.length })
  }
  const all = [...known, ...unknown].sort((a, b) => a.index - b.index)
  return all.filter((m) => {
    const local = m.index - clause.start
    const before = text.slice(Math.max(0, local - 40), local)
    const after = text.slice(local + m.length, local + m.length + 30)
    if (GENITIVE_AFTER.test(after)) return false
    if (ctx.matcher.isRole(m.name)) return false
    if (CREW_BEFORE.test(before) || CREW_AFTER.test(text.slice(local + m.length, local + m.length + 80))) return false
    // A title-case line ("Returning Stars And New Faces Join The Zombie Outbreak") is a headline.
    if (!m.known && titleCase) return false
    if (!m.known && (ROLE_BEFORE_NAME.test(before) || ROLE_AFTER_NAME.test(after) || ROLE_LIST_BEFORE.test(before))) return false
    // "Nam On-jo (Lee Min-jae)": the name before a parenthesised actor is the character.
    if (!m.known && /^\s*\(/.test(after) && all.some((o) => o !== m && o.known && o.index > m.index && o.index - (m.index + m.length) < 4)) return false
    return true
  })
}

const SELF_STATEMENT = /^\s*(?:has\s+|have\s+|had\s+)?(?:officially\s+|personally\s+|now\s+)?(?:confirmed|announced|revealed|stated)\b|^\s*(?:은|는|이|가)\s+(?:[^.]{0,40}\s)?(?:직접\s*)?(?:밝혔다|확인했다|발표했다)/

/** "When they were cast in our 2023 preview": a clause that names an earlier year is about the past. */
function namesEarlierYear(text: string, reference: string | null): boolean {
  if (!reference || !/\b(?:was|were|had|in\s+(?:19|20)\d\d)\b|지난/.test(text)) return false
  const year = Number(reference.slice(0, 4))
  for (const m of text.matchAll(/\b((?:19|20)\d\d)\b/g)) if (Number(m[1]) < year) return true
  return false
}

function statusFor(kind: Kind, ctx: SentenceContext, m: Mention): CastStatus {
  if (kind === 'departed') return 'departed'
  const person = m.known ? ctx.matcher.person(m.name) : undefined
  if (person) return person.previousCast ? 'returning' : 'new'
  return kind === 'returning' ? 'returning' : 'new'
}

const NAMEISH = /[A-Z][a-z]+[\s-]+[A-Z][a-z]|[\uAC00-\uD7A3]{2}|[A-Z][a-z]+[A-Z]/
// Cheap gate before any clause work.
const CAST_WORDS =
  /join|voic|cast|return|repris|back|star|play|lead|tipped|talks|role|portray|role|line-?up|leav|left|exit|depart|replac|instead|drop|quit|pull|step|longer|appear|feature|added|adding|addition|new|board|sign|tapped|remov|without|except|succe|continue|cameo|ensemble|opt|rules?\s+out|aboard|합류|출연|캐스팅|하차|대신|빠지|빠졌|교체|역|분|돌아|컴백|등장|라인업|배우|투입|제외|빈자리/i

/** Claims that an actor is in (returning or new) or out of the followed season. */
export const extractCastClaims: FieldExtractor = (ctx) => {
  // No act word, or no name of any kind (a capitalised pair, Hangul, a known alias): no cast claim.
  if (!(NAMEISH.test(ctx.text) || ctx.matcher.findPeople(ctx.text).length) || !CAST_WORDS.test(ctx.text)) return []
  const out: ReturnType<FieldExtractor> = []
  const seen = new Set<string>()
  for (const clause of ctx.clauses()) {
    const acts = findActs(clause.text, clause.start)
    if (acts.length === 0) continue
    if (!isAboutTarget(ctx, false, clause.start)) continue
    const scope = ctx.scopeAt(clause.start)
    if (!scope.target && (PAST_CAST.test(clause.text) || namesEarlierYear(clause.text, ctx.reference))) continue
    const usable = acts.filter((a) => !a.needsSeason || scope.target || ctx.castFrame)
    if (usable.length === 0) continue
    const masked = maskWorks(clause.text)
    const full = ctx.text
    // The sentence with this clause's works blanked: offsets stay those of the sentence.
    const view = full.slice(0, clause.start) + masked + full.slice(clause.end)
    const mentions = findMentions(ctx, clause, masked)
    for (const [k, m] of mentions.entries()) {
      if (seen.has(m.name)) continue
      // Korean word order follows how the name is written here, not its canonical spelling.
      const hangul = HANGUL.test(view.slice(m.index, m.index + m.length))
      const gov = hangul ? koreanGoverningAct(usable, view, m, mentions) : governingAct(usable, view, m, mentions)
      if (!gov) continue
      if (!m.known && !(hangul ? acceptsKoreanUnknown(view, m, mentions) : acceptsUnknown(view, m, gov))) continue
      // "Quiet Hours returns for a final run": a show comes back, not an actor.
      if (!m.known && gov.act.kind === 'returning' && SHOW_COMES_BACK.test(view.slice(gov.act.end, gov.act.end + 40))) continue
      // A replacement act names the newcomer; a departure act names the one who left.
      const kind: Kind = gov.act.kind === 'replaces' ? 'new' : gov.act.kind
      seen.add(m.name)
      const role = roleNear(ctx, full, m, mentions[k + 1]?.index ?? full.length)
      // The actor's own word about their own casting is as good as the agency's.
      const self = SELF_STATEMENT.test(full.slice(m.index + m.length, m.index + m.length + 40)) && ctx.certaintyAt(gov.act.index).certainty !== 'speculated'
      out.push({
        field: 'cast',
        at: gov.act.index,
        value: { actor: m.name, role: role && !ctx.matcher.canonicalName(role) ? role : null, status: statusFor(kind, ctx, m) },
        ...(self ? { certainty: 'confirmed' as const } : {}),
        ...(kind === 'departed' && gov.act.former ? { formerCast: true as const } : {}),
      })
    }
  }
  return out
}

// What a show (not an actor) comes back for.
const SHOW_COMES_BACK = /^\s+for\s+(?:a|its|one|another)\s+(?:(?:\w+)\s+)?(?:run|outing|go-round)\b|^\s+for\s+(?:a|its|one)\s+(?:final|last|farewell)\s+(?:season|series|installment|instalment|chapter)\b/i
// A name right before "will play", "voices", "portrays" is the actor (a title "stars" people, it does not play them).
const ROLE_VERB = /\b(?:will\s+(?:play|voice|portray)|voices|portrays|is\s+voicing)\b/i

/** "X will voice Prince Ellis": the name is the subject of a role verb whose object is a character. */
function playsRole(text: string, m: Mention, act: Act): boolean {
  if (act.index < m.index + m.length || !ROLE_VERB.test(text.slice(act.index, act.end))) return false
  return /^\s*(?:the\s+(?:role|part|character)\s+of\s+)?(?:(?!(?:on|in|at|for|from|to|with|after|before|during|across|into|onto|alongside|opposite)\b)[a-z-]+\s+){0,2}?\p{Lu}/u.test(text.slice(act.end, act.end + 40))
}

/**
 * An unknown name is a person in this clause only when an act sits right next to it, or an
 * actor word precedes it next to an act: shape alone is not enough. A name with no Korean
 * surname at either end ("Squid Game", "Western Front") needs the act with nothing between, and
 * a description act only when it is the subject of a role verb ("X will voice C").
 */
function acceptsUnknown(text: string, m: Mention, gov: { act: Act; stray: number }): boolean {
  if (ACTOR_BEFORE.test(text.slice(Math.max(0, m.index - 14), m.index))) return gov.stray <= 3
  if (!personKey(m.name).includes('|')) return gov.stray === 0 && (gov.act.kind !== 'list' || playsRole(text, m, gov.act))
  return gov.stray <= (gov.act.kind === 'list' ? 0 : 1)
}

const KO_GENITIVE_ACT = /^의\s*(?:[^\s.]+\s){0,2}?[^\s.]*?(?:합류|출연|캐스팅|하차|복귀)/
// Subject and topic particles: the name is who the clause-final verb is about.
const KO_SUBJECT = /^\s*(?:측\s*)?(?:이|가|은|는|이가|이는)(?![\uAC00-\uD7A3])/
const KO_LIST_SEPARATOR = /^(?:\s*[,·、/]|와|과|\s*및(?![\uAC00-\uD7A3])|\s*등(?![\uAC00-\uD7A3])|\s*\))/

/**
 * Korean is verb-final: a name marked as the subject or topic belongs to the clause's last act;
 * any other name to the next act after it, else to the act before it.
 */
function koreanGoverningAct(acts: Act[], text: string, m: Mention, mentions: Mention[]): { act: Act; stray: number } | null {
  const end = m.index + m.length
  const after = acts.filter((a) => a.index >= end && a.dir !== 'after')
  const subject = KO_SUBJECT.test(text.slice(end, end + 3))
  // The clause-final verb; where a negated act and the plain act start together, the negation wins.
  const last = after.reduce<Act | undefined>((b, a) => (!b || a.index > b.index || (a.index === b.index && a.kind === 'departed') ? a : b), undefined)
  const pick = subject ? last : after[0]
  if (pick) return { act: pick, stray: strayWords(text, end, pick.index, mentions) }
  const before = acts.filter((a) => a.end <= m.index && a.dir !== 'before').at(-1)
  return before ? { act: before, stray: strayWords(text, before.end, m.index, mentions) } : null
}

/**
 * A Hangul name the config does not know is a person when an actor word precedes it, when it is
 * the subject of the clause's casting verb, when it sits in a list next to a known actor, or when
 * it is written as the actor of a character ("정진수(김성철 분)").
 */
function acceptsKoreanUnknown(text: string, m: Mention, mentions: Mention[]): boolean {
  const end = m.index + m.length
  const before = text.slice(Math.max(0, m.index - 6), m.index)
  const after = text.slice(end, end + 6)
  if (/(?:배우|신예|아역)\s*$/.test(before)) return true
  if (KO_SUBJECT.test(after)) return true
  // "김서윤의 시즌3 합류가 확정됐다": the one whose casting or exit the clause is about.
  if (KO_GENITIVE_ACT.test(text.slice(end, end + 24))) return true
  if (/\(\s*$/.test(before) && /^\s*(?:분\s*)?\)/.test(after)) return true
  // "X 대신 Y가": the one replaced, when the name after the word is the subject ("한옥 대신 세트에서" is not).
  const instead = /^\s*(?:을|를)?\s*대신(?:해)?\s*,?\s*/.exec(text.slice(end, end + 12))
  if (instead) {
    const next = mentions.find((o) => o.index === end + instead[0].length)
    if (next && KO_SUBJECT.test(text.slice(next.index + next.length, next.index + next.length + 3))) return true
  }
  if (KO_LIST_SEPARATOR.test(after) || /[,·、]\s*$|(?:와|과)\s*$/.test(before)) {
    // In a list with a known actor, or in one whose last name is the subject of the verb
    // ("김신록, 이동희, 양익준, 이레가 시즌2에도 등장해"): every name of the list is.
    return mentions.some((o) => Math.abs(o.index - m.index) < 40 && (o.known || (sameList(text, m, o, mentions) && KO_LIST_END.test(text.slice(o.index + o.length, o.index + o.length + 6)))))
  }
  return false
}

// The end of a Korean list that is the subject of its verb: "…, 이레가", "… 이동희 등은".
const KO_LIST_END = /^\s*(?:등\s*)?(?:이|가|은|는|이가|이는)(?![\uAC00-\uD7A3])/

/** True when only list separators (and other names) stand between two names. */
function sameList(text: string, a: Mention, b: Mention, mentions: Mention[]): boolean {
  const [first, last] = a.index < b.index ? [a, b] : [b, a]
  let gap = text.slice(first.index + first.length, last.index)
  for (const o of mentions) {
    if (o.index >= first.index + first.length && o.index + o.length <= last.index) {
      const at = o.index - first.index - first.length
      gap = gap.slice(0, at) + ' '.repeat(o.length) + gap.slice(at + o.length)
    }
  }
  return /^(?:\s*[,·、]\s*|\s*및\s+|(?:와|과)\s+|\s+)+$/.test(gap) && /[,·、]|및|와|과/.test(gap)
}
