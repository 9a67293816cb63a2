/**
 * Plain English statements for every field value and every certainty: each stage, release
 * estimated and confirmed (day, month, window), cast returning / new / departed with roles,
 * teaser and trailer, episode counts; plus the near misses each field invites.
 */
import { cast, type ClaimRow, episodes, release, stage, trailer } from '../row'

export const fieldRowsEn: ClaimRow[] = [
  // stage: renewed
  {
    id: 'f-en-01',
    subject: 'lantern',
    text: 'Netflix has officially renewed The Lantern Keepers for a second season.',
    expect: [stage('renewed', 'confirmed')],
  },
  {
    id: 'f-en-02',
    subject: 'harbor',
    text: 'Salt Harbor has been renewed for a third season, Deadline Weekly reports.',
    expect: [stage('renewed', 'reported')],
  },
  {
    id: 'f-en-03',
    subject: 'bakery',
    text: 'Given its ratings, Midnight Bakery will probably be renewed for a second season.',
    expect: [stage('renewed', 'speculated')],
  },
  {
    id: 'f-en-04',
    subject: 'room',
    text: 'Room 302 is coming back for a second season, Playnest announced on Friday.',
    expect: [stage('renewed', 'confirmed')],
  },
  // stage: pre-production
  {
    id: 'f-en-05',
    subject: 'lantern',
    text: 'The Lantern Keepers Season 2 has entered pre-production, Studio Dalbit said.',
    expect: [stage('pre-production', 'confirmed')],
  },
  {
    id: 'f-en-06',
    subject: 'harbor',
    text: 'Salt Harbor Season 3 is in pre-production, with the writers’ room wrapping up the final scripts.',
    expect: [stage('pre-production', 'reported')],
  },
  {
    id: 'f-en-07',
    subject: 'bakery',
    text: 'Pre-production on Midnight Bakery Season 2 may already be under way.',
    expect: [stage('pre-production', 'speculated')],
  },
  // stage: filming
  {
    id: 'f-en-08',
    subject: 'harbor',
    text: 'Production on Salt Harbor Season 3 is under way in Nova Scotia, Meridian+ confirmed.',
    expect: [stage('filming', 'confirmed')],
  },
  {
    id: 'f-en-09',
    subject: 'bakery',
    text: 'Midnight Bakery Season 2 is currently filming in Jeonju.',
    expect: [stage('filming', 'reported')],
  },
  {
    id: 'f-en-10',
    subject: 'lantern',
    text: 'Filming on The Lantern Keepers Season 2 could already be under way, judging by photos from Gangneung.',
    expect: [stage('filming', 'speculated')],
  },
  {
    id: 'f-en-11',
    subject: 'room',
    text: 'Principal photography on Room 302 Season 2 kicked off on March 3, Playnest announced.',
    expect: [stage('filming', 'confirmed')],
  },
  {
    id: 'f-en-12',
    subject: 'lantern',
    text: 'Shooting for the second season of The Lantern Keepers got under way last month, Star News reported.',
    expect: [stage('filming', 'reported')],
  },
  // stage: post-production
  {
    id: 'f-en-13',
    subject: 'harbor',
    text: 'Salt Harbor Season 3 is now in post-production.',
    expect: [stage('post-production', 'reported')],
  },
  {
    id: 'f-en-14',
    subject: 'bakery',
    text: 'Filming on Midnight Bakery Season 2 has wrapped, KBN confirmed on Tuesday.',
    expect: [stage('post-production', 'confirmed')],
  },
  {
    id: 'f-en-15',
    subject: 'lantern',
    text: 'The Lantern Keepers Season 2 has completed filming and moved into editing.',
    expect: [stage('post-production', 'reported')],
  },
  {
    id: 'f-en-16',
    subject: 'room',
    text: 'Room 302 Season 2 probably wrapped filming in the autumn, going by the cast’s social media.',
    expect: [stage('post-production', 'speculated')],
  },
  // stage: released
  {
    id: 'f-en-17',
    subject: 'lantern',
    published: '2026-02-14',
    text: 'The Lantern Keepers Season 2 is now streaming on Netflix.',
    expect: [stage('released', 'reported')],
  },
  {
    id: 'f-en-18',
    subject: 'harbor',
    published: '2025-09-20',
    text: 'All ten episodes of Salt Harbor Season 3 are now available on Meridian+.',
    expect: [stage('released', 'reported'), episodes(10, 'reported')],
  },
  {
    id: 'f-en-19',
    subject: 'bakery',
    published: '2025-10-06',
    text: 'Midnight Bakery Season 2 premiered on KBN on Saturday, October 4, to the channel’s best ratings of the year.',
    expect: [stage('released', 'reported')],
    allow: [release('estimated', '2025-10-04', 'reported')],
  },
  {
    id: 'f-en-20',
    subject: 'room',
    published: '2025-12-06',
    text: 'Playnest released Room 302 Season 2 on Friday.',
    expect: [stage('released', 'confirmed')],
  },
  // release
  {
    id: 'f-en-21',
    subject: 'lantern',
    published: '2025-10-01',
    text: 'Netflix confirmed that The Lantern Keepers Season 2 will premiere on February 13, 2026.',
    expect: [release('confirmed', '2026-02-13', 'confirmed')],
  },
  {
    id: 'f-en-22',
    subject: 'harbor',
    text: 'Meridian+ announced that Salt Harbor Season 3 will arrive in September.',
    expect: [release('confirmed', '2025-09', 'confirmed')],
  },
  {
    id: 'f-en-23',
    subject: 'bakery',
    published: '2025-08-12',
    text: 'Midnight Bakery Season 2 will officially air from November 8.',
    expect: [release('confirmed', '2025-11-08', 'confirmed')],
  },
  {
    id: 'f-en-24',
    subject: 'room',
    text: 'Room 302 Season 2 will premiere on July 18, according to Seoul Screen.',
    expect: [release('estimated', '2025-07-18', 'reported')],
  },
  {
    id: 'f-en-25',
    subject: 'harbor',
    text: 'Salt Harbor Season 3 is slated for a March 2026 release, Deadline Weekly reports.',
    expect: [release('estimated', '2026-03', 'reported')],
  },
  {
    id: 'f-en-26',
    subject: 'lantern',
    text: 'The Lantern Keepers Season 2 is aiming for a release in the first half of 2026.',
    expect: [release('estimated', '2026-H1', 'reported')],
  },
  {
    id: 'f-en-27',
    subject: 'bakery',
    text: 'Midnight Bakery Season 2 could air as early as spring 2026.',
    expect: [release('estimated', 'spring 2026', 'speculated')],
  },
  {
    id: 'f-en-28',
    subject: 'room',
    text: 'We expect Room 302 Season 2 to drop in late 2025 or early 2026.',
    expect: [release('estimated', 'late 2025..early 2026', 'speculated')],
  },
  {
    id: 'f-en-29',
    subject: 'aouad',
    text: 'Netflix said All of Us Are Dead Season 2 will be released in the fourth quarter of 2026.',
    expect: [release('estimated', '2026-Q4', 'confirmed')],
  },
  {
    id: 'f-en-30',
    subject: 'harbor',
    text: 'Salt Harbor Season 3 premieres Friday, June 13, with two episodes, followed by one a week, Meridian+ said.',
    expect: [release('confirmed', '2025-06-13', 'confirmed')],
    note: 'two episodes at launch is not the season’s count',
  },
  // cast
  {
    id: 'f-en-31',
    subject: 'lantern',
    text: 'Netflix confirmed that Min Tae-oh returns as Baek Do-hyun in The Lantern Keepers Season 2.',
    expect: [cast('Min Tae-oh', 'returning', 'confirmed', 'Baek Do-hyun')],
  },
  {
    id: 'f-en-32',
    subject: 'lantern',
    text: 'Kang Bo-reum is back for Season 2 of The Lantern Keepers.',
    expect: [cast('Kang Bo-reum', 'returning', 'reported')],
  },
  {
    id: 'f-en-33',
    subject: 'lantern',
    text: 'Yoo Dan-bi might return for the second season of The Lantern Keepers.',
    expect: [cast('Yoo Dan-bi', 'returning', 'speculated')],
  },
  {
    id: 'f-en-34',
    subject: 'harbor',
    text: 'Meridian+ announced that Marcus Oyelaran will join Salt Harbor Season 3 as Jonah Reyes.',
    expect: [cast('Marcus Oyelaran', 'new', 'confirmed', 'Jonah Reyes')],
  },
  {
    id: 'f-en-35',
    subject: 'bakery',
    text: 'Gong Min-seo has landed a lead role in Midnight Bakery Season 2, playing Do Yi-seul.',
    expect: [cast('Gong Min-seo', 'new', 'reported', 'Do Yi-seul')],
  },
  {
    id: 'f-en-36',
    subject: 'room',
    text: 'Rumours suggest that Im Do-gyeom could join Room 302 Season 2.',
    expect: [cast('Im Do-gyeom', 'new', 'speculated')],
  },
  {
    id: 'f-en-37',
    subject: 'lantern',
    text: 'Kang Bo-reum has exited The Lantern Keepers ahead of Season 2, Netflix confirmed.',
    expect: [cast('Kang Bo-reum', 'departed', 'confirmed')],
  },
  {
    id: 'f-en-38',
    subject: 'bakery',
    text: 'Ryu Jae-hee will not return for Midnight Bakery Season 2, Sports Today reported.',
    expect: [cast('Ryu Jae-hee', 'departed', 'reported')],
  },
  {
    id: 'f-en-39',
    subject: 'harbor',
    text: 'Tom Hadley may not be back for Salt Harbor Season 3, according to rumours on set.',
    expect: [cast('Tom Hadley', 'departed', 'speculated')],
  },
  {
    id: 'f-en-40',
    subject: 'lantern',
    text: 'Netflix also announced that newcomer Yeo Ha-jun has joined the Season 2 cast as a young ferryman.',
    expect: [cast('Yeo Ha-jun', 'new', 'confirmed')],
  },
  {
    id: 'f-en-41',
    subject: 'aouad',
    text: 'Lomon will reprise his role as Lee Su-hyeok in All of Us Are Dead Season 2, Netflix confirmed.',
    expect: [cast('Lomon', 'returning', 'confirmed', 'Lee Su-hyeok')],
  },
  {
    id: 'f-en-42',
    subject: 'aouad',
    text: 'Kim Si-eun has been cast in All of Us Are Dead Season 2, according to Sports Chosun.',
    expect: [cast('Kim Si-eun', 'new', 'reported')],
  },
  // trailer
  {
    id: 'f-en-43',
    subject: 'harbor',
    text: 'Meridian+ released a teaser for Salt Harbor Season 3 on Monday.',
    expect: [trailer('teaser', 'confirmed')],
  },
  {
    id: 'f-en-44',
    subject: 'bakery',
    text: 'The first trailer for Midnight Bakery Season 2 has arrived, showing Da-on’s new shop.',
    expect: [trailer('trailer', 'reported')],
  },
  {
    id: 'f-en-45',
    subject: 'room',
    text: 'A teaser trailer for Room 302 Season 2 was released on Tuesday, Seoul Screen reported.',
    expect: [trailer('teaser', 'reported')],
  },
  {
    id: 'f-en-46',
    subject: 'lantern',
    text: 'A trailer for The Lantern Keepers Season 2 appears to have gone live on Netflix Korea’s channel, then vanished.',
    expect: [trailer('trailer', 'speculated')],
  },
  {
    id: 'f-en-47',
    subject: 'lantern',
    trap: true,
    text: 'A trailer for The Lantern Keepers Season 2 could drop as soon as next week.',
    expect: [],
  },
  // episodes
  {
    id: 'f-en-48',
    subject: 'lantern',
    text: 'Netflix confirmed that the second season of The Lantern Keepers will have eight episodes.',
    expect: [episodes(8, 'confirmed')],
  },
  {
    id: 'f-en-49',
    subject: 'lantern',
    text: 'The Lantern Keepers Season 2 will consist of nine episodes, Star News reported.',
    expect: [episodes(9, 'reported')],
  },
  {
    id: 'f-en-50',
    subject: 'harbor',
    text: 'Salt Harbor Season 3 is expected to run for ten episodes, like the previous two.',
    expect: [episodes(10, 'speculated')],
  },
  {
    id: 'f-en-51',
    subject: 'room',
    trap: true,
    text: 'Episode 6 of Room 302 Season 2 was shot entirely in one room, the director said.',
    expect: [],
    allow: [stage('filming', 'reported'), stage('filming', 'confirmed')],
    note: 'an episode number is not a count',
  },
  {
    id: 'f-en-52',
    subject: 'bakery',
    trap: true,
    text: 'The first two episodes of Midnight Bakery Season 2 will air back to back on November 8.',
    published: '2025-08-12',
    expect: [release('estimated', '2025-11-08', 'reported')],
    note: 'the first two episodes are not a count of two',
  },
  {
    id: 'f-en-53',
    subject: 'aouad',
    text: 'All of Us Are Dead Season 2 will have 10 episodes, two fewer than the first season, Netflix said.',
    expect: [episodes(10, 'confirmed')],
  },
  {
    id: 'f-en-54',
    subject: 'aouad',
    trap: true,
    text: 'All of Us Are Dead’s first season had 12 episodes, each running about an hour.',
    expect: [],
  },
]
