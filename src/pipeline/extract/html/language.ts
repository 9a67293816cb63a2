/** The article's language: as the markup declares it, else guessed from Korean or Japanese script. */
import type { Scan } from './main-content'
import type { TextBlock } from './text-blocks'

/** The language tag from markup, else guessed from the script of the text (Korean/Japanese only). */
export function pickLang(scan: Scan, ldLang: string | null, blocks: TextBlock[]): string | null {
  const declared =
    scan.lang ||
    scan.metas.get('content-language') ||
    scan.metas.get('language') ||
    scan.metas.get('og:locale') ||
    ldLang ||
    ''
  const tag = declared.split(',')[0]!.trim().replace(/_/g, '-').toLowerCase()
  if (tag) return tag
  // A char-code loop: Unicode property regexes cost more than the whole DOM walk.
  let letters = 0
  let hangul = 0
  let kana = 0
  let seen = 0
  for (const block of blocks) {
    const t = block.text
    for (let i = 0; i < t.length && seen < 2000; i++, seen++) {
      const c = t.charCodeAt(i)
      if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++
      else if (c >= 0x3040 && c <= 0x30ff) kana++
      else if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x4e00 && c <= 0x9fff))) continue
      letters++
    }
    if (seen >= 2000) break
  }
  if (letters === 0) return null
  if (hangul / letters > 0.3) return 'ko'
  return kana / letters > 0.15 ? 'ja' : null
}
