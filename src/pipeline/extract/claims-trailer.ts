import { isDeferred } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

const RELEASED_TRAILER =
  /\b(?:released|dropped|unveiled|shared|debuted|launched|revealed|posted|premiered|put\s+out)\s+(?:a|an|the|its|their)?\s*(?:first|new|official|brief|short|teaser|main|final)?\s*(?:official\s+)?(teaser(?:\s+trailer)?|trailer)\b|\b(teaser(?:\s+trailer)?|trailer)\b[^.]{0,60}?\b(?:was|has\s+been|have\s+been|is|is\s+now)\s+(?:officially\s+)?(?:released|out|here|unveiled|live|available)\b|\b(teaser(?:\s+trailer)?|trailer)\b[^.]{0,60}?\b(?:dropped|arrived|debuted|landed|premiered|went\s+live)\b|\balong\s+with\s+(?:a|an|the)\s+(teaser|trailer)\b|(?:티저|예고편)(?:을|를)?\s*(?:공개했|선보였)/i

/** Claims that a teaser or trailer for the season is out. */
export const extractTrailerClaims: FieldExtractor = (ctx) => {
  const m = RELEASED_TRAILER.exec(ctx.text)
  if (!m) return []
  if (!isAboutTarget(ctx, false)) return []
  if (isDeferred(ctx.text, m.index)) return []
  if (/\b(?:no|not|n['’]t|yet)\b/i.test(ctx.text.slice(m.index, m.index + m[0].length + 20))) return []
  const word = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[0]).toLowerCase()
  const kind = /teaser|티저/.test(word) ? 'teaser' : 'trailer'
  return [{ field: 'trailer', value: { kind, date: ctx.published, url: ctx.url } }]
}
