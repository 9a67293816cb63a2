/**
 * Every Workers KV key the app uses is built here, so the layout can be read in one place.
 * Each followed subject has its own keys under `subject:<slug>:`:
 *
 * - `subject:<slug>:state`       its pipeline state: facts, fetch memory, seen feed items, reported
 *                                ids, history, the newest claims and the index of sealed claim shards
 * - `subject:<slug>:claims:<n>`  a sealed shard of its claim ledger (written once, never rewritten
 *                                until the ledger is compacted at its cap)
 * - `subject:<slug>:public`      what visitors see: facts and recent material changes (small)
 * - `demo:step`                  the offline demo's step counter
 *
 * Subjects, sources and the audit log live in D1 (`migrations/0003_subjects.sql`).
 */
export const kvKeys = {
  state: (slug: string) => `subject:${slug}:state`,
  claimShard: (slug: string, shard: number) => `subject:${slug}:claims:${shard}`,
  publicView: (slug: string) => `subject:${slug}:public`,
  demoStep: () => 'demo:step',
} as const

/**
 * The single-subject layout before subjects were data. Read only by the layout migration
 * (`src/worker/migrate-layout.ts`) and by readers of a subject still marked `legacy`; never
 * written or deleted (so a rollback finds them as they were).
 */
export const legacyKvKeys = {
  /** The whole pipeline state, claims included. */
  state: () => 'state:v1',
  publicView: () => 'public:v1',
  /** The live source list (JSON `Source[]`). */
  sources: () => 'sources',
  /** The admin audit log, newest first. */
  audit: () => 'audit:v1',
  /** A subject override saved over data/subject.json. */
  subject: () => 'subject:v1',
} as const
