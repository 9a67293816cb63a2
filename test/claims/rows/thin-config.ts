/**
 * Rules that must hold when the subject config is thin (a manifest may give only the title and
 * the season): no people, no official names. A departure of someone the config does not know is
 * news only when its words say they held a part ("has left", "will not return", "replacing X");
 * "will not be joining" or "turned down" says nothing of the kind. A production company is known
 * by the shape of its name ("Brightwater Pictures", "Studio Tamarind", "스튜디오 바람") when it is
 * the one acting; the same words as a place or a magazine are not an official voice.
 */
import { cast, type ClaimRow, departure, release, stage } from '../row'

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
  {
    id: 'thin-en-06',
    subject: 'bare',
    pattern: 7,
    text: 'Copper Valley Season 2 premieres on March 6, 2026, Brightwater Pictures announced on Friday.',
    expect: [release('confirmed', '2026-03-06', 'confirmed')],
  },
  {
    id: 'thin-en-07',
    subject: 'bare',
    pattern: 7,
    text: 'Studio Tamarind confirmed on Monday that cameras are rolling on Copper Valley Season 2.',
    expect: [stage('filming', 'confirmed')],
  },
  {
    id: 'thin-en-08',
    subject: 'bare',
    pattern: 7,
    trap: true,
    text: 'Copper Valley Season 2 has started filming on a Riverside Studios soundstage, a crew member said.',
    expect: [stage('filming', 'reported')],
    note: 'a studio named as a place is not the one speaking',
  },
  {
    id: 'thin-en-09',
    subject: 'bare',
    pattern: 7,
    trap: true,
    text: 'Entertainment Weekly revealed that Copper Valley Season 2 premieres on March 6, 2026.',
    expect: [release('estimated', '2026-03-06', 'reported')],
    note: 'a magazine whose name starts with a company word is an outlet',
  },
  {
    id: 'thin-ko-03',
    subject: 'harbor',
    pattern: 7,
    text: "'솔트 하버' 시즌3가 지난달 30일 촬영을 시작했다고 스튜디오 바람이 2일 밝혔다.",
    expect: [stage('filming', 'confirmed')],
  },
  {
    id: 'thin-ko-04',
    subject: 'harbor',
    pattern: 7,
    trap: true,
    text: "'솔트 하버' 시즌3가 스튜디오 바람 세트장에서 촬영을 시작한 것으로 알려졌다.",
    expect: [stage('filming', 'reported')],
    note: 'the studio is where it happens, not who says so',
  },
  {
    id: 'thin-ko-05',
    subject: 'harbor',
    pattern: 12,
    text: "'솔트 하버' 시즌3에는 김다온, 박하루, 이서진이 새롭게 합류한다.",
    expect: [cast('김다온', 'new', 'reported'), cast('박하루', 'new', 'reported'), cast('이서진', 'new', 'reported')],
    note: 'a list of names the config does not know, whose last name is the subject of the casting verb',
  },
  {
    id: 'thin-ko-06',
    subject: 'harbor',
    pattern: 6,
    trap: true,
    text: "'솔트 하버' 시즌3에는 김다온과 함께 작업했던 이서진이 새롭게 합류한다.",
    expect: [cast('이서진', 'new', 'reported')],
    note: 'the first name is not in the list of the one who joins',
  },
  {
    id: 'thin-ko-07',
    subject: 'harbor',
    pattern: 12,
    text: "'솔트 하버' 시즌3에서는 최윤재 대신 박하루가 선장 역을 맡는다.",
    expect: [departure('최윤재', 'reported', true), cast('박하루', 'new', 'reported')],
  },
  {
    id: 'thin-ko-08',
    subject: 'harbor',
    pattern: 6,
    trap: true,
    text: "'솔트 하버' 시즌3는 한옥 대신 현대식 세트에서 촬영을 시작했다.",
    expect: [stage('filming', 'reported')],
    note: 'a noun shaped like a name before 대신 is not a replaced actor',
  },
]
