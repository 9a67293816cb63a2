import { describe, expect, it } from 'vitest'
import { splitSentences } from '../../../src/pipeline/extract/sentences'

const cases: [name: string, text: string, sentences: string[]][] = [
  ['plain sentences', 'Filming began. It wraps in May! Will it air soon?', ['Filming began.', 'It wraps in May!', 'Will it air soon?']],
  [
    'titles and month abbreviations',
    'Mr. Lee and Mrs. Cho met Dr. Han on Jan. 28. The St. James crew joined on Sept. 13 and Dec. 2.',
    ['Mr. Lee and Mrs. Cho met Dr. Han on Jan. 28.', 'The St. James crew joined on Sept. 13 and Dec. 2.'],
  ],
  ['No. before a number', 'It debuted at No. 1 in 64 countries. Fans cheered.', ['It debuted at No. 1 in 64 countries.', 'Fans cheered.']],
  [
    'dotted acronyms mid-sentence and at the end',
    'The U.S. and U.K. dates differ. It opens in the U.S. The cast flies to Seoul.',
    ['The U.S. and U.K. dates differ.', 'It opens in the U.S.', 'The cast flies to Seoul.'],
  ],
  ['e.g., i.e. and vs.', 'Some shows, e.g. thrillers, i.e. the dark ones, beat comedies vs. dramas. Not all.', ['Some shows, e.g. thrillers, i.e. the dark ones, beat comedies vs. dramas.', 'Not all.']],
  ['company and name suffixes', 'Studio Inc. and Kim Jr. signed on. Shooting starts.', ['Studio Inc. and Kim Jr. signed on.', 'Shooting starts.']],
  ['initials', 'J. K. Lee wrote it. R. Kim directs.', ['J. K. Lee wrote it.', 'R. Kim directs.']],
  [
    'quotes that end sentences',
    'He said, "We are back." She added “Filming wraps soon.” Then they left.',
    ['He said, "We are back."', 'She added “Filming wraps soon.”', 'Then they left.'],
  ],
  ['ellipses', 'We waited... And waited… It never came… or did it?', ['We waited...', 'And waited…', 'It never came… or did it?']],
  ['decimals and URLs stay whole', 'It scored 8.5 on example.com today. Great.', ['It scored 8.5 on example.com today.', 'Great.']],
  ['Korean endings', '넷플릭스가 시즌2 제작을 확정했다. 촬영은 내년에 시작한다. 기대돼요.', ['넷플릭스가 시즌2 제작을 확정했다.', '촬영은 내년에 시작한다.', '기대돼요.']],
  ['CJK full stops without spaces', '続編が決定。撮影は来年開始。', ['続編が決定。', '撮影は来年開始。']],
  ['no terminator', 'Season 2 filming begins', ['Season 2 filming begins']],
  ['blank line is a boundary', 'Headline without a stop\n\nBody text here.', ['Headline without a stop', 'Body text here.']],
  ['surrounding whitespace is trimmed', '  One.   Two.  ', ['One.', 'Two.']],
  ['empty input', '   ', []],
]

describe('splitSentences', () => {
  it.each(cases)('%s', (_name, text, sentences) => {
    expect(splitSentences(text)).toEqual(sentences)
  })

  it('keeps the original characters of each sentence', () => {
    const text = 'First  sentence\twith   odd spacing. Second one.'
    const out = splitSentences(text)
    expect(out[0]).toBe('First  sentence\twith   odd spacing.')
    for (const s of out) expect(text).toContain(s)
  })
})
