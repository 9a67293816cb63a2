import type { CastStatus } from '../../core/types'
import { type FieldExtractor, isAboutTarget, type SentenceContext } from './sentence-context'

type TriggerKind = 'returning' | 'new' | 'departed' | 'list'

interface Trigger {
  kind: TriggerKind
  index: number
  /** A plain "the cast includes" describes the show, not the season: it needs the season named. */
  needsSeason: boolean
}

const TRIGGERS: { kind: TriggerKind; re: RegExp; needsSeason?: boolean }[] = [
  {
    kind: 'departed',
    re: /\b(?:will\s+)?not\s+(?:be\s+)?(?:returning|return|back)\b|\bwon['’]t\s+(?:be\s+)?(?:returning|return|back)\b|\bno\s+longer\s+(?:be\s+)?(?:a\s+)?part\s+of\b|\bexit(?:s|ed|ing)?\b|\bleft\s+the\s+(?:show|series|project|cast|drama)\b|\bleaving\s+the\s+(?:show|series|project|cast)\b|\bopted\s+out\b|\bdropped\s+out\b|\bwithdr[ae]w\w*\b|\bdeparture\b|\bstep(?:ped|s)?\s+down\b|\brules?\s+out\s+(?:her|his|their)\s+involvement\b|하차|불참/gi,
  },
  {
    kind: 'returning',
    re: /\breprise[sd]?\b|\breprising\b|\breturn(?:s|ing|ed)?\b(?!\s+of\b)|\b(?:are|is|will\s+be)\s+back\b|\bback\s+for\b|\bcome\s*back\b|\bcoming\s+back\b|\bcomeback\b|돌아온|돌아오|컴백|재회/gi,
  },
  {
    kind: 'new',
    re: /\bjoin(?:s|ed|ing)?\b|\bnew\s+(?:cast\s+)?(?:members?|faces|additions?|actors?|actress(?:es)?|cast|stars?|allies|names|blood)\b|\bnew\s+to\s+the\s+cast\b|\bnew\s*:|\baddition(?:s)?\s+(?:to|of)\b|\badded\s+to\b|\b(?:has|have|had)\s+been\s+cast\b|\b(?:was|were|is|are|being|got)\s+cast\b|\bboard(?:s|ed)\b|합류|새롭게|새로운\s*배우|캐스팅/gi,
  },
  {
    kind: 'list',
    re: /\bline-?ups?\b|\b(?:confirmed|new|full|official)\s+cast\b|\bplays?\b|\bplaying\b|\bportray(?:s|ing)?\b|\btakes?\s+on\s+the\s+role\b|\bwill\s+(?:star|play|feature|appear)\b|\bin\s+the\s+role\s+of\b|\b(?:reading|read)\s+their\b|\btable[\s-]read\b|출연|라인업|역으로|분해|연기한다|열연/gi,
  },
  { kind: 'list', re: /\bcast\b|\bensemble\b|\bstarring\b/gi, needsSeason: true },
]

const NAME_STOP = new Set(
  'The A An And Or But Netflix Season Seasons Series Part Korea Korean South Seoul Squid Game Kingdom Sweet Home Hellbound Stranger Things January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday Hyosan High School University College Director Writer Creator Actor Actress Star Stars Fans Viewers Meanwhile However Also Besides New Returning Cast Joining Alongside Including With Other Several Many Some All Us Are Dead Now Our Webtoon Weak Hero Class Little Women Hyper Knife Undercover Love Scout Our Blues Crash Course Romance Film Monster Entertainment Agency OSEN Sports TV News Star StarNews Soompi Variety Deadline'.split(
    ' ',
  ),
)

const PAST_CAST = /\b(?:starred|featured|boasted|were\s+among|was\s+among|made\s+up|launchpad|catapulted|rose\s+to\s+fame|known\s+for|previously\s+seen)\b/i

/** Collects the cast triggers of a sentence, in order. */
function findTriggers(text: string): Trigger[] {
  const out: Trigger[] = []
  for (const t of TRIGGERS) {
    t.re.lastIndex = 0
    for (let m = t.re.exec(text); m; m = t.re.exec(text)) out.push({ kind: t.kind, index: m.index, needsSeason: t.needsSeason ?? false })
  }
  return out.sort((a, b) => a.index - b.index)
}

/** The clause around a position: bounded by ; — – and "while". */
function clauseBounds(text: string, at: number): [number, number] {
  const seps = /[;—–]|\bwhile\b|\bbut\b|\bmeanwhile\b/gi
  let start = 0
  let end = text.length
  for (let m = seps.exec(text); m; m = seps.exec(text)) {
    if (m.index < at) start = m.index
    else {
      end = m.index
      break
    }
  }
  return [start, end]
}

/** Picks the trigger that governs a name: a departure in its clause wins, else the nearest before it. */
function triggerFor(triggers: Trigger[], text: string, at: number): Trigger | undefined {
  const [start, end] = clauseBounds(text, at)
  const inClause = triggers.filter((t) => t.index >= start && t.index < end)
  const departed = inClause.find((t) => t.kind === 'departed')
  if (departed) return departed
  const before = inClause.filter((t) => t.index <= at && t.kind !== 'list').pop()
  if (before) return before
  const after = inClause.find((t) => t.index > at && t.kind !== 'list')
  return after ?? inClause.filter((t) => t.index <= at).pop() ?? inClause[0] ?? triggers.filter((t) => t.index <= at).pop()
}

const ROLE_AFTER = /^\s*(?:,\s*)?(?:(?:reprises?|reprising|takes\s+on|will\s+(?:play|feature)|plays|playing|portrays|returns?|is\s+back|comes\s+back)\s+)?(?:(?:his|her|their)\s+role\s+)?(?:as|in\s+the\s+role\s+of)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}?([A-Z][\p{L}'’-]+(?:[\s-][A-Z][\p{L}'’-]+){0,2})/u
const ROLE_BEFORE = /([A-Z][\p{L}'’-]+(?:[\s-][A-Z][\p{L}'’-]+){0,2})(?:['’]s)?\s*\($/u

// "… joins the cast of the show as Yong Ma-ru": the role may come at the end of the clause.
const ROLE_LATER = /\bas\s+(?:the\s+)?([A-Z][\p{L}'’-]+(?:[\s-][A-Z][\p{L}'’-]+){0,2})/u

/** Character name written next to an actor: "X as Nam On-jo", "X joins … as Nam On-jo" or "Nam On-jo (X)". */
function roleNear(text: string, index: number, length: number, nextMention: number): string | null {
  const after = ROLE_AFTER.exec(text.slice(index + length, index + length + 60))
  if (after?.[1]) return after[1].replace(/['’]s$/, '')
  const clause = text.slice(index + length, Math.min(nextMention, index + length + 100)).split(/[,;—–]/)[0] ?? ''
  const later = ROLE_LATER.exec(clause)
  if (later?.[1] && !later[1].split(/\s+/).some((w) => NAME_STOP.has(w))) return later[1].replace(/['’]s$/, '')
  const before = ROLE_BEFORE.exec(text.slice(Math.max(0, index - 40), index))
  if (before?.[1] && text[index + length] === ')') return before[1].replace(/['’]s$/, '')
  return null
}

const CAPITALIZED_NAME = /(?<![\p{L}])((?:[A-Z][a-z]+(?:-[a-z]+)?)(?:\s+[A-Z][a-z]+(?:-[a-z]+)?){1,2})(?![\p{L}])/gu

const STRONG_AFTER = /^\s+(?:joins|has\s+joined|will\s+join|is\s+joining|has\s+been\s+cast|was\s+cast|will\s+return|returns|is\s+returning|will\s+reprise|reprises|is\s+back|will\s+not\s+return|has\s+left|exits)\b/i

/**
 * Names the config does not know, kept as written: right after "actor"/"actress", right before a
 * casting verb ("Kim Mu-yeol joins"), or in a comma/"and" list next to a known name or with at
 * least one other such name.
 */
function findUnknownNames(ctx: SentenceContext, known: { index: number; length: number }[]): { name: string; index: number; length: number }[] {
  const candidates: { name: string; index: number; length: number; sure: boolean; listed: boolean; nearKnown: boolean }[] = []
  CAPITALIZED_NAME.lastIndex = 0
  for (let m = CAPITALIZED_NAME.exec(ctx.text); m; m = CAPITALIZED_NAME.exec(ctx.text)) {
    const name = m[1] ?? ''
    const at = m.index
    const end = at + name.length
    if (known.some((k) => at < k.index + k.length && k.index < end)) continue
    if (name.split(/\s+/).some((w) => NAME_STOP.has(w.replace(/-.*/, '')))) continue
    if (ctx.matcher.isRole(name) || ctx.matcher.titlePattern.test(name)) continue
    const before = ctx.text.slice(Math.max(0, at - 24), at)
    const after = ctx.text.slice(end, end + 40)
    // A character is written "Name (Actor)": the name before a parenthesis is a role.
    if (/^\s*\(/.test(after)) continue
    // "… as Nam On-jo": the name after "as" is the character.
    if (/\bas\s+(?:the\s+)?$/i.test(before)) continue
    const sure = /\b(?:actor|actress|star|newcomer|rookie)\s+$/i.test(before) || STRONG_AFTER.test(after)
    const listed = /(?:,|\band|&|:)\s*$/.test(before) || /^\s*(?:,|and\b|&)/.test(after)
    const nearKnown = known.some((k) => Math.abs(k.index - at) < 80)
    candidates.push({ name, index: at, length: name.length, sure, listed, nearKnown })
  }
  const listedCount = candidates.filter((c) => c.listed).length
  return candidates.filter((c) => c.sure || (c.listed && (c.nearKnown || listedCount >= 2))).map(({ name, index, length }) => ({ name, index, length }))
}

function statusFor(kind: TriggerKind, ctx: SentenceContext, actor: string): CastStatus {
  if (kind === 'departed') return 'departed'
  if (kind === 'returning') return 'returning'
  const person = ctx.matcher.person(actor)
  if (kind === 'new') return person?.previousCast ? 'returning' : 'new'
  return person?.previousCast ? 'returning' : 'new'
}

/** Claims that an actor is in (returning or new) or out of the followed season. */
export const extractCastClaims: FieldExtractor = (ctx) => {
  const triggers = findTriggers(ctx.text)
  if (triggers.length === 0) return []
  const aboutTarget = isAboutTarget(ctx, false)
  if (!aboutTarget) return []
  // "The show starred …", "were among the newcomers": a description of the earlier season.
  if (!ctx.scope.target && PAST_CAST.test(ctx.text)) return []
  const usable = triggers.filter((t) => !t.needsSeason || ctx.scope.target)
  if (usable.length === 0) return []

  const known = ctx.matcher.findPeople(ctx.text)
  const mentions = [...known.map((k) => ({ ...k })), ...findUnknownNames(ctx, known).map((u) => ({ ...u, known: false }))]
  const out: ReturnType<FieldExtractor> = []
  const seen = new Set<string>()
  const ordered = mentions.sort((a, b) => a.index - b.index)
  for (const [k, m] of ordered.entries()) {
    if (seen.has(m.name)) continue
    const trigger = triggerFor(usable, ctx.text, m.index)
    if (!trigger) continue
    seen.add(m.name)
    const role = roleNear(ctx.text, m.index, m.length, ordered[k + 1]?.index ?? ctx.text.length)
    out.push({
      field: 'cast',
      value: {
        actor: m.name,
        role: role && !ctx.matcher.canonicalName(role) ? role : null,
        status: statusFor(trigger.kind, ctx, m.name),
      },
    })
  }
  return out
}
