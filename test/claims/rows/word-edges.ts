/**
 * Where a word ends. A one-word title inside a longer proper noun ("the Czech Republic", "Harvest
 * Moon") is another name, while "Lumen TV's Harvest", "Republic Season 2" and "Republic: Rising
 * Tide" are the show. The rows give a headline about no show in particular, so the sentence alone
 * decides.
 */
import { type ClaimRow, stage } from '../row'

const NEUTRAL = 'Autumn TV roundup'

export const wordEdgeRows: ClaimRow[] = [
  {
    id: 'edge-en-01',
    subject: 'republic',
    title: NEUTRAL,
    trap: true,
    pattern: 6,
    text: 'Season 2 of the Czech Republic drama began filming on Monday.',
    expect: [],
    note: 'a one-word title after a capitalised word that follows a lower-case one is part of a place name',
  },
  {
    id: 'edge-en-02',
    subject: 'republic',
    title: NEUTRAL,
    trap: true,
    pattern: 6,
    text: 'The Czech Republic began filming its second season on Monday.',
    expect: [],
    note: 'the same after a sentence-initial "The"',
  },
  {
    id: 'edge-en-03',
    subject: 'harvest',
    title: NEUTRAL,
    trap: true,
    pattern: 6,
    text: 'The second season of Harvest Moon began filming on Monday.',
    expect: [],
    note: 'a capitalised word right after the title in running text makes a longer name',
  },
  {
    id: 'edge-en-04',
    subject: 'harvest',
    title: NEUTRAL,
    trap: true,
    pattern: 6,
    text: 'The Harvest Moon Festival returns for its second season on October 3.',
    expect: [],
  },
  {
    id: 'edge-en-05',
    subject: 'republic',
    title: NEUTRAL,
    pattern: 12,
    text: 'The second season of Republic began filming on Monday.',
    expect: [stage('filming', 'reported')],
  },
  {
    id: 'edge-en-06',
    subject: 'republic',
    title: NEUTRAL,
    pattern: 12,
    text: 'Republic Season 2 began filming on Monday.',
    expect: [stage('filming', 'reported')],
    note: 'a season word after the title is not another name',
  },
  {
    id: 'edge-en-07',
    subject: 'republic',
    title: NEUTRAL,
    pattern: 12,
    text: 'Republic: Rising Tide began filming its second season on Monday.',
    expect: [stage('filming', 'reported')],
    note: 'a subtitle after a colon',
  },
  {
    id: 'edge-en-08',
    subject: 'harvest',
    title: NEUTRAL,
    pattern: 12,
    text: "Lumen TV's Harvest has begun filming its second season.",
    expect: [stage('filming', 'reported')],
    note: 'a possessive before the title',
  },
  {
    id: 'edge-en-09',
    subject: 'harvest',
    title: NEUTRAL,
    pattern: 12,
    text: 'Harvest Season 2 began filming in Seoul on Monday, Lumen TV confirmed.',
    expect: [stage('filming', 'confirmed')],
  },
]
