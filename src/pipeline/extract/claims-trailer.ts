import { isDeferred, isKoreanDeferred } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

// "released a/the first/official teaser|trailer", "the trailer is out", "예고편을 공개했다".
const RELEASED_TRAILER =
  /\b(?:released|dropped|unveiled|shared|debuted|launched|revealed|posted|premiered|put\s+out|unleashed)\s+(?:a|an|the|its|their)?\s*(?:first|new|official|brief|short|teaser|main|final|launch|full|second)?\s*(?:official\s+)?(?<en1>teaser(?:\s+trailer)?|trailer)\b|\b(?<en2>teaser(?:\s+trailer)?|trailer)\b[^.;]{0,60}?\b(?:was|has\s+been|have\s+been|is|is\s+now)\s+(?:officially\s+)?(?:released|out|here|unveiled|live|available)\b|\b(?<en3>teaser(?:\s+trailer)?|trailer)\b[^.;]{0,60}?\b(?:dropped|arrived|debuted|landed|premiered|went\s+live|has\s+arrived)\b|\balong\s+with\s+(?:a|an|the)\s+(?<en4>teaser|trailer)\b|(?<ko>(?:티저|런칭|메인|공식|본)?\s*(?:예고편|티저\s*영상|티저))(?:과|와|을|를|이|가|도)?(?:\s*[^.\s]{1,10}){0,2}?\s*(?:공개(?:했|됐|되었|하며|해)|선보였|베일을\s*벗)/iu
// Clips that announce a renewal, a cast or a date, or show the shoot, are teasers at most.
const CLIP_TEASER = /\b(?:announcement|announce|casting|cast\s+reveal|date\s+announcement|script\s+reading|table[\s-]?read|behind[\s-]the[\s-]scenes|first\s+look|production)\s+(?:teaser|trailer|video|clip)\b|캐스팅\s*(?:예고편|영상)|티저/i

/** Claims that a teaser or trailer for the season is out. */
export const extractTrailerClaims: FieldExtractor = (ctx) => {
  if (!/teaser|trailer|예고편|티저/i.test(ctx.text)) return []
  for (const clause of ctx.clauses()) {
    const m = RELEASED_TRAILER.exec(clause.text)
    if (!m) continue
    const at = clause.start + m.index
    if (!isAboutTarget(ctx, false, at)) continue
    if (m.groups?.ko) {
      if (isKoreanDeferred(clause, at + m[0].length)) continue
    } else if (isDeferred(clause, at)) continue
    if (/\b(?:no|not|n['’]t|yet)\b/i.test(clause.text.slice(m.index, m.index + m[0].length + 20))) continue
    const word = (m.groups?.en1 ?? m.groups?.en2 ?? m.groups?.en3 ?? m.groups?.en4 ?? m.groups?.ko ?? m[0]).toLowerCase()
    const kind = /teaser|티저/.test(word) || CLIP_TEASER.test(clause.text) ? 'teaser' : 'trailer'
    return [{ field: 'trailer', value: { kind, date: ctx.reference, url: ctx.url }, at }]
  }
  return []
}
