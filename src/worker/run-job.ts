import { z } from 'zod'
import { SUBJECT_SLUG_PATTERN } from '../admin/subject-schema'

/** Queue names as `wrangler.toml` declares them; the `queue` handler dispatches on them. */
export const QUEUE_NAMES = { runs: 'season-watch-runs', email: 'season-watch-email' } as const

/**
 * A message on the runs Queue: run this subject now. Only the slug travels; the consumer reads
 * the subject and its sources from D1 when it runs, so a paused or edited subject is honoured.
 */
export const runJobSchema = z.object({
  kind: z.literal('run'),
  slug: z.string().regex(SUBJECT_SLUG_PATTERN),
  /** When the cron fired (ISO), for the logs. */
  at: z.string().max(40),
})

export type RunJob = z.infer<typeof runJobSchema>
