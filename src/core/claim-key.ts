import type { Certainty, Claim, ClaimBody } from './types'

/** Rank for "confirmed beats reported beats speculated". */
export const CERTAINTY_RANK: Record<Certainty, number> = { speculated: 0, reported: 1, confirmed: 2 }

/** What a claim says, ignoring who said it: equal keys are the same statement. */
export function claimValueKey(c: ClaimBody): string {
  switch (c.field) {
    case 'stage':
      return `stage:${c.value}`
    case 'cast':
      return `cast:${c.value.actor}:${c.value.status}`
    case 'trailer':
      return `trailer:${c.value.kind}`
    case 'episodes':
      return `episodes:${c.value}`
    case 'release':
      return `release:${c.value.status}:${c.value.date ?? ''}:${c.value.window?.from ?? ''}:${c.value.window?.to ?? ''}`
  }
}

/** Identity of a claim in the ledger: one statement from one document at one certainty. */
export function claimLedgerKey(c: Claim): string {
  return `${c.source}|${claimValueKey(c)}|${c.certainty}`
}

/** The site a URL belongs to, for "reported by two different sites" (registrable-domain guess). */
export function siteOf(url: string): string {
  let host: string
  try {
    host = new URL(url).hostname.toLowerCase()
  } catch {
    return url
  }
  const parts = host.replace(/^www\./, '').split('.')
  // Two-level public suffixes such as co.uk, com.br, co.kr keep three labels.
  const secondLevel = /^(?:co|com|net|org|gov|ac|or|ne|go)$/
  if (parts.length >= 3 && secondLevel.test(parts[parts.length - 2] ?? '') && (parts[parts.length - 1] ?? '').length === 2) {
    return parts.slice(-3).join('.')
  }
  return parts.slice(-2).join('.')
}
