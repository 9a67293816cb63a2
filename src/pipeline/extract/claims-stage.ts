import type { Stage } from '../../core/types'
import { isDeferred, isDeferredAfter, isKoreanDeferred } from './certainty'
import { WEEKDAY } from './dates'
import { CARDINALS, scopeSentence } from './scope'
import { type FieldExtractor, isAboutTarget } from './sentence-context'

interface StagePattern {
  stage: Stage
  re: RegExp
  /** Renewal is often said in the future tense ("will return for a second season"). */
  allowFuture?: boolean
  /** Korean phrasing: negation and plans follow the verb. */
  korean?: boolean
  /** The show's title must be the subject, right before the match. */
  showSubject?: boolean
  /** The same in English: the title, then the verb. */
  titleSubject?: boolean
}

const FILMING_NOUN = '(?:filming|shooting|(?<![\\w-])production|principal\\s+photography|cameras?)'
// Any later season: which one the sentence means is the scope's job, so a season-3 show reads
// "renewed for a third season" and not "…for a fourth season".
const NEXT_ORDINAL = '(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|[2-9](?:nd|rd|th)|1\\d(?:th)|new)'
// "…has been confirmed to premiere in May" is a date, not a renewal.
const NOT_A_DATE = '(?!\\s+(?:to|for)\\s+(?:premiere|release|arrive|debut|land|drop|stream))'
const MONTH_DAY = '(?:January|February|March|April|May|June|July|August|September|October|November|December)\\s+\\d'

// Past or present-perfect phrasings only; plans and hopes are filtered by isDeferred.
const PATTERNS: StagePattern[] = [
  { stage: 'renewed', re: /\b(?:has|have|was|were|been|be|got|is|officially|formally)\s+(?:officially\s+|formally\s+)?renewed\b/i },
  { stage: 'renewed', re: new RegExp(`\\brenew(?:s|ed)\\b[^.;]{0,80}?\\bfor\\s+(?:a\\s+)?(?:${NEXT_ORDINAL})\\s+(?:season|series|installment|instalment)`, 'i') },
  { stage: 'renewed', re: /\bgreen[\s-]?lit\b|\bgreen[\s-]?lighted\b/i },
  { stage: 'renewed', re: new RegExp(`\\b(?:announced|confirmed|ordered|commissioned)\\s+(?:a\\s+)?(?:${NEXT_ORDINAL}|another)\\s+(?:season|series|installment|instalment)\\b`, 'i') },
  // "A second season of Stardust Smith has been announced", "is officially getting a 2nd season".
  { stage: 'renewed', re: new RegExp(`\\b(?:${NEXT_ORDINAL})\\s+(?:season|series)\\s+of\\s+[^.;,]{1,60}?\\s(?:has\\s+been|was|is|have\\s+been)\\s+(?:officially\\s+|formally\\s+)?(?:announced|confirmed|ordered|commissioned|greenlit)\\b${NOT_A_DATE}`, 'i') },
  { stage: 'renewed', re: new RegExp(`\\b(?:is|are)\\s+(?:officially\\s+|indeed\\s+|now\\s+)?getting\\s+(?:a\\s+)?(?:${NEXT_ORDINAL})\\s+season\\b`, 'i') },
  // "Season 2 has been confirmed" is a renewal; "… has been confirmed to premiere in May" is a date.
  { stage: 'renewed', re: new RegExp(`\\b(?:${NEXT_ORDINAL})\\s+season\\s+(?:has\\s+been\\s+|was\\s+|is\\s+)?(?:officially\\s+)?confirmed\\b${NOT_A_DATE}`, 'i') },
  { stage: 'renewed', re: new RegExp(`\\b(?:season|series)\\s*(?:\\d{1,2}|${CARDINALS.slice(2).join('|')})\\b[^.;,]{0,40}?\\b(?:is|has\\s+been|was)\\s+(?:officially\\s+)?(?:confirmed|happening|a\\s+go|announced)\\b${NOT_A_DATE}`, 'i') },
  { stage: 'renewed', re: new RegExp(`\\b(?:will\\s+(?:return|be\\s+back|come\\s+back)|(?:is\\s+)?coming\\s+back|(?:is|are)\\s+returning)\\s+for\\s+(?:a\\s+)?(?:${NEXT_ORDINAL}|another)\\s+(?:season|series|go-round|round|installment)`, 'i'), allowFuture: true },
  // "The Lantern Keepers is coming back for Season 2": only the show itself (an actor coming back is casting).
  { stage: 'renewed', re: /\b(?:will\s+(?:return|be\s+back|come\s+back)|(?:is\s+)?coming\s+back|(?:is|are)\s+returning)\s+for\s+(?:season|series)\s*(?:[2-9]|1\d|two|three|four|five|six|seven|eight|nine|ten)\b/i, allowFuture: true, titleSubject: true },
  // A prediction of renewal is speculation, not a plan: "will probably be renewed".
  { stage: 'renewed', re: /\b(?:will|could|may|might|should)\s+(?:\w+\s+)?be\s+renewed\b/i, allowFuture: true },
  // "시즌3 제작 확정", "세 번째 시즌 제작이 확정됐다": which season is the scope's job.
  { stage: 'renewed', re: /(?:시즌\s*\d{1,2}|번째\s*시즌)\s*(?:제작(?:을|이)?\s*)?(?:공식(?:적으로)?\s*)?(?:확정(?:했|됐|되었|지|하|돼|\s*소식)|제작(?:을|이)?\s*(?:공식\s*)?(?:확정|결정))|(?:시즌\s*\d{1,2}|번째\s*시즌)(?:를|을)\s*확정|후속\s*시즌\s*(?:제작(?:을)?\s*)?확정/, korean: true },
  // "솔트 하버가 시즌3로 돌아온다": the show itself comes back (not its actors).
  { stage: 'renewed', re: /시즌\s*\d{1,2}\s*(?:로|으로)\s*(?:돌아온|돌아오|컴백)/, korean: true, allowFuture: true, showSubject: true },
  { stage: 'pre-production', re: /\b(?:in|entered|enters|into|begun|began|started)\s+pre-?production\b|\bpre-?production\b[^.,;]{0,40}?\b(?:(?:is|may|might|could)\s+(?:now\s+|already\s+)?(?:be\s+)?(?:already\s+)?(?:under\s*way|in\s+progress)|has\s+(?:begun|started))|\b(?:table[\s-]?read(?:ing)?|script\s+reading)\b[^.,;]{0,60}?\b(?:took\s+place|was\s+held|were\s+held|happened|wrapped)\b/i },
  { stage: 'pre-production', re: /대본\s*리딩|리딩\s*현장|캐스팅\s*(?:작업|단계)(?:에|이|을)?\s*(?:한창|진행|돌입)|프리\s*프로덕션(?:에|을)?\s*(?:들어|돌입|착수|진행)|사전\s*제작(?:에|을)?\s*(?:들어|돌입|착수)/, korean: true },
  { stage: 'filming', re: new RegExp(`\\b${FILMING_NOUN}\\b[^.,;]{0,70}?\\b(?:has|have|had)?\\s*(?:officially\\s+|finally\\s+)?(?:began|begun|started|commenced|kicked\\s+off|got\\s+under\\s*way|(?:is|are)\\s+(?:now\\s+|officially\\s+|still\\s+|already\\s+)?under\\s*way|be\\s+(?:already\\s+)?under\\s*way|began\\s+rolling|started\\s+rolling|(?:are|were)\\s+(?:now\\s+)?rolling|(?:have|has)\\s+been\\s+rolling)\\b`, 'i') },
  { stage: 'filming', re: new RegExp(`\\b(?:began|begun|started|commenced|kicked\\s+off|entered|enters|hits|hit|went\\s+into|gone\\s+into|(?:is|are)\\s+(?:now\\s+|currently\\s+|officially\\s+)?(?:in|into)|currently\\s+in|now\\s+in)\\s+(?:official\\s+)?(?:filming|shooting|production|principal\\s+photography)\\b`, 'i') },
  { stage: 'filming', re: /\b(?:is|are)\s+(?:currently\s+|now\s+)?(?:filming|shooting)\b(?!\s+(?:in|for)\s+(?:19|20)\d\d)/i },
  { stage: 'filming', re: /\bcommencement\s+of\s+(?:its\s+|the\s+)?(?:production|filming|shooting)\b|\bproduction\s+begins\b/i },
  { stage: 'filming', re: /촬영(?:을|에|이|은|도)?\s*(?:[^.。\s]+\s){0,3}?(?:시작|돌입|착수|들어갔|들어간(?!다)|들어섰|본격|한창|진행\s*중)|크랭크\s*인|촬영\s*중(?:이다|인)|카메라(?:를|가)?\s*(?:돌리기|돌아가기)\s*시작/, korean: true },
  { stage: 'post-production', re: new RegExp(`\\bwrap(?:ped|s)\\s+(?:up\\s+)?(?:the\\s+)?${FILMING_NOUN}`, 'i') },
  { stage: 'post-production', re: new RegExp(`\\b${FILMING_NOUN}\\b[^.,;]{0,60}?\\b(?:has|have|had)?\\s*(?:officially\\s+|finally\\s+)?(?:wrapped|ended|concluded|finished|completed|come\\s+to\\s+an\\s+end)\\b`, 'i') },
  { stage: 'post-production', re: new RegExp(`\\b(?:completed|finished|concluded)\\s+(?:the\\s+)?${FILMING_NOUN}\\b`, 'i') },
  { stage: 'post-production', re: /\bcameras\s+(?:have\s+|had\s+)?stopped\s+rolling\b/i },
  { stage: 'post-production', re: /\b(?:entered|enters|entering|moved\s+into|moves\s+into|(?:is|are)\s+(?:now\s+)?in|now\s+in|into)\s+(?:the\s+)?post-?production\b/i },
  { stage: 'post-production', re: /촬영(?:을|이|은|도)?\s*(?:[^.。\s]+\s){0,3}?(?:마쳤|마치|마친|마무리|종료|끝냈|끝낸|끝났|끝마)|크랭크\s*업|후반\s*작업(?:에|을)?\s*(?:돌입|들어|착수|중|한창)/, korean: true },
  {
    stage: 'released',
    re: new RegExp(
      `\\b(?:is|are)\\s+now\\s+(?:streaming|available)\\s+(?:on|to|worldwide|globally|everywhere)\\b|\\b(?:has|have)\\s+(?:finally\\s+|officially\\s+)?(?:premiered|debuted|arrived|been\\s+released|dropped(?=\\s*(?:on\\b|in\\b|today|globally|worldwide|[.,!;]|$)))|\\b(?:premiered|debuted|was\\s+released|were\\s+released|dropped|arrived)\\s+(?:on\\s+[A-Z][\\w+]*\\s+)?(?:on\\s+)?${WEEKDAY}${MONTH_DAY}`,
      'i',
    ),
  },
  // "Playnest released Room 302 Season 2 on Friday": the season is the object of "released".
  { stage: 'released', re: /\breleased\s+(?:all\s+(?:\w+\s+)?episodes\s+of\s+)?(?:[A-Z\d][\w+'’:-]*\s+){1,6}season\s*\d+\s+(?=on\b|today|this\s|last\s|worldwide|globally)/i },
  { stage: 'released', re: /(?:전편|에피소드)?\s*공개(?:됐|되었)다|(?:첫\s*)?방송(?:됐|되었)다|방영(?:됐|되었|을\s*시작했)다|베일을\s*벗었다|공개\s*직후/, korean: true },
]

// Cheap gates per stage: a clause without one of these words cannot match that stage's patterns.
const HINTS: Record<Stage, RegExp> = {
  renewed: /renew|green|confirm|announc|order|commission|getting|happening|a\s+go\b|return|coming\s+back|be\s+back|시즌/i,
  'pre-production': /pre-?production|table|script|리딩|캐스팅|프로덕션|사전/i,
  filming: /film|shoot|production|photograph|camera|촬영|크랭크|카메라/i,
  'post-production': /wrap|stopped|post-?production|complet|finish|conclud|ended|end|촬영|크랭크|후반/i,
  released: /releas|premier|debut|arriv|stream|available|dropped|공개|방송|방영|베일/i,
}
// Cheap gate: a sentence without any of these words cannot match a pattern above.
const STAGE_WORDS = /renew|green|season|series|order|commission|round|film|shoot|product|photograph|camera|wrap|premier|debut|releas|drop|arriv|stream|available|table|script|촬영|확정|크랭크|제작|공개|베일|방송|방영|돌아|컴백|캐스팅|프로덕션|리딩|카메라|후반/i
// "the teaser was released", "예고편이 공개됐다": a released clip is not a released season.
const CLIP_NEAR = /teaser|trailer|poster|clip|stills?|photos?|video|\bcast\b|line-?up|예고편|티저|포스터|스틸|영상|사진|캐스팅|라인업|현장|리딩/i
// The words that negate a phrase from inside it: "Filming has not started", "hasn't commenced".
const NEGATED_INSIDE = /\b(?:not|never|no\s+longer|yet\s+to)\b|n['’]t\b/i
// Shooting for something else: a film, a photo shoot, an ad ("새 영화 촬영에 한창").
const OTHER_SHOOT = /(?:영화|화보|광고|CF|뮤직비디오|뮤비|예능|신작)\s*$/

/** Claims that the season reached a production stage. */
export const extractStageClaims: FieldExtractor = (ctx) => {
  if (!STAGE_WORDS.test(ctx.text)) return []
  const out: ReturnType<FieldExtractor> = []
  const seen = new Set<Stage>()
  for (const clause of ctx.clauses()) {
    // "No release date … has been confirmed": a clause that opens with a negation asserts nothing.
    if (/^\s*(?:no|none|nothing|neither)\b/i.test(clause.text)) continue
    const hints = new Map<Stage, boolean>()
    for (const p of PATTERNS) {
      if (seen.has(p.stage)) continue
      if (!hints.has(p.stage)) {
        if (!HINTS[p.stage].test(clause.text)) {
          hints.set(p.stage, false)
          continue
        }
        hints.set(p.stage, true)
      } else if (!hints.get(p.stage)) continue
      const m = p.re.exec(clause.text)
      if (!m) continue
      const at = clause.start + m.index
      const end = at + m[0].length
      if (!p.korean && NEGATED_INSIDE.test(m[0])) continue
      if (p.showSubject && !new RegExp(`(?:${ctx.matcher.titleSource})['"’”]?\\s*(?:이|가|은|는|도)\\s*$`, 'i').test(clause.text.slice(Math.max(0, m.index - 30), m.index))) continue
      if (p.titleSubject && !new RegExp(`(?:${ctx.matcher.titlePattern.source})['"’”]?\\s*$`).test(clause.text.slice(Math.max(0, m.index - 60), m.index).trimEnd())) continue
      if (p.korean && OTHER_SHOOT.test(clause.text.slice(Math.max(0, m.index - 8), m.index))) continue
      // "Room 302 is now streaming ahead of the second season": the season must be what was released.
      if (p.stage === 'released' && !p.korean && !scopeSentence(clause.text.slice(0, m.index + m[0].length), ctx.matcher).target) continue
      // A release needs the season itself named; other stages may lean on the document.
      if (!isAboutTarget(ctx, p.stage === 'released', at)) continue
      if (p.korean) {
        if (isKoreanDeferred(clause, end)) continue
      } else if (!p.allowFuture && (isDeferred(clause, at) || isDeferredAfter(clause, end))) continue
      if (p.allowFuture && /\b(?:not|if|whether|could|might)\b|n['’]t\b/i.test(clause.text.slice(Math.max(0, m.index - 40), m.index))) continue
      if (p.stage === 'released' && CLIP_NEAR.test(clause.text)) continue
      seen.add(p.stage)
      out.push({ field: 'stage', value: p.stage, at })
    }
  }
  return out
}
