import { isDeferred } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen']
const COUNT = /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen)[\s-]+episodes?\b|(\d{1,2})\s*부작/i

/** Claims about how many episodes the season has; the season must be named in the sentence. */
export const extractEpisodeClaims: FieldExtractor = (ctx) => {
  const m = COUNT.exec(ctx.text)
  if (!m || !isAboutTarget(ctx, true) || ctx.scope.earlier || ctx.scope.elsewhere) return []
  if (isDeferred(ctx.text, m.index) && /\b(?:not|n['’]t|if|could|might)\b/i.test(ctx.text.slice(Math.max(0, m.index - 40), m.index))) return []
  const raw = (m[1] ?? m[2] ?? '').toLowerCase()
  const n = /^\d+$/.test(raw) ? Number(raw) : WORDS.indexOf(raw)
  if (!(n >= 1 && n <= 40)) return []
  // Episodes "released"/"premiered" already are the earlier season's.
  if (/\b(?:all|first)\s+\d+\s+episodes\b.*\b(?:were|was)\b/i.test(ctx.text)) return []
  return [{ field: 'episodes', value: n }]
}
