import { parseHTML } from 'linkedom/worker'
import { describe, expect, it } from 'vitest'
import type { Subject } from '../../../src/core/types'
import { checkMarkupBudget, DEFAULT_BUDGET, measureMarkup, UnreadablePageError } from '../../../src/pipeline/extract/html/budget'
import type { DomNode } from '../../../src/pipeline/extract/html/dom'
import { extractDocument } from '../../../src/pipeline/extract/extract-document'
import subjectJson from '../../../data/subject.json'

const subject = subjectJson as Subject
const NEWS = '<p>Netflix confirmed that filming of All of Us Are Dead Season 2 has begun.</p>'
const page = (body: string) => `<html><head><title>All of Us Are Dead Season 2</title></head><body>${body}</body></html>`

/** The deepest element nesting linkedom actually builds (walked iteratively). */
function domDepth(markup: string): number {
  const doc = parseHTML(markup).document as unknown as { documentElement: DomNode }
  let max = 0
  const stack: [DomNode, number][] = [[doc.documentElement, 1]]
  while (stack.length > 0) {
    const [n, d] = stack.pop()!
    max = Math.max(max, d)
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, d + 1])
  }
  return max
}

describe('the document budget', () => {
  it.each([
    ['implied paragraph closes', '<div><p>a<p>b<p>c</div>'],
    ['list items and cells', '<ul><li>a<li>b<li>c</ul><table><tr><td>1<td>2<tr><td>3</table>'],
    ['unclosed inline tags', '<font><font><b><i>x'],
    ['a stray end tag', '<div><span>a</div></span><div>b</div>'],
    ['self-closing syntax the HTML parser ignores', '<div/><div/><span/>x'],
    ['headings closing paragraphs', '<p>a<h2>b</h2><p>c<div>d</div>'],
    ['a title whose text looks like tags', '<title><div><div><div></title><p>x'],
  ])('measures at least the depth the parser builds: %s', (_name, body) => {
    const markup = page(body)
    expect(measureMarkup(markup).depth).toBeGreaterThanOrEqual(domDepth(markup))
  })

  it('does not call sloppy but ordinary markup deep', () => {
    expect(measureMarkup(page('<p>a'.repeat(2000))).depth).toBeLessThan(5)
    expect(measureMarkup(page(`<ul>${'<li>a'.repeat(2000)}</ul>`)).depth).toBeLessThan(6)
  })

  it('counts elements, attributes, text runs and character references as nodes', () => {
    expect(measureMarkup('<a href="x" title="a > b" data-x=1>t</a>').nodes).toBe(1 + 3 + 1)
    expect(measureMarkup('<p>a &amp; b</p>').nodes).toBe(1 + 1 + 1)
    expect(measureMarkup('</p></p></br>').nodes).toBe(3)
    expect(measureMarkup('<!-- c --><!doctype html>').nodes).toBe(2)
  })

  it('reads a page exactly at the depth limit, and refuses one level more', () => {
    // <html>, <body> and the paragraph add three levels to the divs.
    const at = page(`${'<div>'.repeat(DEFAULT_BUDGET.maxDepth - 3)}${NEWS}${'</div>'.repeat(DEFAULT_BUDGET.maxDepth - 3)}`)
    expect(extractDocument(at, { url: 'https://x.example/', subject }).claims.length).toBeGreaterThan(0)
    const over = page(`${'<div>'.repeat(DEFAULT_BUDGET.maxDepth - 2)}${NEWS}${'</div>'.repeat(DEFAULT_BUDGET.maxDepth - 2)}`)
    expect(() => extractDocument(over, { url: 'https://x.example/', subject })).toThrow(UnreadablePageError)
    expect(() => checkMarkupBudget(over)).toThrow(/more than 256 levels deep/)
  })

  it('refuses more nodes than the budget, before parsing', () => {
    const crowded = page(`${NEWS}${'<span>x</span>'.repeat(DEFAULT_BUDGET.maxNodes)}`)
    expect(() => checkMarkupBudget(crowded)).toThrow(/more than 60,000 nodes/)
    expect(() => checkMarkupBudget(page(NEWS))).not.toThrow()
  })

  it('refuses more main text than the budget', () => {
    const long = page(`<article><p>${'All of Us Are Dead Season 2 is filming. '.repeat(6000)}</p></article>`)
    expect(() => extractDocument(long, { url: 'https://x.example/', subject })).toThrow(/main text of 2[34]\d,\d{3} characters \(limit 200,000\)/)
  })

  it('reads NUL bytes as a browser does (dropped) instead of calling the page binary', () => {
    const html = page(`<article>\u0000${NEWS.replace('filming', 'film\u0000ing')}</article>`)
    const { claims } = extractDocument(html, { url: 'https://x.example/', subject })
    expect(claims.some((c) => c.field === 'stage' && !c.evidence.includes('\u0000'))).toBe(true)
  })
})
