/** Folds case, hyphens and spaces so "Park Ji-hoo", "Park Ji Hoo" and "park jihoo" meet. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/** One Hangul syllable (a test, not a global scan: no lastIndex to reset). */
export const HANGUL = /[\uAC00-\uD7A3]/
