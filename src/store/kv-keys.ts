/**
 * Every Workers KV key the app uses is built here, so the layout can be read in one place.
 *
 * - `sources`            the live source list (JSON `Source[]`), edited on /admin
 * - `state:v1`           the pipeline state: facts, claim ledger, fetch memory (one read, at most one write a run)
 * - `public:v1`          what visitors see: facts and recent material changes (small, read by `/`)
 * - `audit:v1`           the admin audit log
 */
export const kvKeys = {
  sources: () => 'sources',
  state: () => 'state:v1',
  publicView: () => 'public:v1',
  audit: () => 'audit:v1',
  subject: () => 'subject:v1',
  demoStep: () => 'demo:step',
} as const
