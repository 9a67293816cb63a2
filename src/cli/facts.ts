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
import { endOnClosedPipe } from './end-on-closed-pipe'

function option(args: string[], name: string): string | null {
  const i = args.indexOf(name)
  return i >= 0 ? (args[i + 1] ?? null) : null
}

const USAGE = 'usage: npm run --silent facts -- FILE.html [--url URL] [--fetched-at ISO] [--subject FILE.json]'

/** A problem with the command line or its input files: one line on stderr, no stack. */
class InputError extends Error {}

/** Reads a file the user named, turning "not found" and friends into one plain sentence. */
function readInput(file: string, what: string): Buffer {
  try {
    return readFileSync(file)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message)
    throw new InputError(`cannot read ${what} ${file}: ${why}`)
  }
}

function readSubject(file: string | null): Subject {
  if (!file) return defaultSubject as Subject
  try {
    return JSON.parse(readInput(file, 'subject file').toString('utf8')) as Subject
  } catch (err) {
    if (err instanceof InputError) throw err
    throw new InputError(`subject file ${file} is not valid JSON: ${(err as Error).message}`)
  }
}

function main(): void {
  const args = process.argv.slice(2)
  const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--')))
  if (!file) {
    process.stderr.write(`${USAGE}\n`)
    process.exit(2)
  }
  const path = resolve(file)
  const { text } = decodeBody(new Uint8Array(readInput(file, 'page')), null)
  const subject = readSubject(option(args, '--subject'))
  const result = extractDocument(text, { url: option(args, '--url') ?? pathToFileURL(path).href, fetchedAt: option(args, '--fetched-at'), subject })
  // Exactly the contract's two fields (the detected language is for the admin, not for outside checks).
  process.stdout.write(`${JSON.stringify({ published: result.published, claims: result.claims })}\n`)
}

endOnClosedPipe()
try {
  main()
} catch (err) {
  if (!(err instanceof InputError)) throw err
  process.stderr.write(`facts: ${err.message}\n`)
  process.exit(1)
}
