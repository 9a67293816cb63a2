/**
 * Source trust: a source marked unreliable (its claims never count towards corroboration or
 * confirmation; the dry-run still shows them, marked) and one ignored evidence sentence. Both
 * are audited with the maintainer's reason. They take effect as a filter of the claim ledger
 * from the next run on; a fact already established stays until it is retracted.
 */
import { hashText } from '../../pipeline/fetch/hash'
import { addExclusion } from '../../store/editorial-store'
import type { SourceRecord } from '../../store/source-store'
import { updateSource, type EditContext, type EditResult } from '../sources/source-admin'
import { auditEntry } from '../audit'
import type { EditorialContext, EditorialResult } from './editorial-context'

/** The longest evidence sentence the ignore action accepts (extracted sentences are far shorter). */
export const MAX_EVIDENCE_LENGTH = 2000

/** Marks a source unreliable (or trusted again), audited as `mark-unreliable` / `mark-reliable` with the reason. */
export function setSourceTrust(ctx: EditContext, id: string, unreliable: boolean, reason: string | null, expected?: number): Promise<EditResult<SourceRecord>> {
  return updateSource({ ...ctx, reason }, id, { unreliable }, expected)
}

/**
 * Ignores one sentence of one document: the claims it carries stop counting. A repeated
 * request changes nothing (the key is the document and the sentence).
 */
export async function ignoreEvidence(ctx: EditorialContext, input: { source: string; evidence: string; reason: string | null }): Promise<EditorialResult<{ key: string; added: boolean }>> {
  if (!/^https?:\/\//i.test(input.source) || input.source.length > 2048) return { ok: false, status: 422, error: 'Name the document by its http(s) URL.' }
  if (input.evidence.trim() === '' || input.evidence.length > MAX_EVIDENCE_LENGTH) return { ok: false, status: 422, error: 'Give the sentence exactly as the claim quotes it.' }
  const key = `ignore:${(await hashText(`${input.source}\n${input.evidence}`)).slice(0, 32)}`
  const added = await addExclusion(
    ctx.env.DB,
    { slug: ctx.subject.slug, key, kind: 'ignore', rule: { kind: 'evidence', source: input.source, evidence: input.evidence }, reason: input.reason, at: ctx.now, by: ctx.actor },
    auditEntry(ctx, { action: 'ignore-evidence', subject: ctx.subject.slug, targetKind: 'evidence', target: input.source, before: null, after: { evidence: input.evidence }, reason: input.reason }),
  )
  return { ok: true, value: { key, added } }
}
