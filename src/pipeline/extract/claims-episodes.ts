import { isDeferred } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen']
const COUNT =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)[\s-]+(?:part\s+|new\s+)?episodes?\b|(\d{1,2})\s*부작|(\d{1,2})\s*개\s*(?:의\s*)?에피소드/i
// An infobox row ("Number of episodes: 6") belongs to the page's subject, like the rows around it.
const INFOBOX = /^(?:no\.?\s+of\s+|number\s+of\s+)?episodes\s*[:：]\s*(\d{1,2})\s*$|^에피소드\s*(?:수)?\s*[:：]\s*(\d{1,2})/i
// The earlier season's episodes ("all 12 episodes were released", "like the previous installment").
const EARLIER = /\b(?:all|first)\s+\d+\s+episodes\b.*\b(?:were|was)\b|\blike\s+(?:the\s+)?(?:previous|first|last|original)\b|\b(?:remain|stay)\s+the\s+same\s+length\b/i

/** Claims about how many episodes the season has; the season must be named in the sentence. */
export const extractEpisodeClaims: FieldExtractor = (ctx) => {
  const box = INFOBOX.exec(ctx.text)
  if (box) {
    if (ctx.scope.earlier || ctx.scope.elsewhere || !(ctx.scope.target || ctx.docTarget)) return []
    const n = Number(box[1] ?? box[2])
    return n >= 1 && n <= 40 ? [{ field: 'episodes', value: n, at: 0 }] : []
  }
  const m = COUNT.exec(ctx.text)
  if (!m) return []
  const clause = ctx.clauseAt(m.index)
  if (!isAboutTarget(ctx, true, m.index) || ctx.scopeAt(m.index).earlier || ctx.scopeAt(m.index).elsewhere) return []
  if (isDeferred(clause, m.index) && /\b(?:not|n['’]t|if|could|might|may|would)\b/i.test(clause.text.slice(Math.max(0, m.index - clause.start - 40), m.index - clause.start))) return []
  if (EARLIER.test(ctx.text)) return []
  const raw = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase()
  const n = /^\d+$/.test(raw) ? Number(raw) : WORDS.indexOf(raw)
  if (!(n >= 1 && n <= 40)) return []
  return [{ field: 'episodes', value: n, at: m.index }]
}
