/**
 * An invented subject and page builders for the extractor specs. Every sentence in these specs
 * is written for this project: an imaginary drama, "Moonlit Ferry", followed at its second season
 * on an imaginary streamer, Lumen, with an agency and a studio as the other official voices.
 */
import { expect, it } from 'vitest'
import type { Claim, Subject } from '../../../src/core/types'
import { extractDocument } from '../../../src/pipeline/extract/extract-document'

export const ferry: Subject = {
  show: 'Moonlit Ferry',
  season: 2,
  aliases: ['달빛 나룻배', 'Dalbit Naruttbae'],
  officialSources: ['Lumen', '루멘', 'Studio Haneul', '스튜디오 하늘', 'Bright Star Agency', '브라이트스타'],
  people: [
    { name: 'Seo Ha-neul', aliases: ['Seo Haneul', 'Suh Ha-neul', '서하늘'], roles: ['Captain Jo Mi-rae', 'Jo Mi-rae'], previousCast: true },
    { name: 'Park Do-yun', aliases: ['Park Doyun', 'Do-yun Park', '박도윤'], roles: ['Han Gyeol'], previousCast: true },
    { name: 'Lee Bom', aliases: ['Lee Bomi', '이봄'], roles: ['Yoon Seul'], previousCast: true },
    { name: 'Oliver Grant', aliases: ['Ollie Grant', '올리버 그랜트'], roles: ['Harbourmaster Voss'], previousCast: true },
    { name: 'Kang Min-ho', aliases: ['Kang Minho', '강민호'], roles: ['Choi Dal'] },
    { name: 'Yeo Jin-seo', aliases: ['Yeo Jinseo', '여진서'] },
  ],
}

/** A one-article page: headline, a byline date (unless `published` is null), the paragraphs. */
export function articlePage(paragraphs: string[], opts: { title?: string; published?: string | null; lang?: string } = {}): string {
  const title = opts.title ?? 'Moonlit Ferry Season 2: the latest'
  const published = opts.published === undefined ? '2025-05-20' : opts.published
  const meta = published ? `<meta property="article:published_time" content="${published}T08:00:00+00:00">` : ''
  const lang = opts.lang ? ` lang="${opts.lang}"` : ''
  return `<!doctype html><html${lang}><head><title>${title}</title>${meta}</head><body><main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></main></body></html>`
}

/** Claims for some paragraphs, read against the ferry subject the day after publication. */
export function claimsOf(paragraphs: string[], opts: { title?: string; published?: string | null; lang?: string; fetchedAt?: string; subject?: Subject } = {}): Claim[] {
  const fetchedAt = opts.fetchedAt ?? `${opts.published ?? '2025-05-20'}T12:00:00Z`.replace('null', '2025-05-20')
  return extractDocument(articlePage(paragraphs, opts), { url: 'https://news.example/ferry', fetchedAt, subject: opts.subject ?? ferry }).claims
}

/** One short line per claim: `field:value:certainty` (cast as `actor/status`, release as status + day or window). */
export function brief(claims: Claim[]): string[] {
  return claims.map((c) => {
    switch (c.field) {
      case 'cast':
        return `cast:${c.value.actor}/${c.value.status}:${c.certainty}`
      case 'release':
        return `release:${c.value.status} ${c.value.date ?? `${c.value.window?.from}..${c.value.window?.to}`}:${c.certainty}`
      case 'trailer':
        return `trailer:${c.value.kind}:${c.certainty}`
      default:
        return `${c.field}:${String(c.value)}:${c.certainty}`
    }
  })
}

/** The claims of one field, briefly. */
export const fieldOf = (claims: Claim[], field: Claim['field']) => brief(claims.filter((c) => c.field === field))

/** [what the rule is, sentence, the claims it gives, briefly]: each rule has its true row and its trap. */
export type RuleRow = [rule: string, sentence: string, expected: string[]]

/** One spec per row, named by its rule: reading the row's sentence gives exactly its claims. */
export function itReadsRows(rows: RuleRow[], read: (sentence: string) => string[]): void {
  it.each<RuleRow>(rows)('%s', (_rule, sentence, expected) => {
    expect(read(sentence)).toEqual(expected)
  })
}
