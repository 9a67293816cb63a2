/**
 * `npm run facts -- FILE.html [--url URL] [--fetched-at ISO] [--subject FILE.json]`: prints
 * `{"published": …, "claims": […]}` for one saved page, using the same extractor as the cron.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Subject } from '../core/types'
import { extractDocument } from '../pipeline/extract/extract-document'
import { decodeBody } from '../pipeline/fetch/decode'
import defaultSubject from '../../data/subject.json' with { type: 'json' }

function option(args: string[], name: string): string | null {
  const i = args.indexOf(name)
  return i >= 0 ? (args[i + 1] ?? null) : null
}

function main(): void {
  const args = process.argv.slice(2)
  const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--')))
  if (!file) {
    process.stderr.write('usage: npm run facts -- FILE.html [--url URL] [--fetched-at ISO] [--subject FILE.json]\n')
    process.exit(2)
  }
  const path = resolve(file)
  const { text } = decodeBody(new Uint8Array(readFileSync(path)), null)
  const subjectFile = option(args, '--subject')
  const subject = subjectFile ? (JSON.parse(readFileSync(subjectFile, 'utf8')) as Subject) : (defaultSubject as Subject)
  const result = extractDocument(text, { url: option(args, '--url') ?? pathToFileURL(path).href, fetchedAt: option(args, '--fetched-at'), subject })
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

main()
