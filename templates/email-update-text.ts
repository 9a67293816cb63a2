import type { UpdateEmailModel } from '../src/mail/render/update-email-model'

/**
 * The plain-text part of an update email: no markup and no entities, just the model's cleaned
 * strings (which cannot contain line breaks, so nothing scraped can forge a line of its own).
 */
export function updateEmailText(m: UpdateEmailModel): string {
  const lines: string[] = [m.subject, '', 'WHAT CHANGED', '']
  for (const c of m.changes) {
    for (const headline of c.headlines) lines.push(`* ${headline}`)
    const meta = [c.certainty, c.date].filter(Boolean).join(' · ')
    if (meta) lines.push(`  ${meta}`)
    if (c.evidence) lines.push(`  “${c.evidence}”`)
    if (c.sources.length > 0) {
      lines.push('  Sources:')
      for (const s of c.sources) lines.push(`  - ${s.href}${s.published ? ` (${s.published})` : ''}`)
    }
    lines.push('')
  }
  lines.push('THE FACTS NOW', '')
  for (const f of m.facts) {
    const meta = [f.certainty, f.asOf ? `as of ${f.asOf}` : null].filter(Boolean).join(', ')
    lines.push(`${f.label}: ${f.value}${meta ? ` (${meta})` : ''}`)
  }
  if (m.cast.length > 0) {
    lines.push('Cast:')
    for (const c of m.cast) lines.push(`- ${c.actor}${c.role ? ` as ${c.role}` : ''} (${c.status})`)
  }
  lines.push(
    '',
    `All facts with their sources: ${m.siteUrl}`,
    `History of changes: ${m.historyUrl}`,
    '',
    '--',
    `You get this email because you subscribed to Season Watch updates about ${m.title}`,
    'and confirmed your address. We write only when a fact materially changes.',
  )
  return `${lines.join('\n')}\n`
}
