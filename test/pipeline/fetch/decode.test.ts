import { describe, expect, it } from 'vitest'
import { decodeBody, readCharsetParam, resolveLabel, sniffDeclaredCharset } from '../../../src/pipeline/fetch/decode'
import {
  KOREAN_SENTENCE,
  KOREAN_SENTENCE_EUC_KR,
  UTF8_PAGE,
  WINDOWS_1252_QUOTE,
  WINDOWS_1252_TEXT,
  hexBytes,
  joinBytes,
  legacyPage,
  textBytes,
} from '../../fixtures/fetch/pages'

describe('decodeBody', () => {
  const cases: {
    name: string
    bytes: Uint8Array
    contentType: string | null
    charset: string
    source: string
    contains: string
  }[] = [
    {
      name: 'EUC-KR from the Content-Type header',
      bytes: legacyPage('', KOREAN_SENTENCE_EUC_KR),
      contentType: 'text/html; charset=EUC-KR',
      charset: 'euc-kr',
      source: 'header',
      contains: KOREAN_SENTENCE,
    },
    {
      name: 'EUC-KR from <meta charset>',
      bytes: legacyPage('<meta charset="euc-kr">', KOREAN_SENTENCE_EUC_KR),
      contentType: 'text/html',
      charset: 'euc-kr',
      source: 'meta',
      contains: KOREAN_SENTENCE,
    },
    {
      name: 'EUC-KR from <meta http-equiv> with attributes in any order and case',
      bytes: legacyPage(
        "<META CONTENT='text/html; charset=ks_c_5601-1987' HTTP-EQUIV='Content-Type'>",
        KOREAN_SENTENCE_EUC_KR,
      ),
      contentType: null,
      charset: 'euc-kr',
      source: 'meta',
      contains: KOREAN_SENTENCE,
    },
    {
      name: 'windows-1252 when the header says iso-8859-1 (WHATWG maps it)',
      bytes: legacyPage('', WINDOWS_1252_QUOTE),
      contentType: 'text/html; charset="ISO-8859-1"',
      charset: 'windows-1252',
      source: 'header',
      contains: WINDOWS_1252_TEXT,
    },
    {
      name: 'encoding from the XML declaration',
      bytes: joinBytes(
        textBytes('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>'),
        hexBytes(WINDOWS_1252_QUOTE),
        textBytes('</title></channel></rss>'),
      ),
      contentType: 'application/rss+xml',
      charset: 'windows-1252',
      source: 'xml-declaration',
      contains: WINDOWS_1252_TEXT,
    },
    {
      name: 'a UTF-8 BOM beats a wrong header charset',
      bytes: joinBytes(hexBytes('efbbbf'), textBytes('<p>café</p>')),
      contentType: 'text/html; charset=windows-1252',
      charset: 'utf-8',
      source: 'bom',
      contains: '<p>café</p>',
    },
    {
      name: 'UTF-8 when nothing is declared',
      bytes: textBytes('<p>지금 우리 학교는</p>'),
      contentType: 'text/html',
      charset: 'utf-8',
      source: 'default',
      contains: '지금 우리 학교는',
    },
    {
      name: 'header charset wins over a conflicting <meta>',
      bytes: textBytes(UTF8_PAGE.replace('utf-8', 'euc-kr')),
      contentType: 'text/html; charset=utf-8',
      charset: 'utf-8',
      source: 'header',
      contains: 'Filming wrapped.',
    },
  ]

  it.each(cases)('$name', ({ bytes, contentType, charset, source, contains }) => {
    const decoded = decodeBody(bytes, contentType)
    expect(decoded.charset).toBe(charset)
    expect(decoded.source).toBe(source)
    expect(decoded.text).toContain(contains)
    expect(decoded.text).not.toContain('\ufffd')
  })

  it('strips the BOM from the text', () => {
    const decoded = decodeBody(joinBytes(hexBytes('efbbbf'), textBytes('<html>')), null)
    expect(decoded.text).toBe('<html>')
  })

  it('ignores an unknown header label, notes it, and falls through to <meta>', () => {
    const decoded = decodeBody(legacyPage('<meta charset="euc-kr">', KOREAN_SENTENCE_EUC_KR), 'text/html; charset=x-klingon')
    expect(decoded.charset).toBe('euc-kr')
    expect(decoded.notes).toEqual(['ignored unknown charset "x-klingon" in Content-Type'])
    expect(decoded.text).toContain(KOREAN_SENTENCE)
  })

  it('falls back to UTF-8 when every declared label is unknown', () => {
    const decoded = decodeBody(textBytes('<meta charset="bogus"><p>ok é</p>'), 'text/html; charset=nope')
    expect(decoded).toMatchObject({ charset: 'utf-8', source: 'default' })
    expect(decoded.notes).toHaveLength(2)
    expect(decoded.text).toContain('ok é')
  })

  it('ignores a commented-out <meta>', () => {
    const bytes = textBytes('<!-- <meta charset="euc-kr"> --><meta charset="utf-8"><p>é</p>')
    expect(decodeBody(bytes, null)).toMatchObject({ charset: 'utf-8', source: 'meta' })
  })

  it('reads a <meta> claiming UTF-16 as UTF-8', () => {
    const decoded = decodeBody(textBytes('<meta charset="utf-16"><p>é</p>'), null)
    expect(decoded.charset).toBe('utf-8')
    expect(decoded.text).toContain('é')
    expect(decoded.notes[0]).toMatch(/utf-16/)
  })

  it('only prescans the first 4 KB', () => {
    const late = textBytes(`${' '.repeat(5000)}<meta charset="euc-kr">`)
    expect(decodeBody(late, null).source).toBe('default')
  })
})

describe('charset helpers', () => {
  it.each([
    ['text/html; charset=utf-8', 'utf-8'],
    ['text/html;charset="EUC-KR"', 'EUC-KR'],
    ["text/html; foo=bar; charset='shift_jis'", 'shift_jis'],
    ['text/html', null],
  ])('readCharsetParam(%s) = %s', (header, label) => {
    expect(readCharsetParam(header)).toBe(label)
  })

  it.each([
    ['latin1', 'windows-1252'],
    ['ks_c_5601-1987', 'euc-kr'],
    ['UTF8', 'utf-8'],
    ['Shift_JIS', 'shift_jis'],
    ['iso-2022-kr', null],
    ['x-unknown', null],
    ['', null],
  ])('resolveLabel(%s) = %s', (label, canonical) => {
    expect(resolveLabel(label)).toBe(canonical)
  })

  it('sniffs nothing from a page without declarations', () => {
    expect(sniffDeclaredCharset(textBytes('<html><p>meta charset=euc-kr in text</p>'))).toBeNull()
  })
})
