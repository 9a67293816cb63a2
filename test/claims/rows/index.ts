/** Every labelled row, by group (one file per pattern, field or language). */
import type { ClaimRow } from '../row'
import { clauseRows } from './clauses'
import { corroborationRows } from './corroboration'
import { descriptiveCastRows } from './descriptive-cast'
import { earlierSeasonRows } from './earlier-season'
import { fieldRowsEn } from './fields-en'
import { fieldRowsKo } from './fields-ko'
import { furnitureRows } from './furniture'
import { generalityRows } from './generality'
import { hedgeRows } from './hedges'
import { negationRows } from './negation'
import { officialVoiceRows } from './official-voice'
import { otherDateRows } from './other-dates'
import { peopleRows } from './people'
import { positiveRows } from './positives'
import { thinConfigRows } from './thin-config'
import { trailerEpisodeRows } from './trailers-episodes'
import { undatedRows } from './undated'
import { wordEdgeRows } from './word-edges'

/** Row groups in report order. */
export const ROW_GROUPS: { name: string; rows: ClaimRow[] }[] = [
  { name: 'page furniture (1)', rows: furnitureRows },
  { name: 'dates of other events (2)', rows: otherDateRows },
  { name: 'descriptive cast sentences (3)', rows: descriptiveCastRows },
  { name: 'negation and denial (4)', rows: negationRows },
  { name: 'earlier-season events (5)', rows: earlierSeasonRows },
  { name: 'phrases taken for people (6)', rows: peopleRows },
  { name: 'who confirmed (7)', rows: officialVoiceRows },
  { name: 'hedges (8)', rows: hedgeRows },
  { name: 'undated pages (9)', rows: undatedRows },
  { name: 'corroboration (10)', rows: corroborationRows },
  { name: 'trailers and episode counts (11)', rows: trailerEpisodeRows },
  { name: 'missed positives (12)', rows: positiveRows },
  { name: 'clause-level reading', rows: clauseRows },
  { name: 'every field and certainty, English', rows: fieldRowsEn },
  { name: 'every field and certainty, Korean', rows: fieldRowsKo },
  { name: 'generality (timelines of other shows)', rows: generalityRows },
  { name: 'thin subject config', rows: thinConfigRows },
  { name: 'word edges: titles, release verbs, Korean names', rows: wordEdgeRows },
]

export const ALL_ROWS: ClaimRow[] = ROW_GROUPS.flatMap((g) => g.rows)
