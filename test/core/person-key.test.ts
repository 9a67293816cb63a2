import { describe, expect, it } from 'vitest'
import { personKey, romanizeHangul, samePerson } from '../../src/core/person-key'

describe('samePerson: one person, many spellings', () => {
  it.each<[string, string[]]>([
    ['Kang Min-ho', ['Kang Minho', 'Kang Min Ho', 'Min-ho Kang', 'Gang Min-ho', '강민호']],
    ['Seo Ha-neul', ['Suh Ha-neul', 'Seo Haneul', '서하늘']],
    ['Park Do-yun', ['Park Do-yoon', 'Pak Do Yun', 'Do Yun Park', '박도윤']],
    ['Lee Bom', ['Yi Bom', 'Rhee Bom', '이봄']],
    ['Jung Seong-cheol', ['Jeong Sung-chul', 'Chung Sung Cheol', '정성철']],
    ['Lim Ga-eun', ['Im Ga-eun', '임가은']],
    ['Yoon Ga-i', ['Yoon Ga-yi', 'Yun Ga I']],
    ['Oliver Grant', ['Oliver Grantt']],
  ])('%s', (name, spellings) => {
    for (const s of spellings) expect([s, samePerson(name, s)]).toEqual([s, true])
  })
})

describe('samePerson: different people stay apart', () => {
  it.each<[string, string]>([
    ['Kang Min-ho', 'Kang Min-ji'],
    ['Kim Seo-yeon', 'Kim Seo-jun'],
    ['Park Do-yun', 'Park Ha-yun'],
    ['Song Kang', 'Kang Song'],
    ['Lee Bom', 'Lee Bong'],
    ['Oliver Grant', 'Olivia Grace'],
  ])('%s ≠ %s', (a, b) => {
    expect(samePerson(a, b)).toBe(false)
  })
})

describe('personKey', () => {
  it('romanizes Hangul letter by letter', () => {
    expect(romanizeHangul('서하늘')).toBe('seohaneul')
    expect(romanizeHangul('강민호')).toBe('gangminho')
  })

  it('splits a Korean name into surname and given name, in either order', () => {
    expect(personKey('Min-ho Kang')).toBe(personKey('Kang Min-ho'))
    expect(personKey('Kang Min-ho')).toContain('|')
    expect(personKey('Oliver Grant')).not.toContain('|')
  })
})
