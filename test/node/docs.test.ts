import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

/**
 * The README and docs/ rot quietly: a file moves, a script is renamed, a heading changes and a
 * link points nowhere. These specs read the docs as a newcomer would follow them.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)]
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts)

/** Text outside fenced code blocks (links in code are not links). */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '')
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchorsOf(file: string): Set<string> {
  const headings = prose(read(file)).match(/^#{1,6}\s+.+$/gm) ?? []
  return new Set(headings.map((h) => slugOf(h.replace(/^#+\s+/, ''))))
}

/** Every `[text](target)` in a text's prose that is not a web or mail address. */
function relativeLinks(markdown: string): string[] {
  return [...prose(markdown).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target))
}

/** Every `npm run [--silent] <script>` and `npm test` a text mentions, as script names. */
function npmScripts(text: string): string[] {
  const named = [...text.matchAll(/npm run (?:--silent |-s )?([a-z][\w:-]*)/g)].map((m) => m[1]!)
  return /\bnpm test\b/.test(text) ? [...named, 'test'] : named
}

/** Repository paths written in backticks (`src/…`, `test/…`, …), without placeholders or globs. */
function repoPaths(text: string): string[] {
  return [...text.matchAll(/`((?:src|test|templates|scripts|bench|data|migrations|docs|\.ci)\/[^`\s]*)`/g)]
    .map((m) => m[1]!)
    .filter((path) => !/[<>*…]/.test(path))
}

describe('the README and docs/', () => {
  it('link only to files that exist, and to headings those files have', () => {
    const broken: string[] = []
    for (const file of DOCS) {
      for (const target of relativeLinks(read(file))) {
        const [path, anchor] = target.split('#') as [string, string | undefined]
        const linked = path === '' ? file : relative(ROOT, resolve(ROOT, dirname(file), path))
        if (!existsSync(join(ROOT, linked))) broken.push(`${file}: ${target} (no such file)`)
        else if (anchor && linked.endsWith('.md') && !anchorsOf(linked).has(anchor)) broken.push(`${file}: ${target} (no such heading)`)
      }
    }
    expect(broken).toEqual([])
  })

  it('name only npm scripts that package.json defines', () => {
    const missing = DOCS.flatMap((file) => npmScripts(read(file)).filter((s) => !scripts.includes(s)).map((s) => `${file}: npm run ${s}`))
    expect(missing).toEqual([])
  })

  it('name only repository paths that exist', () => {
    const missing = DOCS.flatMap((file) => repoPaths(read(file)).filter((p) => !existsSync(join(ROOT, p))).map((p) => `${file}: ${p}`))
    expect(missing).toEqual([])
  })

  it('give the same test commands CI runs', () => {
    const ci = read('.ci/run')
    const readme = read('README.md')
    const inCi = npmScripts(ci)
    expect(inCi.length).toBeGreaterThan(3)
    expect(inCi.filter((s) => !npmScripts(readme).includes(s))).toEqual([])
    expect(readme).toContain('node ../shared/eval/score.mjs')
  })
})

describe('the docs check itself', () => {
  it('finds broken links, unknown scripts and missing paths', () => {
    expect(relativeLinks('[a](docs/x.md) [b](https://example.com) [c](#here)\n```\n[d](in-code.md)\n```\n')).toEqual(['docs/x.md', '#here'])
    expect(slugOf('Diff (`src/x.ts`): what is material')).toBe('diff-srcxts-what-is-material')
    expect(npmScripts('run `npm run --silent facts -- x` and npm test')).toEqual(['facts', 'test'])
    expect(repoPaths('see `src/app.ts`, `templates/admin-*.tsx` and `/s/<slug>/`')).toEqual(['src/app.ts'])
  })
})
