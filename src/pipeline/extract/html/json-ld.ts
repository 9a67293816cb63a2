/** The article facts a page states in its JSON-LD: published dates, headline and language. */

// Schema.org article types, also when written as a full IRI ("https://schema.org/NewsArticle").
const ARTICLE_TYPE = /(?:^|[^a-z])(?:article|newsarticle|blogposting|reportagenewsarticle|analysisnewsarticle|liveblogposting|report|posting)$/i

/** What a page's JSON-LD says about its article. */
export interface JsonLdFacts {
  /** `datePublished` values, article types first. */
  dates: string[]
  headline: string | null
  lang: string | null
}

/** Reads the `datePublished` values (article types first), headline and language from JSON-LD blocks. */
export function readJsonLd(jsonLd: string[]): JsonLdFacts {
  const preferred: string[] = []
  const others: string[] = []
  let headline: string | null = null
  let lang: string | null = null
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1)
      return
    }
    const obj = node as Record<string, unknown>
    const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String)
    const isArticle = types.some((t) => ARTICLE_TYPE.test(t))
    const published = obj['datePublished'] ?? (isArticle ? obj['dateCreated'] : undefined)
    if (typeof published === 'string') (isArticle ? preferred : others).push(published)
    if (isArticle && headline === null && typeof obj['headline'] === 'string') headline = obj['headline']
    if (isArticle && lang === null && typeof obj['inLanguage'] === 'string') lang = obj['inLanguage']
    for (const [key, value] of Object.entries(obj)) {
      if (key === '@graph' || key === 'mainEntity' || key === 'mainEntityOfPage' || Array.isArray(value)) visit(value, depth + 1)
    }
  }
  for (const raw of jsonLd) {
    const text = raw.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, '').trim()
    try {
      visit(JSON.parse(text), 0)
    } catch {
      // Broken JSON (trailing commas, raw newlines): read the field directly.
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(text)
      if (m) others.push(m[1]!)
    }
  }
  return { dates: [...preferred, ...others], headline, lang }
}
