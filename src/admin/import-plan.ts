import type { Source } from '../core/types'
import { sameJson } from '../core/canonical-json'

/** What applying an import would do, matched by id. */
export interface ImportPlan {
  adds: Source[]
  changes: { before: Source; after: Source }[]
  removes: Source[]
  unchanged: Source[]
}

/** Compares the live list with an incoming one. Pure; the caller has validated `incoming`. */
export function planImport(current: readonly Source[], incoming: readonly Source[]): ImportPlan {
  const byId = new Map(current.map((s) => [s.id, s]))
  const plan: ImportPlan = { adds: [], changes: [], removes: [], unchanged: [] }
  for (const next of incoming) {
    const prev = byId.get(next.id)
    if (!prev) plan.adds.push(next)
    else if (sameJson(prev, next)) plan.unchanged.push(next)
    else plan.changes.push({ before: prev, after: next })
  }
  const kept = new Set(incoming.map((s) => s.id))
  plan.removes = current.filter((s) => !kept.has(s.id))
  return plan
}

/** True when the plan would change nothing. */
export function isEmptyPlan(plan: ImportPlan): boolean {
  return plan.adds.length + plan.changes.length + plan.removes.length === 0
}
