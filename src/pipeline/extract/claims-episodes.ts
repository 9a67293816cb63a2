import { isDeferred } from './certainty'
import { CARDINALS, scopeSentence } from './scope'
import { type FieldExtractor, isAboutTarget, type SentenceContext } from './sentence-context'

const WORDS = [...CARDINALS, 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen']
const NUMBER = `(\\d{1,2}|${WORDS.slice(1).join('|')})`
const COUNT = new RegExp(
  `\\b${NUMBER}[\\s-]+(?:part\\s+|new\\s+|hour-long\\s+)?episodes?\\b|\\b(?:episode\\s+)?count\\s+(?:is|was|will\\s+be|stands\\s+at|of)\\s+${NUMBER}\\b|(\\d{1,2})\\s*부작|(\\d{1,2})\\s*개\\s*(?:의\\s*)?에피소드`,
  'gi',
)
// An infobox row ("Number of episodes: 6") belongs to the page's subject, like the rows around it:
// the season only when the page's title names it (a show's page lists the seasons that aired).
const INFOBOX = /^(?:no\.?\s+of\s+|number\s+of\s+)?episodes\s*[:：]\s*(\d{1,2})\s*$|^에피소드\s*(?:수)?\s*[:：]\s*(\d{1,2})/i
// The earlier season's episodes ("all 12 episodes were released").
const EARLIER = /\b(?:all|first)\s+\d+\s+episodes\b.*\b(?:were|was)\b/i
// Not a count of the season: "the first two episodes", "premieres with two episodes, followed by".
const PART_OF = /\b(?:first|last|final|opening|next|remaining|other)\s+$/i
// A count that was replaced: "first reported to have 12", "당초 12부작으로 알려졌던".
const SUPERSEDED = /\b(?:originally|initially|first\s+reported|earlier\s+reports?|previously\s+reported|was\s+reported\s+to\s+have)\b|당초|처음에?는?|애초/i

// "The eight-episode season will roll out weekly": the season the article is about, with its count.
const DEFINITE_BEFORE = /\b(?:the|this|its)\s+$/i
const SEASON_AFTER = /^\s+(?:season|run|installment|instalment)\b/i

function countOf(raw: string): number {
  const r = raw.toLowerCase()
  return /^\d+$/.test(r) ? Number(r) : WORDS.indexOf(r)
}

/** True when the season named nearest before the count is the followed one (else the nearest after). */
function countIsAboutTarget(ctx: SentenceContext, index: number): boolean {
  const scope = ctx.scopeAt(index)
  if (!scope.earlier && !scope.elsewhere) return true
  const before = scopeSentence(ctx.text.slice(Math.max(0, index - 80), index), ctx.matcher)
  if (before.target && !before.earlier && !before.elsewhere) return true
  if (before.earlier || before.elsewhere) return false
  const after = scopeSentence(ctx.text.slice(index, index + 60), ctx.matcher)
  return after.target && !after.earlier
}

/** Claims about how many episodes the season has; the season must be named in the sentence. */
export const extractEpisodeClaims: FieldExtractor = (ctx) => {
  const box = INFOBOX.exec(ctx.text)
  if (box) {
    if (ctx.scope.earlier || ctx.scope.elsewhere || !(ctx.scope.target || ctx.titleTarget)) return []
    const n = Number(box[1] ?? box[2])
    return n >= 1 && n <= 40 ? [{ field: 'episodes', value: n, at: 0 }] : []
  }
  if (!/episode|count|부작|에피소드/i.test(ctx.text) || EARLIER.test(ctx.text)) return []
  let found: ReturnType<FieldExtractor> = []
  COUNT.lastIndex = 0
  for (let m = COUNT.exec(ctx.text); m; m = COUNT.exec(ctx.text)) {
    const clause = ctx.clauseAt(m.index)
    const local = m.index - clause.start
    const before = clause.text.slice(Math.max(0, local - 40), local)
    if (PART_OF.test(before) || SUPERSEDED.test(clause.text.slice(Math.max(0, local - 24), local + m[0].length + 12))) continue
    if (/^[^.;]{0,14}\bfollowed\s+by\b|^[^.;]{0,24}\b(?:a|per|each)\s+week\b/i.test(clause.text.slice(local + m[0].length))) continue
    const end = m.index + m[0].length
    const definite = /-episode$/i.test(m[0]) && DEFINITE_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 8), m.index)) && SEASON_AFTER.test(ctx.text.slice(end, end + 16))
    if (!isAboutTarget(ctx, !definite, m.index) || !countIsAboutTarget(ctx, m.index)) continue
    if (isDeferred(clause, m.index) && /\b(?:not|if|whether)\b|n['’]t\b/i.test(before)) continue
    const n = countOf(m[1] ?? m[2] ?? m[3] ?? m[4] ?? '')
    if (n >= 1 && n <= 40) found = [{ field: 'episodes', value: n, at: m.index }]
  }
  return found
}
