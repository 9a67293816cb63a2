/** One page of a list, with what navigation needs. */
export interface Page<T> {
  items: T[]
  page: number
  pages: number
  perPage: number
  total: number
}

/**
 * Slices `items` to 1-based `page`. Returns null for a page past the end; an empty list still
 * has a (single, empty) page 1, so the first visit never 404s.
 */
export function paginate<T>(items: readonly T[], page: number, perPage: number): Page<T> | null {
  const total = items.length
  const pages = Math.max(1, Math.ceil(total / perPage))
  if (page < 1 || page > pages) return null
  const start = (page - 1) * perPage
  return { items: items.slice(start, start + perPage), page, pages, perPage, total }
}
