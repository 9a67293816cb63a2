import { describe, expect, it } from 'vitest'
import { detectLanguage } from '../../../src/pipeline/extract/detect-language'

/** One paragraph of running text, declared as `lang` (templates often declare "en" on every page). */
const page = (text: string, lang: string | null = 'en') => ({ lang, title: 'Salt Harbor', blocks: [{ kind: 'paragraph' as const, text }] })

describe('the language detector', () => {
  it('reads English prose as English, hyphenated Korean names and all', () => {
    expect(detectLanguage(page('Ryu Min-ho replaces Im Do-gyeom, who exited Room 302 Season 2 over a scheduling conflict.'))).toBe('en')
    expect(detectLanguage(page('Filming on the third season began in Cornwall on Monday, the streamer said.', null))).toBe('en')
  })

  it('keeps a telegraphic English line with no function words as English', () => {
    expect(detectLanguage(page('Meridian+ confirmed Salt Harbor Season 3 premieres November 14 worldwide, streaming weekly thereafter.'))).toBe('en')
  })

  it('reads Korean, Japanese and Chinese by script, even with Latin names inside', () => {
    expect(detectLanguage(page("파도플러스는 3일 '청산 탐정사무소' 시즌3를 내년 1월 16일 공개한다고 밝혔다."))).toBe('ko')
    expect(detectLanguage(page('TVアニメ「星屑の鍛冶師」第2期のティザーPVが公開された。'))).toBe('ja')
    expect(detectLanguage(page('Meridian+宣布《Salt Harbor》第三季將於2025年11月14日上線，Nora Whitcombe回歸飾演Ellen Marsh。'))).toBe('zh')
  })

  it('trap: a short Tagalog, Indonesian, Malay, Turkish or Vietnamese paragraph declared "en" is not English', () => {
    const texts = [
      'Kumpirmado na ang Salt Harbor Season 3! Ayon sa Meridian+, magsisimula ang filming sa Mayo at babalik si Nora Whitcombe bilang Ellen Marsh.',
      'Salt Harbor Season 3 resmi tayang 14 November 2025 di Meridian+. Nora Whitcombe kembali memerankan Ellen Marsh.',
      'Meridian+ telah mengesahkan bahawa Salt Harbor Season 3 akan ditayangkan pada 14 November. Nora Whitcombe kembali sebagai Ellen Marsh.',
      "Salt Harbor 3. sezon 14 Kasım'da Meridian+'ta yayınlanacak. Nora Whitcombe, Ellen Marsh rolüne geri dönüyor.",
      'Salt Harbor Season 3 chính thức lên sóng ngày 14/11 trên Meridian+. Nora Whitcombe trở lại trong vai Ellen Marsh.',
    ]
    for (const t of texts) expect(detectLanguage(page(t)), t).not.toBe('en')
  })

  it('trap: Thai, Arabic and Hindi text around English names is not English', () => {
    const texts = [
      'Salt Harbor Season 3 ยืนยันแล้ว! Meridian+ ประกาศวันฉาย 14 พฤศจิกายน 2025 และ Nora Whitcombe กลับมารับบท Ellen Marsh',
      'أعلنت Meridian+ أن Salt Harbor Season 3 سيعرض في 14 نوفمبر 2025 بمشاركة Nora Whitcombe',
      'Salt Harbor Season 3 14 नवंबर को Meridian+ पर रिलीज़ होगा, Nora Whitcombe फिर से Ellen Marsh की भूमिका में।',
    ]
    for (const t of texts) expect(detectLanguage(page(t)), t).not.toBe('en')
  })
})
