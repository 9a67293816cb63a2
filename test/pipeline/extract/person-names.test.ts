import { describe, expect, it } from 'vitest'
import { findLatinNames, isSpacedKoreanName } from '../../../src/pipeline/extract/person-names'

const names = (text: string) => findLatinNames(text).map((n) => n.name)

describe('the Latin name shape', () => {
  it('keeps a spaced Korean name whose syllable is spelled like an English function word', () => {
    expect(names('Choi Seul In has joined the cast.')).toEqual(['Choi Seul In'])
    expect(names('Kang An Byul joins the cast.')).toEqual(['Kang An Byul'])
    expect(isSpacedKoreanName(['Han', 'Da', 'On'])).toBe(true)
  })

  it('trap: a function word outside the surname + two syllables shape stays a phrase', () => {
    expect(names('Lee In Seoul has joined the cast.')).toEqual([])
    expect(names('Kim In The end')).toEqual([])
    expect(isSpacedKoreanName(['Park', 'On', 'Set'])).toBe(false)
    expect(isSpacedKoreanName(['Home', 'In', 'Time'])).toBe(false)
    expect(isSpacedKoreanName(['Lee', 'In'])).toBe(false)
  })
})
