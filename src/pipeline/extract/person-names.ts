/**
 * Names the subject config does not know, by their shape: two or three capitalised words that
 * are not category words ("Best New Actress", "Plot Details"), or a Hangul word that starts with
 * a Korean surname. Shape alone never makes a person: the cast extractor also needs a casting
 * act next to the name.
 */
import { isCommonKoreanSurname } from '../../core/person-key'
import { HANGUL } from '../../core/names'

/** A name candidate found in a clause. */
export interface NameSpan {
  name: string
  index: number
  length: number
}

// Words that make a capitalised phrase a title, a place, an organisation or a category.
const CATEGORY_WORDS = new Set(
  `the a an and or but of in on at to for with from by as is are was were be this that these those it its his her their
  season seasons series episode episodes part parts chapter volume show shows drama dramas k-drama film films movie movies
  director directors writer writers creator creators producer producers actor actors actress actresses star stars cast
  casting member members lead leads role roles character characters newcomer newcomers rookie rookies idol singer
  best new award awards prize festival international academy grand supporting popular excellence rising
  korea korean south north seoul busan japan japanese china chinese america american us usa uk london
  city high middle school university college street station hospital church police department team club class group
  company entertainment studio studios agency media news tv times post daily magazine network channel society truth
  fans viewers netizens readers audience audiences critics meanwhile however also besides returning joining alongside
  including with other several many some all now our new old first second third last next final official original
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday spring summer fall autumn winter
  plot details release date trailer teaser poster update updates news report reports review reviews recap ending
  chairman president ceo lawyer detective officer secretary senior junior doctor professor teacher captain leader
  mr mrs ms dr sir lady lord king queen prince princess`.split(/\s+/),
)

// Two or three capitalised words, each possibly hyphenated ("Kim Sung-cheol", "Ji Hu Park").
const CAPITALIZED_NAME = /(?<![\p{L}\d])(\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?(?:\s+\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?){1,2})(?![\p{L}\d])/gu

// English function words that are also Korean given-name syllables ("Choi Seul In", "Kang An Byul").
const KO_SYLLABLE_WORDS = new Set(['in', 'an', 'on'])
// One romanised Korean syllable ("In", "Hyun", "Eun", "Dam", "Ah"): an initial, one vowel, a
// Korean final; never "Jeju", "Seoul", "Set" or "Air".
const ONE_SYLLABLE = /^(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjhcyw])?(?:yeo|yae|wae|eo|ae|ya|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|a|e|i|o|u)h?(?:ng|n|m|l|k|p|b)?$/i

/**
 * A Korean name written with spaces and no hyphen, "Choi Seul In": a common surname and two
 * one-syllable words, where "In", "An" or "On" is part of the given name. Only this shape lets a
 * function word into a name: "Lee In Seoul" and "Kim In The" stay phrases.
 */
export function isSpacedKoreanName(words: string[]): boolean {
  if (words.length !== 3 || !isCommonKoreanSurname(words[0]!)) return false
  return words.slice(1).every((w) => {
    if (!ONE_SYLLABLE.test(w)) return false
    const lower = w.toLowerCase()
    return !CATEGORY_WORDS.has(lower) || KO_SYLLABLE_WORDS.has(lower)
  })
}

const SPACED_THREE = /(?<![\p{L}\d])\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}*\s+\p{Lu}\p{Ll}*(?![\p{L}\d])/gu

/** The text with every spaced Korean name ("Choi Seul In") blanked, so its "In" is not read as a headline's. */
export function blankSpacedKoreanNames(text: string): string {
  return text.replace(SPACED_THREE, (m) => (isSpacedKoreanName(m.split(/\s+/)) ? ' '.repeat(m.length) : m))
}

/** Latin-script person-shaped phrases in a text, category words excluded. */
export function findLatinNames(text: string): NameSpan[] {
  const out: NameSpan[] = []
  CAPITALIZED_NAME.lastIndex = 0
  for (let m = CAPITALIZED_NAME.exec(text); m; m = CAPITALIZED_NAME.exec(text)) {
    const words = m[1]!.split(/\s+/)
    if (isSpacedKoreanName(words)) {
      out.push({ name: m[1]!, index: m.index, length: m[1]!.length })
      continue
    }
    // Drop leading category words ("Actor Kim Mu-yeol", "Newcomers Kim Min-ji") and keep the rest.
    let first = 0
    while (first < words.length && CATEGORY_WORDS.has(words[first]!.toLowerCase())) first++
    const kept = words.slice(first)
    if (kept.length < 2 || kept.some((w) => CATEGORY_WORDS.has(w.toLowerCase()))) continue
    const skip = words.slice(0, first).reduce((n, w) => n + w.length + 1, 0)
    const name = kept.join(' ')
    out.push({ name, index: m.index + skip, length: m[1]!.length - skip })
  }
  return out
}

// Korean surnames (one syllable; the two-syllable ones are rare in casting news).
const KO_SURNAMES = new Set(
  '김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 황보 남궁 제갈 선우 독고'.split(
    ' ',
  ),
)
// Common words that look like a surname plus a syllable or two: never names.
const KO_NOT_NAMES = new Set(
  '이번 이후 이어 이날 이제 이미 이는 이를 이에 이와 이들 이야기 이상 이름 정도 정말 정식 정진 한편 한국 한다 한때 최근 최고 최초 최종 최대 강렬 강한 조직 조금 윤리 장면 장르 임무 오는 오랜 오직 서로 서울 신작 신선 권력 황금 안에 안방 송고 유튜브 유일 전편 전세계 전작 전해 전했 전날 홍보 고지 고백 문제 문화 양측 손을 배우 배역 백성 허락 남녀 남은 심판 노력 하지 하는 하나 곽씨 성공 성장 차기 차례 주연 주인공 주요 주목 우리 구성 민낯 진실 진행 지난 지금 지옥 엄청 채널 원작 원래 천사 방송 방영 공개 공식 현장 현재 함께 변호사 염원 여전 추가 도전 소식 소속사 석방 선보 선택 설명 마약 마지막 길이 연기 연출 위해 위한 표정 명의 기대 반응 왕국 금지 옥에 육성 인기 인물 제작 제공 모습 모두 국내 어느 은퇴 편성 용기 예고 예정 경찰 경우 사자 사건 사람 부활 부흥'.split(
    ' ',
  ),
)
// Verb and adjective endings, plural and honorific suffixes: "공개됐다", "하차한", "배우들".
const KO_NOT_NAME_SHAPE = /(?:다|요|게|며|면|서|고|지|적|들|것|한|된|던|할|될|는|운|은|인|에|께|씨|님|히)$|했|됐|였|겠|습|니다|하게|스러/

const KO_VERB_FORM = /(?:하|되|있|없|지|시|주|오|보|내|이)(?:는|고|며|면|던|게|기|여|서|니|나)$/

// Particles that may follow a Korean name inside a sentence.
const KO_PARTICLE = /(?:으로|에게|까지|부터|이가|이는|이를|이와|이랑|이도|이의|과|와|이|가|은|는|을|를|의|도|로|랑)$/
const HANGUL_WORD = /[\uAC00-\uD7A3]{2,6}/g

/** A Hangul word shaped like a Korean name (surname + one to three syllables), with its particle cut. */
function koreanNameShape(token: string, followedBySeparator: boolean): string | null {
  // A verb or adjective with its ending ("추종하는", "예고하며", "공개되는") is never a name.
  if (KO_VERB_FORM.test(token)) return null
  let t = token
  if (!followedBySeparator && t.length >= 3) {
    const p = KO_PARTICLE.exec(t)
    if (p && t.length - p[0].length >= 2) t = t.slice(0, t.length - p[0].length)
  }
  if (t.length < 2 || t.length > 4) return null
  const surname = KO_SURNAMES.has(t.slice(0, 2)) && t.length === 4 ? t.slice(0, 2) : t.slice(0, 1)
  if (!KO_SURNAMES.has(surname) || KO_NOT_NAMES.has(t) || KO_NOT_NAME_SHAPE.test(t)) return null
  // Two-syllable words are names only in a list ("김성철·문소리") or right before a separator.
  if (t.length === 2 && !followedBySeparator) return null
  return t
}

/** Hangul person-shaped words in a text, particles cut off. */
export function findKoreanNames(text: string): NameSpan[] {
  const out: NameSpan[] = []
  HANGUL_WORD.lastIndex = 0
  for (let m = HANGUL_WORD.exec(text); m; m = HANGUL_WORD.exec(text)) {
    const after = text.slice(m.index + m[0].length).replace(/\s+/g, ' ').slice(0, 4)
    const before = text[m.index - 1] ?? ''
    if (HANGUL.test(before)) continue
    const separated = /^\s*(?:[,·、/&(]|등(?![\uAC00-\uD7A3])|$)/.test(after)
    const name = koreanNameShape(m[0], separated)
    if (name) out.push({ name, index: m.index, length: name.length })
  }
  return out
}
