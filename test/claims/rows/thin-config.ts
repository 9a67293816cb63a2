/**
 * Rules that must hold when the subject config is thin (a manifest may give only the title and
 * the season): no people, no official names. A departure of someone the config does not know is
 * news only when its words say they held a part ("has left", "will not return", "replacing X");
 * "will not be joining" or "turned down" says nothing of the kind.
 */
import { cast, type ClaimRow, departure } from '../row'

export const thinConfigRows: ClaimRow[] = [
  {
    id: 'thin-en-01',
    subject: 'bare',
    pattern: 4,
    text: 'Hollis Grant has left Copper Valley ahead of its second season, the studio confirmed on Tuesday.',
    expect: [departure('Hollis Grant', 'confirmed', true)],
  },
  {
    id: 'thin-en-02',
    subject: 'bare',
    pattern: 4,
    text: 'Wren Castellano will not return for Copper Valley Season 2.',
    expect: [departure('Wren Castellano', 'reported', true)],
  },
  {
    id: 'thin-en-03',
    subject: 'bare',
    pattern: 4,
    text: 'In Copper Valley Season 2, Joel Amari takes over the part of the sheriff, replacing Dana Whitlock.',
    expect: [cast('Joel Amari', 'new', 'reported'), departure('Dana Whitlock', 'reported', true)],
  },
  {
    id: 'thin-en-04',
    subject: 'bare',
    pattern: 4,
    trap: true,
    text: 'Priscilla Vane will not be joining Copper Valley Season 2, her agency said.',
    expect: [],
    allow: [departure('Priscilla Vane', 'confirmed', false), departure('Priscilla Vane', 'reported', false)],
    note: 'she was never in it: a departure claim may exist, but must not say she held a part',
  },
  {
    id: 'thin-en-05',
    subject: 'bare',
    pattern: 4,
    trap: true,
    text: 'Marlon Ashby turned down a role in Copper Valley Season 2 to shoot a film abroad.',
    expect: [],
    allow: [departure('Marlon Ashby', 'reported', false)],
  },
  {
    id: 'thin-ko-01',
    subject: 'harbor',
    pattern: 4,
    text: "배우 김다온이 '솔트 하버' 시즌3에서 하차했다.",
    expect: [departure('김다온', 'reported', true)],
  },
  {
    id: 'thin-ko-02',
    subject: 'harbor',
    pattern: 4,
    trap: true,
    text: "배우 김다온은 '솔트 하버' 시즌3 출연 제안을 정중히 고사했다.",
    expect: [],
    allow: [departure('김다온', 'reported', false)],
  },
]
