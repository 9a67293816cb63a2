/**
 * How sure a statement is, read from its own clause plus the attribution that frames the whole
 * sentence ("According to X, …", "…, the studio said."). A hedge in another clause does not touch
 * it, and an official name inside a title ("the Lumen series") is not an official speaker.
 */
import type { Certainty } from '../../core/types'
import type { Clause } from './clauses'
import type { SubjectMatcher } from './subject-matcher'
import { HANGUL } from '../../core/names'

/** A certainty, and whether the text said so (a hedge, an attribution, an official act). */
export interface CertaintyReading {
  certainty: Certainty
  /** False for a bare statement that is "reported" only because an outlet printed it. */
  explicit: boolean
}

// Hedges: anything that makes the statement a guess, a plan or a wish. "Highly anticipated" is
// praise, so only the verb forms of expect/anticipate count; "may" counts in lower case only
// ("May 2" is a date), whatever precedes it ("Season 2 may return").
const HEDGE_EN =
  /\b(?:could(?!\s+not\b|n['’]t)|might|maybe|perhaps|possibl[ey]|potential(?:ly)?|likely|unlikely|probabl[ey]|(?:is|are|was|were|be|been)\s+(?:widely\s+|now\s+|still\s+|also\s+|largely\s+)?(?:expected|anticipated|tipped|rumou?red|thought|believed|said\s+to\s+be)|expect(?:s|ing)?\b|expected\s+to|predict\w*|speculat\w*|rumou?r\w*|hope[sd]?|hopeful(?:ly)?|hoping|wish(?:es|ing)?|wishlist|guess\w*|estimat\w*|suggest\w*|seems?|appears?\s+to|would|if|whether|unless|assuming|fans?\s+(?:think|believe|theori[sz]e|wonder|want)|(?:readers|viewers|audiences|netizens|people)\s+(?:want|hope|wish|think|believe|expect)|theor(?:y|ies)|whispers?|tipped\s+(?:for|to)|eyeing|in\s+(?:talks|discussions?|negotiations?)|fan\s+(?:account|page|site|forum|theory|theories)|(?:stated|shared|gave|expressed)\s+(?:its|their|his|her)\s+(?:position|side|stance)|in\s+the\s+running|considering|under\s+(?:review|consideration|discussion)|reviewing|(?:still\s+)?(?:checking|looking\s+into)|(?:was|were|been|being)\s+offered|received\s+an?\s+offer|unconfirmed|not\s+(?:yet\s+)?(?:been\s+)?(?:officially\s+)?(?:confirmed|decided|finali[sz]ed)|nothing\s+(?:has\s+been|is)\s+(?:officially\s+)?(?:confirmed|decided|finali[sz]ed)|fingers\s+crossed)\b/i
// "may" is a hedge in lower case only: "May 29" is a date, "Season 2 may return" a guess.
const MAY = /\bmay\b/
const HEDGE_KO = /전망|추측|추정|예상|것으로\s*보(?:인다|고\s*있)|보인다|관측|물망|유력|가능성|검토|미정|논의\s*중|수도\s*있|이르면|싶|(?:다|된다|한다|나온다)면|바라|입장을?\s*밝|(?:확정|결정|정해)(?:된|진)\s*(?:바|것)(?:는|가)?\s*없|제안을?\s*받|출연\s*제안(?!을?\s*(?:정중히\s*)?(?:고사|거절))|미지수|(?:일|할)까|듯하다|듯\s|바란다|원한다|희망/
const REPORTED_EN =
  /\b(?:reportedly|reports?|reported|reporting|according\s+to|as\s+per|per\s+(?:a\s+)?[A-Z]|via|sources?\s+(?:say|said|close|told)|insiders?|told\s+[A-Z]|outlets?|claims?|claimed|citing|cited|leak(?:ed|s)?|revealed\s+by|media\s+outlet)\b/i
const REPORTED_KO = /알려졌다|알려진|전해졌다|전해진|보도|에\s*따르면|관계자는|관계자에|측근/
// An official speaker's acts (after its name) and the words that make a clause an official act.
const OFFICIAL_VERB =
  '(?:(?:has|have|had|is|was)\\s+)?(?:(?:officially|formally|finally|now|also|today|recently)\\s+)?(?:renewed|ordered|greenlit|green-lit|picked\\s+up|announced|announces|confirmed|confirms|released|releases|unveiled|unveils|revealed|reveals|said|says|shared|shares|stated|states|set|sets|kicked\\s+off|began|begun|started|commenced|wrapped|completed|finished|cast|added|dropped|drops|debuted|launched|launches|posted|premiered|tapped|told|put\\s+out|unleashed|added|dated|scheduled|slated)\\b'
// Nouns after an official name that make it a title or a modifier ("the Lumen series").
const NOT_SPEAKER = /^\s*(?:['’]s\b|(?:series|show|drama|k-drama|original|originals|hit|film|movie|title|thriller|production|release|lineup|line-up|slate|top|chart|charts|global|korea\s+series)\b)/i
const OFFICIALLY = /\bofficially\b|\bofficial\s+(?:announcement|statement|confirmation)\b|공식|\[공식\]|확정(?:됐|되었|되어|돼)/i
const PASSIVE_CONFIRMED = /\b(?:has|have|had)\s+(?:now\s+)?been\s+(?:officially\s+)?(?:confirmed|announced)\b|\bit\s+(?:is|was)\s+(?:officially\s+)?confirmed\b/i
const NEGATION = /\b(?:not|never|no)\b|n['’]t\b/i
// Generic official voices that need no configuration.
const GENERIC_OFFICIAL_EN = /\b(?:(?:the|her|his|their|its|[\w-]+['’]s)\s+(?:agency|management|studio|streamer|network|production\s+company|broadcaster|platform|label|distributor)|agency\s+representatives?|a\s+representative\s+(?:of|from|for)\s+(?:the|her|his|their)\s+(?:agency|studio|streamer))\b/i
const GENERIC_OFFICIAL_KO = /소속사|제작사|배급사|방송사|\S\s*측(?:은|이|에서)/
const KO_OFFICIAL_ACT = /(?:확인했|인정했|밝혔|공개했|발표했|확정했|확정\s*지었|확정\s*짓|전했|알렸|선보였|선보인다|공개한다|발표한다)/

/** Attribution that frames a whole sentence, found once per sentence. */
export interface SentenceFrame {
  text: string
  /** A Korean sentence whose topic is an official voice ("넷플릭스는 … 확정 짓고 … 공개했다"): every verb is its act. */
  officialTopic: boolean
}

const LEADING_FRAME = /^(?:according\s+to|as\s+per|per|citing|in\s+a\s+(?:statement|press\s+release|post|announcement))\b[^,]{2,100},/i
const TRAILING_FRAME =
  /,\s*(?!(?:but|and|while|although|though|yet|however|whereas)\b)(?:[^,]{2,80}\s)?(?:said|says|announced|confirmed|reported|revealed|stated|added|noted|told\s+[^,]{2,40}|according\s+to\s+[^,]{2,80})\b[^,]{0,60}?[.!]?["”’]?\s*$/i
const TRAILING_FRAME_KO = /[^\s]*(?:라고|다고|고)\s*(?:[^\s]+\s+){0,3}(?:밝혔다|전했다|발표했다|알렸다|말했다|공개했다)[.]?\s*$/

/** The sentence-level attribution (leading "According to X," and trailing ", X said."). */
export function findFrame(sentence: string, matcher: SubjectMatcher): SentenceFrame {
  const parts: string[] = []
  const lead = LEADING_FRAME.exec(sentence)
  if (lead) parts.push(lead[0])
  const trail = TRAILING_FRAME.exec(sentence) ?? TRAILING_FRAME_KO.exec(sentence)
  // A negated tail ("…, but X has not been confirmed") is a statement of its own, not attribution.
  if (trail && !NEGATION.test(trail[0])) parts.push(trail[0])
  return { text: parts.join(' '), officialTopic: koreanOfficialTopic(sentence, matcher) }
}

/** "20일 루멘(Lumen)은 …": the sentence opens with an official voice as its topic. */
function koreanOfficialTopic(sentence: string, matcher: SubjectMatcher): boolean {
  if (!HANGUL.test(sentence)) return false
  for (const re of [matcher.officialGlobal, COMPANY_KO]) {
    re.lastIndex = 0
    const m = re.exec(sentence)
    if (m && /^[\s\d일월년,.]*$/.test(sentence.slice(0, m.index)) && KO_SPEAKER.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 24))) return true
  }
  return false
}

/**
 * True when an official voice of the subject (or a generic agency/studio) acts in the text.
 * `activeOnly` leaves out "according to X" and "announced by X" (a description of what X did).
 */
export function officialActs(text: string, matcher: SubjectMatcher, activeOnly = false): boolean {
  if (!activeOnly && matcher.officialAccording.test(text)) return true
  if (!activeOnly && matcher.officialPassive.test(text)) return true
  const re = matcher.officialGlobal
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80)
    if (NOT_SPEAKER.test(after)) continue
    if (OFFICIAL_AFTER.test(after)) return true
    if (KO_SPEAKER.test(after) && KO_OFFICIAL_ACT.test(after)) return true
  }
  if (GENERIC_OFFICIAL_EN.test(text) && new RegExp(`${GENERIC_OFFICIAL_EN.source}[^.;]{0,40}?\\b${OFFICIAL_VERB}`, 'i').test(text)) return true
  if (GENERIC_OFFICIAL_KO.test(text) && KO_OFFICIAL_ACT.test(text)) return true
  return companySpeaks(text) || ownerActs(text, matcher)
}

// A production company by the shape of its name, for configs that list no official names:
// "Studio Kazahana", "Calloway Pictures", "Ironbridge Television", "스튜디오 온기", "온기픽쳐스".
// Case-sensitive: the capitals are what make it a name ("the studio's pictures" is not one).
const COMPANY_EN = /\bStudios?\s+[A-Z][\w'’&+-]*(?:\s+[A-Z][\w'’&+-]*)?|\b[A-Z][\w'’&.+-]*(?:\s+[A-Z][\w'’&.+-]*){0,2}\s+(?:Studios?|Pictures|Television|Entertainment|Productions?|Films|Animation)\b/g
const COMPANY_KO = /스튜디오\s?[\uAC00-\uD7A3]+?(?=(?:\s*\([^)]{1,20}\))?\s*(?:측은|측이|측에서|은|는|이|가|에서)(?![\uAC00-\uD7A3]))|[\uAC00-\uD7A3]+(?:스튜디오|픽쳐스|픽처스|엔터테인먼트|프로덕션|필름)(?=(?:\s*\([^)]{1,20}\))?\s*(?:측은|측이|측에서|은|는|이|가|에서)(?![\uAC00-\uD7A3]))/g

// One capitalised word opening the clause (or a trailing ", X announced"), doing what only the
// one who owns the show does: announce, renew, release, drop, unveil. "Pado+ announced …",
// "…, Aniverse announced". Never "confirmed" or "said" (outlets confirm and say things too), never
// a pronoun or a crowd ("Sources", "Fans"), the show itself, a known person, or a reported clause.
const OWNER_ACT =
  /^[\s,]*([A-Z][\w'’&+.-]*)\s+(?:has\s+|have\s+)?(?:officially\s+|also\s+|finally\s+|now\s+)?(?:announced|announces|renewed|released|releases|dropped|drops|unveiled|unveils)\b/
const NOT_OWNER = /^(?:It|This|That|These|Those|He|She|They|We|I|You|Who|Reports?|Sources?|Fans?|Insiders?|Outlets?|Media|Critics|Viewers|Netizens|Rumou?rs?|Someone|Everyone|Season|Episode|Part|Chapter)$/

/**
 * True when the clause opens with an unconfigured name acting as the show's owner. Only for a
 * config that names no official voice: once maintainers list them, an unlisted one-word speaker
 * is more likely an outlet than the owner, and guessing would cost precision for no recall.
 */
function ownerActs(text: string, matcher: SubjectMatcher): boolean {
  if (matcher.subject.officialSources?.some(Boolean)) return false
  const m = OWNER_ACT.exec(text)
  if (!m || NOT_OWNER.test(m[1]!) || REPORTED_EN.test(text)) return false
  return !matcher.titlePattern.test(m[1]!) && !matcher.canonicalName(m[1]!)
}

/** True when a company-shaped name is the subject of an official act ("Studio Kazahana announced …"). */
function companySpeaks(text: string): boolean {
  for (const re of [COMPANY_EN, COMPANY_KO]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 80)
      if (NOT_SPEAKER.test(after)) continue
      if (re === COMPANY_EN ? OFFICIAL_AFTER.test(after) : KO_SPEAKER.test(after) && KO_OFFICIAL_ACT.test(after)) return true
    }
  }
  return false
}

// The official name's own verb, within a few words: "Lumen on Monday announced", "Lumen Korea said".
const OFFICIAL_AFTER = new RegExp(`^\\s*(?:[\\w’'-]+\\s+){0,3}?${OFFICIAL_VERB}`, 'i')
// Korean subject markers after an official name: "루멘은", "루멘 측은", "루멘(Lumen)이".
const KO_SPEAKER = /^\s*(?:\([^)]{1,20}\))?\s*(?:측은|측이|측에서|은|는|이|가|에서)/

const MAY_ALL = new RegExp(MAY.source, 'g')
const HEDGE_EN_ALL_I = new RegExp(HEDGE_EN.source, 'gi')

/** A hedge word that is not part of a hyphenated adjective ("the possibly-not-dead hero"). */
function hedged(text: string): boolean {
  if (HEDGE_KO.test(text)) return true
  for (const re of [HEDGE_EN_ALL_I, MAY_ALL]) {
    re.lastIndex = 0
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (text[m.index - 1] !== '-' && text[m.index + m[0].length] !== '-') return true
    }
  }
  return false
}

/**
 * Reads the certainty of a statement from its clause and the sentence's frame. A hedge wins;
 * then an attribution to reporting; then an official act; a bare statement is what the outlet
 * reports.
 */
export function readCertainty(clause: Clause, frame: SentenceFrame, matcher: SubjectMatcher): CertaintyReading {
  const own = clause.text
  const both = frame.text ? `${own} ${frame.text}` : own
  if (hedged(both)) return { certainty: 'speculated', explicit: true }
  const official =
    officialActs(own, matcher) || (frame.text !== '' && officialActs(frame.text, matcher)) || (frame.officialTopic && KO_OFFICIAL_ACT.test(own))
  if (official) return { certainty: 'confirmed', explicit: true }
  if (REPORTED_EN.test(both) || REPORTED_KO.test(both)) return { certainty: 'reported', explicit: true }
  if ((OFFICIALLY.test(own) || PASSIVE_CONFIRMED.test(own)) && !NEGATION.test(own)) return { certainty: 'confirmed', explicit: true }
  return { certainty: 'reported', explicit: false }
}

// Words that, before a verb in its clause, mean it has not happened (or is only planned).
const NOT_YET =
  /\b(?:not|never|no|no\s+longer|yet\s+to|has\s+yet|have\s+yet|will|would|shall|could(?!\s+(?:already\s+)?(?:have|be)\b)|might(?!\s+(?:already\s+)?(?:have|be)\b)|may(?!\s+(?:already\s+)?(?:have|be)\b)|can|set\s+to|scheduled\s+to|slated\s+to|expected\s+to|planned|plans?|planning|going\s+to|about\s+to|ahead\s+of|before|until|once|if|whether|soon|hopes?|hoping|wait(?:ing)?\s+for|pushed\s+back|postponed|delayed|awaiting|supposed\s+to|due\s+to|aims?\s+to|aiming|ready\s+to|prepar\w+\s+(?:to|for)|gearing\s+up|in\s+the\s+coming|originally|initially)\b|n['’]t\b/i

/**
 * True when the clause, before `index`, negates or defers the event ("has not yet started",
 * "is set to begin", "will wrap").
 */
export function isDeferred(clause: Clause, index: number): boolean {
  const before = clause.text.slice(Math.max(0, index - clause.start - 70), index - clause.start)
  return NOT_YET.test(before) || /\bto\s+$/i.test(before)
}

/** True when words right after the match defer or negate it ("production to start in 2025"). */
export function isDeferredAfter(clause: Clause, end: number): boolean {
  const after = clause.text.slice(end - clause.start, end - clause.start + 40)
  return /^\s*(?:to\s+(?:begin|start|commence|kick|resume|wrap|end)|(?:is|are)\s+(?:set|scheduled|slated|expected|planned)|(?:has|have)\s+(?:not|yet)|(?:was|were|has\s+been|had\s+been)\s+(?:pushed|postponed|delayed|moved)|(?:soon|next\s+(?:month|year|week)|later\s+this))/i.test(
    after,
  )
}

/** Korean: the verb after the match is negated, planned or hoped for ("시작하지 않았다", "시작할 예정"). */
export function isKoreanDeferred(clause: Clause, end: number): boolean {
  const after = clause.text.slice(end - clause.start, end - clause.start + 24)
  // "촬영에 돌입한다" / "촬영이 시작된다": the plain present of a start is a plan ("will begin").
  if (/^(?:한다|된다|할\s|될\s|하기로|되기로)/.test(after)) return true
  return /^[^.]{0,6}?(?:지\s*(?:않|못|말)|않|못|전(?=\s|$|이다|이며|에|까지)|예정|계획|목표|할\s*것|한다면|하면|될\s*것|앞두|준비|무산|불발|없)/.test(after)
}
