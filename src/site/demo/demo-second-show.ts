/**
 * The demo's second show: "The Glass Orchard" Season 2, a made-up orchard-town mystery, written
 * for this project. Demo TV News covers it in its own feed and "everything we know" page, on the
 * same step counter as the first show, so one press of Advance moves both stories along.
 *
 * It is not followed on a fresh install: a maintainer adds it in `/admin` as a second subject
 * (`DEMO_SECOND_SUBJECT`, with the sources `listSecondShowSources()`), which is what the
 * several-seasons browser test does. Its step 5 brings a stage change and a trailer in one run,
 * so a subscriber who chose "only the release date and trailers" gets an email showing the
 * trailer alone while one who chose "everything" gets both.
 *
 * Sentences are plainly worded, like the first show's, so the extractor reads them as written.
 */
import type { SubjectInput } from '../../store/subject-store'
import type { DemoArticle, DemoOverview, DemoStep } from './demo-articles'

/** The second show as a subject a maintainer would add (slug, names, who confirms, the cast). */
export const DEMO_SECOND_SUBJECT: SubjectInput = {
  slug: 'the-glass-orchard-s2',
  show: 'The Glass Orchard',
  season: 2,
  aliases: ['Glass Orchard'],
  officialSources: ['Netflix'],
  people: [
    { name: 'Mara Quill', aliases: ['Mara Quil'], roles: ['Ilse Varga'], previousCast: true },
    { name: 'Tomas Reyne', aliases: ['Tomás Reyne'], roles: ['Edgar Holm'], previousCast: true },
  ],
  status: 'active',
}

/** What each step brings for the second show (index = step), and what a correct system does. */
export const SECOND_SHOW_STEPS: readonly (DemoStep & { releaseOnly: boolean })[] = [
  { arrives: 'The renewal of The Glass Orchard for Season 2.', expect: 'First run: a silent baseline. No email.', sends: false, releaseOnly: false },
  { arrives: 'Nothing new.', expect: 'Stay quiet.', sends: false, releaseOnly: false },
  { arrives: 'Netflix confirms filming has begun.', expect: 'Email to "everything" subscribers; nothing to "release date and trailers" ones.', sends: true, releaseOnly: false },
  { arrives: 'Nothing new.', expect: 'Stay quiet.', sends: false, releaseOnly: false },
  { arrives: 'Nothing new.', expect: 'Stay quiet.', sends: false, releaseOnly: false },
  {
    arrives: 'Netflix confirms filming has wrapped and releases the first trailer.',
    expect: 'Email: "everything" subscribers read both changes; "release date and trailers" ones only the trailer.',
    sends: true,
    releaseOnly: true,
  },
  { arrives: 'A critic guesses at a premiere in late 2026.', expect: 'Stay quiet: an estimate is not news.', sends: false, releaseOnly: false },
  { arrives: 'Nothing new.', expect: 'Stay quiet.', sends: false, releaseOnly: false },
  { arrives: 'Nothing new.', expect: 'Stay quiet.', sends: false, releaseOnly: false },
  { arrives: 'Netflix confirms the premiere date.', expect: 'Email to both kinds of subscriber: the release date is confirmed.', sends: true, releaseOnly: true },
]

export const SECOND_SHOW_ARTICLES: DemoArticle[] = [
  {
    slug: 'glass-orchard-season-2-renewed',
    step: 0,
    published: '2025-03-10T09:00:00Z',
    title: 'The Glass Orchard is coming back for Season 2',
    paragraphs: [
      'Netflix officially renewed The Glass Orchard for a second season in March 2025.',
      'The mystery about a town that lives off one strange orchard was a quiet hit last autumn.',
    ],
  },
  {
    slug: 'glass-orchard-season-2-filming-begins',
    step: 2,
    published: '2025-08-04T08:00:00Z',
    title: 'Filming starts on The Glass Orchard Season 2',
    paragraphs: [
      'Netflix confirmed on August 4, 2025 that filming has begun on The Glass Orchard Season 2.',
      'The crew is back in the hill villages where the first season was shot.',
    ],
  },
  {
    slug: 'glass-orchard-season-2-filming-wraps',
    step: 5,
    published: '2026-03-03T08:00:00Z',
    title: 'The Glass Orchard Season 2 has finished filming',
    paragraphs: ['Netflix confirmed on March 3, 2026 that filming of The Glass Orchard Season 2 has wrapped.'],
  },
  {
    slug: 'glass-orchard-season-2-first-trailer',
    step: 5,
    published: '2026-03-03T12:00:00Z',
    title: 'Watch the first trailer for The Glass Orchard Season 2',
    paragraphs: [
      'Netflix released the first trailer for The Glass Orchard Season 2 on March 3, 2026.',
      'It opens on the orchard in winter, every branch bare but one.',
    ],
  },
  {
    slug: 'glass-orchard-season-2-release-guess',
    step: 6,
    published: '2026-04-15T09:00:00Z',
    title: 'When could The Glass Orchard Season 2 arrive?',
    paragraphs: ['Critics expect The Glass Orchard Season 2 to premiere in late 2026.', 'No date has been announced.'],
  },
  {
    slug: 'glass-orchard-season-2-premiere-date',
    step: 9,
    published: '2026-09-08T08:00:00Z',
    title: 'The Glass Orchard Season 2 has a premiere date',
    paragraphs: ['Netflix confirmed on September 8, 2026 that The Glass Orchard Season 2 premieres on November 20, 2026.'],
  },
]

const RENEWED = { heading: 'Has it been renewed?', text: 'Yes. Netflix officially renewed The Glass Orchard for Season 2 in March 2025.' }
const WRAPPED = { heading: 'Has filming wrapped?', text: 'Yes. Netflix confirmed on March 3, 2026 that filming of The Glass Orchard Season 2 has wrapped.' }
const TRAILER = { heading: 'Is there a trailer?', text: 'Netflix released the first trailer for The Glass Orchard Season 2 on March 3, 2026.' }

/** The second show's "everything we know" page, oldest version first. */
export const SECOND_SHOW_OVERVIEW: DemoOverview[] = [
  { from: 0, updated: '2025-03-10T09:30:00Z', sections: [RENEWED] },
  {
    from: 2,
    updated: '2025-08-04T09:00:00Z',
    sections: [RENEWED, { heading: 'Has filming started?', text: 'Yes. Netflix confirmed on August 4, 2025 that filming of The Glass Orchard Season 2 has begun.' }],
  },
  {
    from: 5,
    updated: '2026-03-03T13:00:00Z',
    sections: [RENEWED, WRAPPED, TRAILER],
  },
  {
    from: 9,
    updated: '2026-09-08T09:00:00Z',
    sections: [
      RENEWED,
      WRAPPED,
      TRAILER,
      { heading: 'When will it be released?', text: 'Netflix confirmed on September 8, 2026 that The Glass Orchard Season 2 premieres on November 20, 2026.' },
    ],
  },
]
