import type { Certainty } from '../../core/types'
import type { SubjectMatcher } from './subject-matcher'

// Hedges: anything that makes the statement a guess. "Highly anticipated" is praise, not a hedge,
// so only the verb forms of anticipate/expect count.
const SPECULATED =
  /\b(?:could|might|(?<!\d\s)may(?!\s+\d)|maybe|perhaps|possibl[ey]|potential(?:ly)?|likely|unlikely|probabl[ey]|(?:is|are|was|were|be|been)\s+(?:widely\s+)?(?:expected|anticipated|tipped|rumou?red|thought|believed)|expect(?:s|ing)?\b|expected\s+to|predict\w*|speculat\w*|rumou?r\w*|hope[sd]?|hopeful(?:ly)?|hoping|guess\w*|estimat\w*|suggest\w*|seems?|appears?\s+to|would|if|whether|fans?\s+(?:think|believe|theori[sz]e|wonder)|theor(?:y|ies)|whispers?|in\s+talks|unconfirmed|not\s+(?:yet\s+)?(?:been\s+)?confirmed|wishlist|fingers\s+crossed)\b|전망|추측|예상|것으로\s*보인다|관측/i
const REPORTED =
  /\b(?:reportedly|reports?|reported|reporting|according\s+to|as\s+per|per\s+(?:a\s+)?[A-Z]|via|sources?\s+(?:say|said|close|told)|insiders?|told\s+[A-Z]|outlets?|claims?|claimed|citing|cited|leak(?:ed|s)?)\b|알려졌다|전해졌다|보도/
const CONFIRMED_WORDS =
  /\b(?:officially|official|confirm(?:ed|s|ing)?|announc(?:ed|es|ing|ement)|unveil(?:ed|s)?|revealed|released\s+(?:a|the)\s+(?:statement|clip|video|teaser|trailer|poster)|said|says|shared|stated|statement)\b|밝혔다|공개했다|확정|공식/i

/**
 * How sure a sentence is. A hedge anywhere wins; then an attribution to reporting; then an
 * official voice (the subject's `officialSources`, or the word "officially"). A bare statement
 * on a news page is what that outlet reports.
 */
export function classifyCertainty(sentence: string, matcher: SubjectMatcher): Certainty {
  if (SPECULATED.test(sentence)) return 'speculated'
  if (REPORTED.test(sentence)) return 'reported'
  if (/\bofficially\b|공식/i.test(sentence)) return 'confirmed'
  if (/\bconfirmed\b/i.test(sentence) && !/\bnot\b|n['’]t\b/i.test(sentence)) return 'confirmed'
  if (officialActs(sentence, matcher)) return 'confirmed'
  if (CONFIRMED_WORDS.test(sentence) && (matcher.officialPattern.test(sentence) || /\b(?:the\s+)?(?:streamer|studio|agency|network|production\s+company|platform)\b/i.test(sentence))) {
    return 'confirmed'
  }
  return 'reported'
}

/** Words that, shortly before a verb, mean it has not happened (or is only planned). */
const NOT_YET =
  /\b(?:not|n['’]t|never|no\s+longer|yet\s+to|has\s+yet|have\s+yet|will|would|shall|could|might|(?<!\d\s)may(?!\s+\d)|can|set\s+to|scheduled\s+to|slated\s+to|expected\s+to|planned|plans?|planning|going\s+to|about\s+to|ahead\s+of|before|until|once|if|whether|soon|hopes?|hoping|wait(?:ing)?\s+for|pushed\s+back|postponed|delayed|awaiting|supposed\s+to|due\s+to|aims?\s+to|aiming|ready\s+to|prepar\w+\s+(?:to|for)|gearing\s+up|in\s+the\s+coming)\b/i

/**
 * True when the clause before `index` negates or defers the event ("has not yet started",
 * "is set to begin", "will wrap"). Looks back to the previous clause boundary only.
 */
export function isDeferred(sentence: string, index: number): boolean {
  const start = Math.max(
    sentence.lastIndexOf(',', index - 1),
    sentence.lastIndexOf(';', index - 1),
    sentence.lastIndexOf(' but ', index - 1),
    sentence.lastIndexOf(' while ', index - 1),
    sentence.lastIndexOf('—', index - 1),
    sentence.lastIndexOf(' – ', index - 1),
    index - 70,
    0,
  )
  const before = sentence.slice(start, index)
  return NOT_YET.test(before) || /\bto\s+$/i.test(before)
}

/** True when words right after the match defer it ("production to start in 2025"). */
export function isDeferredAfter(sentence: string, end: number): boolean {
  const after = sentence.slice(end, end + 30)
  return /^\s*(?:to\s+(?:begin|start|commence|kick|resume|wrap|end)|(?:is|are)\s+(?:set|scheduled|slated|expected|planned)|(?:has|have)\s+(?:not|yet)|(?:was|were|has\s+been|had\s+been)\s+(?:pushed|postponed|delayed|moved)|(?:soon|next\s+(?:month|year|week)|later\s+this))/i.test(after)
}

const OFFICIAL_ACT =
  /^\s*(?:['’]s\s+)?(?:\w+\s+){0,2}?(?:has|have|had)?\s*(?:officially\s+|formally\s+|finally\s+)?(?:renewed|ordered|greenlit|green-lit|picked\s+up|announced|confirmed|released|unveiled|revealed|said|says|shared|stated|kicked\s+off|began|started|wrapped|cast|added|dropped|debuted|launched|posted|premiered)\b/i

/** "Netflix has renewed …", "the streamer kicked off …": the official voice is the one acting. */
const actCache = new WeakMap<SubjectMatcher, { passive: RegExp; official: RegExp }>()

function officialActs(sentence: string, matcher: SubjectMatcher): boolean {
  let res = actCache.get(matcher)
  if (!res) {
    res = {
      // Passive voice: "was greenlit for Season 2 by Netflix".
      passive: new RegExp(`\\b(?:renewed|greenlit|green-lit|confirmed|announced|ordered|picked\\s+up|revealed|released|unveiled)\\b[^.]{0,60}?\\bby\\s+(?:the\\s+)?(?:${matcher.officialPattern.source})`, 'iu'),
      official: new RegExp(matcher.officialPattern.source, 'giu'),
    }
    actCache.set(matcher, res)
  }
  if (!matcher.officialPattern.test(sentence)) return false
  if (res.passive.test(sentence)) return true
  const re = res.official
  re.lastIndex = 0
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    if (OFFICIAL_ACT.test(sentence.slice(m.index + m[0].length, m.index + m[0].length + 60))) return true
  }
  return false
}
