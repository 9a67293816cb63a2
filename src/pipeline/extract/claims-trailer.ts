import { isDeferred, isKoreanDeferred } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

const MODIFIERS = '(?:(?:first|look|new|official|brief|short|main|final|launch|full|full-length|second|latest|character|date-announcement|announcement)\\s+){0,2}'
// "released a/the first full teaser|trailer", "the trailer is out / has gone live", "예고편을 공개했다".
const RELEASED_TRAILER = new RegExp(
  `\\b(?:released|dropped|unveiled|shared|debuted|launched|revealed|posted|premiered|put\\s+out|unleashed)\\s+(?:a|an|the|its|their)?\\s*${MODIFIERS}(?:official\\s+)?(?<en1>teaser(?:\\s+trailer)?|trailer)\\b` +
    `|\\b(?<en2>teaser(?:\\s+trailer)?|trailer)\\b[^.;]{0,60}?\\b(?:was|has\\s+been|have\\s+been|is|is\\s+now)\\s+(?:officially\\s+)?(?:released|out|here|unveiled|live|available|posted)\\b` +
    `|\\b(?<en3>teaser(?:\\s+trailer)?|trailer)\\b[^.;]{0,60}?\\b(?:dropped|arrived|debuted|landed|premiered|went\\s+live|gone\\s+live|gone\\s+up|has\\s+arrived)\\b` +
    `|\\balong\\s+with\\s+(?:a|an|the)\\s+(?<en4>teaser|trailer)\\b` +
    // An announcement clip: "released a video announcing the cast", "a date-announcement clip dropped".
    `|\\b(?:released|dropped|unveiled|shared|posted)\\s+(?:a|an|the)\\s+(?:[\\w-]+\\s+){0,2}(?<clip1>video|clip)\\s+(?:announcing|revealing|unveiling|introducing|confirming)\\b` +
    `|\\b(?<clip2>(?:date|cast|casting|title)[\\s-]announcement\\s+(?:video|clip))\\b[^.;]{0,60}?\\b(?:dropped|arrived|debuted|was\\s+released|went\\s+live)\\b` +
    `|(?<ko>(?:티저|런칭|메인|공식|본|캐릭터)?\\s*(?:예고편|티저\\s*영상|티저))(?:과|와|을|를|이|가|도|은|는)?(?:\\s*[^.\\s]{1,10}){0,2}?\\s*(?:공개(?:했|됐|되었|하며|해|돼|된\\s*것으로)|선보였|베일을\\s*벗|공개\\s*(?:하루|이틀|직후|이후|후)|조회수)`,
  'iu',
)
// Clips that announce a renewal, a cast or a date, or show the shoot, are teasers at most.
const CLIP_TEASER = /\b(?:announcement|announce|casting|cast\s+reveal|date[\s-]announcement|script\s+reading|table[\s-]?read|behind[\s-]the[\s-]scenes|first\s+look|production)\s+(?:teaser|trailer|video|clip)\b|캐스팅\s*(?:예고편|영상)|티저/i

/** Claims that a teaser or trailer for the season is out. */
export const extractTrailerClaims: FieldExtractor = (ctx) => {
  if (!/teaser|trailer|clip|video|예고편|티저/i.test(ctx.text)) return []
  for (const clause of ctx.clauses()) {
    const m = RELEASED_TRAILER.exec(clause.text)
    if (!m) continue
    const at = clause.start + m.index
    if (!isAboutTarget(ctx, false, at)) continue
    if (m.groups?.ko) {
      if (isKoreanDeferred(clause, at + m[0].length)) continue
    } else if (isDeferred(clause, at)) continue
    if (/\b(?:no|not|yet)\b|n['’]t\b/i.test(clause.text.slice(m.index, m.index + m[0].length + 20))) continue
    if (/\bno\s+(?:\w+\s+){0,2}$/i.test(clause.text.slice(Math.max(0, m.index - 20), m.index))) continue
    const clip = m.groups?.clip1 ?? m.groups?.clip2
    const word = (m.groups?.en1 ?? m.groups?.en2 ?? m.groups?.en3 ?? m.groups?.en4 ?? m.groups?.ko ?? clip ?? m[0]).toLowerCase()
    const kind = clip || /teaser|티저/.test(word) || CLIP_TEASER.test(clause.text.slice(m.index, m.index + m[0].length + 30)) ? 'teaser' : 'trailer'
    return [{ field: 'trailer', value: { kind, date: ctx.reference, url: ctx.url }, at }]
  }
  return []
}
