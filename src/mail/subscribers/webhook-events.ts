/**
 * Webhook messages already applied, by `svix-id` (D1 table `webhook_events`). Svix retries a
 * delivery it did not see acknowledged, re-signed with a new timestamp but the same id; a replay
 * must be acknowledged and not applied twice.
 */

/** How long an id is remembered: Svix gives up retrying a message after about a day and a half. */
export const WEBHOOK_ID_RETENTION_MS = 7 * 24 * 60 * 60 * 1000

/**
 * Claims a message id. True the first time (apply the event), false for a replay. Ids older than
 * the retention are dropped in the same batch.
 */
export async function claimWebhookEvent(db: D1Database, svixId: string, now: Date): Promise<boolean> {
  const [, claimed] = await db.batch<{ svix_id: string }>([
    db.prepare('DELETE FROM webhook_events WHERE received_at < ?1').bind(now.getTime() - WEBHOOK_ID_RETENTION_MS),
    db.prepare('INSERT INTO webhook_events (svix_id, received_at) VALUES (?1, ?2) ON CONFLICT (svix_id) DO NOTHING RETURNING svix_id').bind(svixId, now.getTime()),
  ])
  return (claimed?.results.length ?? 0) > 0
}

/** Gives a claim back when applying the event failed, so Svix's retry applies it. */
export async function releaseWebhookEvent(db: D1Database, svixId: string): Promise<void> {
  await db.prepare('DELETE FROM webhook_events WHERE svix_id = ?1').bind(svixId).run()
}
