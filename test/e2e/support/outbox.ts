import type { OutboxEntry } from '../../../src/mail/delivery/outbox-store'

export type { OutboxEntry }

/** The outbox emails to one address, newest first, optionally of one kind (`confirm`, `update`). */
export async function readOutbox(serverUrl: string, to: string, kind?: string): Promise<OutboxEntry[]> {
  const res = await fetch(`${serverUrl}/outbox?to=${encodeURIComponent(to)}`, { headers: { accept: 'application/json' } })
  if (!res.ok) throw new Error(`/outbox: ${res.status}`)
  const { entries } = (await res.json()) as { entries: OutboxEntry[] }
  return kind ? entries.filter((e) => e.kind === kind) : entries
}
