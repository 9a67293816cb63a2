/**
 * The subjects the claim set is written against. Besides the real show in `data/subject.json`,
 * five invented ones (other seasons, titles with digits, English and Korean productions, other
 * official voices) check that the rules hold for any subject config, not only the first one.
 * Every name below except the `aouad` entry is made up for this set.
 */
import type { Subject } from '../../src/core/types'
import aouadJson from '../../data/subject.json' with { type: 'json' }

/** A subject plus the page titles a text row gets when it gives none. */
export interface TestSubject {
  subject: Subject
  /** Default headline of an English page about the followed season. */
  titleEn: string
  /** Default headline of a Korean page about the followed season. */
  titleKo: string
}

const aouad: TestSubject = {
  subject: aouadJson as Subject,
  titleEn: 'All of Us Are Dead Season 2: the latest',
  titleKo: '지금 우리 학교는 시즌2 소식',
}

/** A Korean fantasy series on a global streamer, Season 2. */
const lantern: TestSubject = {
  subject: {
    show: 'The Lantern Keepers',
    season: 2,
    aliases: ['Lantern Keepers', '등불지기', 'Deungbuljigi'],
    officialSources: ['Netflix', '넷플릭스', 'Studio Dalbit', '스튜디오 달빛', 'Haneul Entertainment', '하늘엔터테인먼트'],
    people: [
      { name: 'Han Seo-jin', aliases: ['Han Seojin', 'Han Seo-jean', '한서진'], roles: ['Cha Yoo-ra', 'Yoo-ra'], previousCast: true },
      { name: 'Min Tae-oh', aliases: ['Min Taeoh', 'Min Tae-o', '민태오'], roles: ['Baek Do-hyun', 'Do-hyun'], previousCast: true },
      { name: 'Kang Bo-reum', aliases: ['Kang Boreum', '강보름'], roles: ['Seol Mi-rae', 'Mi-rae'], previousCast: true },
      { name: 'Yoo Dan-bi', aliases: ['Yu Dan-bi', 'Yoo Danbi', '유단비'], roles: ['Ahn Ga-eun', 'Ga-eun'], previousCast: true },
      { name: 'Pyo Eun-chae', aliases: ['Pyo Eunchae', '표은채'], roles: ['Jo Ha-yeon'], previousCast: true },
      { name: 'Oh Ji-an', aliases: ['Oh Jian', 'Oh Ji-ahn', '오지안'], roles: ['Lee Hwan'] },
      { name: 'Seo Woo-jin', aliases: ['Seo Woojin', 'Suh Woo-jin', '서우진'], roles: ['Gu Tae-yang'] },
      { name: 'Bae Na-rae', aliases: ['Bae Narae', '배나래'] },
    ],
  },
  titleEn: 'The Lantern Keepers Season 2: what we know',
  titleKo: '등불지기 시즌2 소식',
}

/** An English-language drama on an invented streamer, followed at its third season. */
const harbor: TestSubject = {
  subject: {
    show: 'Salt Harbor',
    season: 3,
    aliases: ['솔트 하버', '솔트하버'],
    officialSources: ['Meridian+', 'Meridian Plus', 'Greyfield Studios', '메리디안플러스'],
    people: [
      { name: 'Nora Whitcombe', aliases: ['Nora Whitcomb', '노라 휘트컴'], roles: ['Ellen Marsh', 'Ellen'], previousCast: true },
      { name: 'Dev Kapoor', aliases: ['Devendra Kapoor', '데브 카푸어'], roles: ['Tobias Finch', 'Tobias'], previousCast: true },
      { name: 'Isla Brennan', aliases: ['Isla Brenan', '아일라 브레넌'], roles: ['Maggie Doyle', 'Maggie'], previousCast: true },
      { name: 'Tom Hadley', aliases: ['Thomas Hadley', '톰 해들리'], roles: ['Sheriff Cole Price', 'Cole Price'], previousCast: true },
      { name: 'Marcus Oyelaran', aliases: ['Marcus Oyelaren', '마커스 오옐라란'], roles: ['Jonah Reyes'] },
      { name: 'Priya Lal', aliases: ['Priya Laal', '프리야 랄'], roles: ['Dr. Anika Rao', 'Anika'] },
    ],
  },
  titleEn: 'Salt Harbor Season 3: everything we know',
  titleKo: '솔트 하버 시즌3 소식',
}

/** A Korean broadcast drama with its own studio and channel, Season 2. */
const bakery: TestSubject = {
  subject: {
    show: 'Midnight Bakery',
    season: 2,
    aliases: ['심야 제과점', '심야제과점', 'Simya Jegwajeom'],
    officialSources: ['KBN', 'Studio Mirae', '스튜디오 미래', 'Starline Entertainment', '스타라인엔터테인먼트'],
    people: [
      { name: 'Choi Yeon-woo', aliases: ['Choi Yeonwoo', 'Choi Yeon-u', '최연우'], roles: ['Jang Da-on', 'Da-on'], previousCast: true },
      { name: 'Baek Ha-ram', aliases: ['Baek Haram', 'Paik Ha-ram', '백하람'], roles: ['Yoon Seul', 'Seul'], previousCast: true },
      { name: 'Ryu Jae-hee', aliases: ['Ryu Jaehee', 'Yoo Jae-hee', '류재희'], roles: ['Madam Geum', 'Geum Soon-ja'], previousCast: true },
      { name: 'Gong Min-seo', aliases: ['Gong Minseo', '공민서'], roles: ['Do Yi-seul'] },
      { name: 'Nam Gi-tae', aliases: ['Nam Ki-tae', 'Nam Gitae', '남기태'], roles: ['Chef Woo'] },
    ],
  },
  titleEn: 'Midnight Bakery Season 2 news',
  titleKo: '심야 제과점 시즌2 소식',
}

/** A thriller whose title ends in digits, Season 2: "Room 302 2" must not confuse the scope. */
const room: TestSubject = {
  subject: {
    show: 'Room 302',
    season: 2,
    aliases: ['302호실'],
    officialSources: ['Playnest', '플레이네스트'],
    people: [
      { name: 'Jeon So-yul', aliases: ['Jeon Soyul', '전소율'], roles: ['Detective Yang'], previousCast: true },
      { name: 'Im Do-gyeom', aliases: ['Lim Do-gyeom', '임도겸'], roles: ['Kim Sang-hoon'] },
    ],
  },
  titleEn: 'Room 302 Season 2: the latest',
  titleKo: '302호실 시즌2 소식',
}

/** A one-word title that is also a common word ("the harvest", "harvesting"), Season 2. */
const harvest: TestSubject = {
  subject: {
    show: 'Harvest',
    season: 2,
    aliases: ['하베스트'],
    officialSources: ['Lumen TV', '루멘TV'],
    people: [{ name: 'Yoo Si-an', aliases: ['Yu Si-an', '유시안'], roles: ['Baek Dal-rae'], previousCast: true }],
  },
  titleEn: 'Harvest Season 2: what we know',
  titleKo: '하베스트 시즌2 소식',
}

/** A one-word title that is also part of place names ("the Czech Republic"), Season 2, thin config. */
const republic: TestSubject = {
  subject: { show: 'Republic', season: 2, aliases: [], officialSources: [], people: [] },
  titleEn: 'Republic Season 2: the latest',
  titleKo: '리퍼블릭 시즌2 소식',
}

/** A subject config as thin as a manifest may give it: title and season, nothing else. */
const bare: TestSubject = {
  subject: { show: 'Copper Valley', season: 2, aliases: [], officialSources: [], people: [] },
  titleEn: 'Copper Valley Season 2: the latest',
  titleKo: '코퍼 밸리 시즌2 소식',
}

/** Thin configs whose title starts with "The": three words, and two (which keep the article). */
const orchard: TestSubject = {
  subject: { show: 'The Glass Orchard', season: 2, aliases: [], officialSources: [], people: [] },
  titleEn: 'The Glass Orchard Season 2: the latest',
  titleKo: '글래스 오처드 시즌2 소식',
}
const ledger: TestSubject = {
  subject: { show: 'The Ledger', season: 2, aliases: [], officialSources: [], people: [] },
  titleEn: 'The Ledger Season 2: the latest',
  titleKo: '레저 시즌2 소식',
}

/** Every subject of the set, by the key rows name. */
export const SUBJECTS = { aouad, lantern, harbor, bakery, room, harvest, republic, bare, orchard, ledger } satisfies Record<string, TestSubject>

export type SubjectKey = keyof typeof SUBJECTS
