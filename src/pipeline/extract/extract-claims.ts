import { CERTAINTY_RANK, claimValueKey } from '../../core/claim-key'
import type { Certainty, Claim, ExtractResult } from '../../core/types'
import { officialActs } from './certainty'
import { extractCastClaims } from './claims-cast'
import { extractEpisodeClaims } from './claims-episodes'
import { extractReleaseClaims } from './claims-release'
import { extractStageClaims } from './claims-stage'
import { extractTrailerClaims } from './claims-trailer'
import { detectLanguage, RULE_LANGUAGES } from './detect-language'
import type { ParsedArticle } from './parse-html'
import { scopeSentence, type SentenceScope } from './scope'
import { splitClauses } from './clauses'
import { createSentenceContext, type FieldExtractor } from './sentence-context'
import { splitSentences } from './sentences'
import type { SubjectMatcher } from './subject-matcher'

const EXTRACTORS: FieldExtractor[] = [extractStageClaims, extractReleaseClaims, extractCastClaims, extractTrailerClaims, extractEpisodeClaims]

/** Evidence is shown in emails and pages: keep it to one readable sentence. */
const MAX_EVIDENCE = 400

/** What the caller knows besides the article. */
export interface ClaimOptions {
  url: string
  /** The day the page was fetched: relative dates on an undated page are read against it. */
  fetchedDay: string | null
}

interface Sentence {
  text: string
  block: number
}

/**
 * Turns a parsed article into claims about the followed season. Headings, captions and meta
 * lines are context only (headlines overstate; captions describe photos); claims come from
 * running text. A page in a language the rules are not written for yields no claims.
 */
export function extractClaims(article: ParsedArticle, options: ClaimOptions, matcher: SubjectMatcher): ExtractResult {
  const { url } = options
  const published = article.published
  const lang = detectLanguage(article)
  if (!lang || !RULE_LANGUAGES.has(lang)) return { published, claims: [], lang }
  const undated = article.publishedFrom === 'fetched' || published === null
  const reference = published ?? options.fetchedDay
  const title = normalizeText(article.title ?? '')
  const sentences: Sentence[] = []
  article.blocks.forEach((b, block) => {
    if (b.kind !== 'paragraph' && b.kind !== 'item' && b.kind !== 'quote') return
    // The headline repeated as the first paragraph is the headline.
    if (title && Math.abs(b.text.length - title.length) < 12 && normalizeText(b.text) === title) return
    for (const text of splitSentences(b.text)) sentences.push({ text, block })
  })
  const headings = [article.title ?? '', ...article.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)]

  const mentionsShow = headings.some((h) => matcher.titlePattern.test(h)) || sentences.some((s) => matcher.titlePattern.test(s.text))
  if (!mentionsShow) return { published, claims: [], lang }

  // Scopes are read on demand: when a headline names the season, most sentences never need one.
  const scopes: (SentenceScope | undefined)[] = []
  const scopeOf = (i: number): SentenceScope => (scopes[i] ??= scopeSentence(sentences[i]!.text, matcher))
  const headingTarget = headings.some((h) => {
    const sc = scopeSentence(h, matcher)
    return sc.target && !sc.elsewhere
  })
  const docTarget = headingTarget || sentences.some((_, i) => scopeOf(i).target && !scopeOf(i).elsewhere)
  // A republished old story ("first appeared in our 2023 preview") is old news, whatever its date.
  const republished = sentences.some((s) => {
    const m = /originally|first/i.test(s.text) ? REPUBLISHED.exec(s.text) : null
    return !!m && !!reference && Number(m[1]) < Number(reference.slice(0, 4))
  })
  if (republished) return { published, claims: [], lang }
  const { confirmed: announced, seasonCast } = castAnnouncements(sentences, scopeOf, docTarget, matcher)
  const followUps = followUpConfirmations(sentences, matcher)

  const best = new Map<string, Claim>()
  sentences.forEach(({ text }, i) => {
    // A question ("Has filming started on Season 2?") asserts nothing, nor does a report that
    // is denied in the same sentence ("denied rumours that she had left", "…다는 보도는 사실이 아니다").
    if (/\?["'”’)]*$/.test(text) || (REPORT_HINT.test(text) && DENIED_REPORT.test(text))) return
    const reportConfirmed = REPORT_HINT.test(text) && CONFIRMED_REPORT.test(text) && officialActs(text, matcher)
    const ctx = createSentenceContext(text, () => scopeOf(i), { docTarget, titleTarget: headingTarget, reference, url, matcher, castFrame: seasonCast.has(i) })
    for (const extract of EXTRACTORS) {
      for (const found of extract(ctx)) {
        const { at, certainty: own, ...body } = found
        const reading = ctx.certaintyAt(at)
        let certainty: Certainty = own ?? reading.certainty
        // The official voice announced the cast just before: its list is the official list.
        if (body.field === 'cast' && !reading.explicit && announced.has(i)) certainty = 'confirmed'
        // "…다는 보도에 대해 넷플릭스는 '사실'이라고 확인했다": the official voice confirmed the report.
        if (reportConfirmed && certainty !== 'speculated') certainty = 'confirmed'
        // "X's agency confirmed the news" in a following sentence confirms X's casting.
        if (body.field === 'cast' && certainty === 'reported' && followUps.get(body.value.actor)?.some((j) => j > i && j - i <= 2)) certainty = 'confirmed'
        const claim = { ...body, certainty, evidence: clip(text), source: url, published, ...(undated ? { undated: true } : {}) } as Claim
        const key = claimValueKey(claim)
        const prev = best.get(key)
        if (!prev || CERTAINTY_RANK[certainty] > CERTAINTY_RANK[prev.certainty]) best.set(key, claim)
      }
    }
  })
  return { published, claims: withDenials([...best.values()], sentences, matcher), lang }
}

function clip(text: string): string {
  return text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE - 1)}…` : text
}

function normalizeText(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

// "The streamer announced the Season 2 cast", "OO 측은 … 캐스팅 라인업을 공개했다".
const CAST_NOUN = /\b(?:cast|casting|line-?up|ensemble|actors)\b|캐스팅|라인업|출연진|출연\s*배우/i
const HEDGED = /\b(?:could|might|may|would|if|whether|rumou?r\w*|reportedly|not|no)\b|n['’]t\b|전망|예상|알려졌|검토|미정/i

/**
 * What an official cast announcement ("the streamer announced the Season 2 cast on …", "OO가
 * 시즌2 캐스팅을 공개했다") tells about the sentences after it. In the same or the next three
 * blocks (at most five sentences), a bare cast list ("New to the cast: A, B") is the announced,
 * official list (`confirmed`). For the rest of the article, "X plays C" describes that season's
 * cast even when the sentence does not name the season (`seasonCast`).
 */
function castAnnouncements(
  sentences: Sentence[],
  scopeOf: (i: number) => SentenceScope,
  docTarget: boolean,
  matcher: SubjectMatcher,
): { confirmed: Set<number>; seasonCast: Set<number> } {
  const confirmed = new Set<number>()
  const seasonCast = new Set<number>()
  sentences.forEach((s, i) => {
    if (!CAST_NOUN.test(s.text)) return
    const scope = scopeOf(i)
    if (scope.elsewhere || !(scope.target || docTarget)) return
    if (HEDGED.test(s.text) || !officialActs(s.text, matcher, true)) return
    for (let j = i; j < sentences.length && j <= i + 5 && sentences[j]!.block <= s.block + 3; j++) confirmed.add(j)
    for (let j = i; j < sentences.length; j++) seasonCast.add(j)
  })
  return { confirmed, seasonCast }
}

// A page that says it is a re-run of an older story.
const REPUBLISHED = /\b(?:originally|first)\s+(?:published|appeared|ran|posted)\b[^.]{0,100}?\b((?:19|20)\d\d)\b/i
// Words without which a sentence cannot deny or confirm a report.
const REPORT_HINT = /deni|deny|refut|dismiss|reject|false|untrue|baseless|wrong|confirmed|보도|소식|주장|루머|설|사실/i
// A report denied in the same sentence: nothing of it is asserted.
const DENIED_REPORT =
  /\b(?:denied|denies|deny|refuted|dismissed|rejected)\s+(?:the\s+|those\s+|these\s+|online\s+)?(?:rumou?rs?|reports?|claims?|speculation|news)?\s*(?:that|of|about)\b|\b(?:rumou?rs?|reports?|claims?)\s+(?:that|of)\b[^.;]*?\b(?:were|was|are|is|have\s+been|has\s+been)\s+(?:denied|false|untrue|refuted|dismissed|baseless|wrong)\b|(?:다는|라는|단)\s*(?:일부\s*)?(?:보도|소식|주장|루머|설|얘기|이야기)[^.]*?(?:사실이\s*아니|사실무근|부인|아닌\s*것으로|아니다|일축)|사실이\s*아니/i
// A report the official voice confirms in the same sentence ("…다는 보도에 대해 … '사실'이라고 확인했다").
const CONFIRMED_REPORT = /(?:다는|라는)\s*(?:일부\s*)?(?:보도|소식)[^.]*?(?:사실|맞다|맞는\s*것|인정)|\bconfirmed\s+(?:the|those|these)\s+(?:reports?|rumou?rs?)\b/i
// A follow-up that confirms what the sentence before reported: "X's agency confirmed the news".
const FOLLOW_UP = /\bconfirmed\s+(?:the|this|that|those|these)\s+(?:news|reports?|rumou?rs?|casting|report)\b|\bconfirmed\s+it\b|(?:사실|맞다|맞는\s*것|맞습니다)/i

/** People whose casting a later sentence's official voice confirms, with that sentence's index. */
function followUpConfirmations(sentences: Sentence[], matcher: SubjectMatcher): Map<string, number[]> {
  const out = new Map<string, number[]>()
  sentences.forEach((s, i) => {
    if (!FOLLOW_UP.test(s.text) || HEDGED.test(s.text) || !officialActs(s.text, matcher)) return
    const named = new Set(matcher.findPeople(s.text).map((p) => p.name))
    for (const c of [...s.text.matchAll(/(\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}?\p{Ll}+){1,2})['’]s\s+(?:agency|management|label|representatives?)/gu)]) named.add(c[1]!)
    for (const n of named) out.set(n, [...(out.get(n) ?? []), i])
  })
  return out
}

// An agency's answer that decides nothing: "nothing has been decided", "under review", "검토 중",
// "stated its position" with no position.
const DENIAL =
  /\b(?:nothing\s+(?:has\s+been|is)\s+(?:decided|confirmed|finali[sz]ed)|not\s+(?:been\s+)?(?:decided|finali[sz]ed|confirmed)\s+yet|denied|den(?:y|ies)|(?:is|are)\s+(?:still\s+)?(?:reviewing|considering|checking|in\s+talks|in\s+discussions?)|positively\s+reviewing|under\s+review|received\s+an?\s+offer|was\s+offered)\b|n['’]t\s+(?:been\s+)?(?:decided|finali[sz]ed|confirmed)\s+yet|검토\s*중|긍정적으로\s*검토|논의\s*중|(?:정해지|결정되|확정되)지\s*않|여부(?:가|는|를)?\s*(?:미정|불투명|미지수)|제안을?\s*받|(?:정해진|확정된|결정된)\s*(?:것|바)\s*(?:이\s*|는\s*|가\s*)?없|미정/i

const DENIAL_HINT = /decid|confirm|final|deni|deny|review|consider|check|talks|discussion|offer|검토|논의|제안|정해|확정|결정|미정/i

/**
 * A casting claim answered in the same article by a denial or "under review" is a rumour:
 * the actors named in the denial (or the sentence before it) are lowered to speculated.
 */
function withDenials(claims: Claim[], sentences: Sentence[], matcher: SubjectMatcher): Claim[] {
  const denied = new Set<string>()
  const actors = claims.filter((c): c is Claim & { field: 'cast' } => c.field === 'cast').map((c) => c.value.actor)
  const named = (text: string) => [...matcher.findPeople(text).map((p) => p.name), ...actors.filter((a) => text.includes(a))]
  sentences.forEach((s, i) => {
    if (!DENIAL_HINT.test(s.text) || !DENIAL.test(s.text)) return
    // The answer is about the people in its own clause; a clause naming nobody answers the
    // sentence before ("In response, the agency said nothing had been decided").
    const clause = splitClauses(s.text).find((c) => DENIAL.test(c.text))
    const here = named(clause?.text ?? s.text)
    for (const n of here.length ? here : [...named(s.text), ...named(sentences[i - 1]?.text ?? '')]) denied.add(n)
  })
  if (denied.size === 0) return claims
  return claims.map((c) => (c.field === 'cast' && c.value.status !== 'departed' && denied.has(c.value.actor) ? { ...c, certainty: 'speculated' } : c))
}
