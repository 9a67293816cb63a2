import type { Stage } from '../../core/types'
import { isDeferred, isDeferredAfter } from './certainty'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

interface StagePattern {
  stage: Stage
  re: RegExp
  /** Renewal is often said in the future tense ("will return for a second season"). */
  allowFuture?: boolean
}

const FILMING_NOUN = '(?:filming|shooting|production|principal\\s+photography|cameras?)'

// Past or present-perfect phrasings only; plans and hopes are filtered by isDeferred.
const PATTERNS: StagePattern[] = [
  { stage: 'renewed', re: /\b(?:has|have|was|were|been|got|is|officially|formally)\s+(?:officially\s+|formally\s+)?renewed\b/i },
  { stage: 'renewed', re: /\brenew(?:s|ed)\b[^.]{0,80}?\bfor\s+(?:a\s+)?(?:second|2nd|another|new|third|3rd)\s+(?:season|installment|instalment)/i },
  { stage: 'renewed', re: /\bgreen[\s-]?lit\b|\bgreen[\s-]?lighted\b/i },
  { stage: 'renewed', re: /\b(?:announced|confirmed|ordered)\s+(?:a\s+)?(?:second|2nd|new|another)\s+season\b/i },
  { stage: 'renewed', re: /\b(?:second|2nd)\s+season\s+(?:has\s+been\s+|was\s+|is\s+)?(?:officially\s+)?confirmed\b/i },
  { stage: 'renewed', re: /\bseason\s*(?:2|two)\b[^.]{0,40}?\b(?:is|has\s+been|was)\s+(?:officially\s+)?(?:confirmed|happening|a\s+go|announced)\b/i },
  { stage: 'renewed', re: /\b(?:will\s+(?:return|be\s+back|come\s+back)|(?:is\s+)?coming\s+back|(?:is|are)\s+returning)\s+(?:to\s+life\s+)?for\s+(?:a\s+)?(?:second|2nd|another)\s+(?:season|go-round|round|installment)/i, allowFuture: true },
  { stage: 'renewed', re: /시즌\s*2[^.]{0,30}?(?:제작\s*)?확정|제작을?\s*확정/ },
  { stage: 'pre-production', re: /\b(?:in|entered|enters|into|begun|began|started)\s+pre-?production\b/i },
  { stage: 'filming', re: new RegExp(`\\b${FILMING_NOUN}\\b[^.,;]{0,40}?\\b(?:has|have|had)?\\s*(?:officially\\s+|finally\\s+)?(?:began|begun|started|commenced|kicked\\s+off|got\\s+underway|(?:is|are)\\s+(?:now\\s+|officially\\s+)?underway|began\\s+rolling|(?:are|were|started)\\s+rolling|rolling\\s+as\\s+of)\\b`, 'iu') },
  { stage: 'filming', re: new RegExp(`\\b(?:began|begun|started|commenced|kicked\\s+off|entered|enters|hits|hit|went\\s+into|gone\\s+into|(?:is|are)\\s+(?:now\\s+|currently\\s+|officially\\s+)?(?:in|into)|currently\\s+in|now\\s+in)\\s+(?:official\\s+)?(?:filming|shooting|production|principal\\s+photography)\\b`, 'iu') },
  { stage: 'filming', re: /\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:filming|shooting)\b(?!\s+(?:in|for)\s+(?:19|20)\d\d)/i },
  { stage: 'filming', re: /\bcommencement\s+of\s+(?:its\s+|the\s+)?(?:production|filming|shooting)\b|\bproduction\s+begins\b/i },
  { stage: 'filming', re: /촬영(?:을|에)?\s*(?:시작|돌입|착수)(?:했|하였|한다|에\s*들어)|크랭크\s*인/ },
  { stage: 'post-production', re: new RegExp(`\\bwrap(?:ped|s)\\s+(?:up\\s+)?(?:the\\s+)?${FILMING_NOUN}`, 'iu') },
  { stage: 'post-production', re: new RegExp(`\\b${FILMING_NOUN}\\b[^.,;]{0,40}?\\b(?:has|have|had)?\\s*(?:officially\\s+|finally\\s+)?(?:wrapped|ended|concluded|finished|completed|come\\s+to\\s+an\\s+end)\\b`, 'iu') },
  { stage: 'post-production', re: new RegExp(`\\b(?:completed|finished|concluded)\\s+(?:the\\s+)?${FILMING_NOUN}\\b`, 'iu') },
  { stage: 'post-production', re: /\bcameras\s+(?:have\s+|had\s+)?stopped\s+rolling\b/i },
  { stage: 'post-production', re: /\b(?:entered|enters|entering|moved\s+into|moves\s+into|(?:is|are)\s+(?:now\s+)?in|now\s+in|into)\s+(?:the\s+)?post-?production\b/i },
  { stage: 'post-production', re: /촬영(?:을)?\s*(?:마쳤|마무리|종료)|크랭크\s*업/ },
  { stage: 'released', re: /\b(?:is|are)\s+now\s+(?:streaming|available)\s+on\b|\b(?:premiered|debuted|was\s+released|dropped|arrived)\s+on\s+(?:Netflix\s+)?(?:on\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d/i },
]

// Cheap gate: a sentence without any of these words cannot match a pattern above.
const STAGE_WORDS = /renew|green|season|film|shoot|product|photograph|camera|wrap|premier|debut|releas|drop|arriv|stream|available|촬영|확정|크랭크|제작/i

/** Claims that the season reached a production stage. */
export const extractStageClaims: FieldExtractor = (ctx) => {
  if (!STAGE_WORDS.test(ctx.text)) return []
  const out: ReturnType<FieldExtractor> = []
  const seen = new Set<Stage>()
  for (const p of PATTERNS) {
    if (seen.has(p.stage)) continue
    const m = p.re.exec(ctx.text)
    if (!m) continue
    // Release claims need the season itself named; other stages may lean on the document.
    if (!isAboutTarget(ctx, p.stage === 'released')) continue
    if (!p.allowFuture && (isDeferred(ctx.text, m.index) || isDeferredAfter(ctx.text, m.index + m[0].length))) continue
    if (p.allowFuture && /\b(?:not|n['’]t|if|whether|could|might)\b/i.test(ctx.text.slice(Math.max(0, m.index - 40), m.index))) continue
    seen.add(p.stage)
    out.push({ field: 'stage', value: p.stage })
  }
  return out
}
