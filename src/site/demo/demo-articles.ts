/**
 * The demo's news: short articles and one "everything we know" page from "Demo TV News", a
 * news site that does not exist, written for this project (not copied from anywhere).
 *
 * The demo walks through steps. Each step publishes one article, and at some steps the
 * overview page is updated. Most of what arrives must stay quiet: a rumour, a rewrite of old
 * news, a look back at Season 1, a new release estimate, a "review" of a season nobody has
 * seen. Only real, confirmed news sends an email. `DEMO_STEPS` says, per step, what arrives and
 * what a correct system does with it; `test/site/demo-steps.test.ts` holds the pipeline to it.
 *
 * Sentences are plainly worded on purpose ("Netflix confirmed on …", "according to …"), so the
 * demo shows the pipeline's rules rather than the extractor's reach.
 */

/** One step of the demo: what arrives, and what a correct system does with it. */
export interface DemoStep {
  /** One line: the news that arrives at this step. */
  arrives: string
  /** One line: what a correct system does with it. */
  expect: string
  /** Whether the run after this step sends an email (the first run never does). */
  sends: boolean
}

/** The demo's steps, in order: index = step number (0 is the silent baseline). */
export const DEMO_STEPS: readonly DemoStep[] = [
  {
    arrives: 'The renewal (2022), a guess at the release year, and fans hoping two actors return.',
    expect: 'First run: record a silent baseline. No email.',
    sends: false,
  },
  {
    arrives: 'A rumour that filming may have started in secret.',
    expect: 'Stay quiet: a rumour is speculation, and speculation never moves a fact.',
    sends: false,
  },
  {
    arrives: 'Netflix confirms filming has begun, and that two actors return.',
    expect: 'Email: filming has begun, with both actors grouped under the one announcement.',
    sends: true,
  },
  {
    arrives: 'Another article rewrites the filming announcement two days later.',
    expect: 'Stay quiet: a re-worded article about known news is not news.',
    sends: false,
  },
  {
    arrives: 'A look back at Season 1: its premiere date and its 12 episodes.',
    expect: 'Stay quiet: Season 1 facts are not Season 2 facts.',
    sends: false,
  },
  {
    arrives: 'Netflix confirms filming has wrapped.',
    expect: 'Email: the season moves to post-production.',
    sends: true,
  },
  {
    arrives: 'Analysts now expect a premiere in early 2027.',
    expect: 'Update the estimate on the fact sheet, but send nothing: a new estimate is not news.',
    sends: false,
  },
  {
    arrives: 'Netflix releases the first teaser.',
    expect: 'Email: the first teaser is out.',
    sends: true,
  },
  {
    arrives: 'One site publishes a "review" of Season 2, which nobody has seen yet.',
    expect: 'Stay quiet: one site saying so is not enough, and nothing has premiered.',
    sends: false,
  },
  {
    arrives: 'Netflix confirms the premiere date.',
    expect: 'Email: the release date is confirmed.',
    sends: true,
  },
]

/** The demo's last step. */
export const LAST_DEMO_STEP = DEMO_STEPS.length - 1

/** One demo article, published from `step` on. */
export interface DemoArticle {
  slug: string
  step: number
  /** ISO time, shown in `article:published_time`, `<time>` and the feed's `pubDate`. */
  published: string
  title: string
  paragraphs: string[]
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    slug: 'season-2-where-it-stands',
    step: 0,
    published: '2025-03-04T09:00:00Z',
    title: 'All of Us Are Dead Season 2: where the zombie sequel stands',
    paragraphs: [
      'It has been a long wait for fans of Hyosan High.',
      'Netflix officially renewed All of Us Are Dead for a second season in June 2022.',
      'Fans hope that Park Ji-hu could return as Nam On-jo, and some expect that Lomon might be back as Lee Su-hyeok.',
      'For now, that is only speculation. We will update this article when there is news.',
    ],
  },
  {
    slug: 'season-2-filming-rumour',
    step: 1,
    published: '2025-05-20T10:00:00Z',
    title: 'Is All of Us Are Dead Season 2 already filming? What the rumours say',
    paragraphs: [
      'Fans on social media believe that filming of All of Us Are Dead Season 2 could have started in secret.',
      'According to unconfirmed rumours, a film crew could have been seen near a school outside Seoul.',
      'We have found nothing to back this up, so treat it as a rumour until there is an announcement.',
    ],
  },
  {
    slug: 'season-2-filming-begins',
    step: 2,
    published: '2025-07-14T08:00:00Z',
    title: 'Cameras are rolling on All of Us Are Dead Season 2',
    paragraphs: [
      'Netflix confirmed on July 14, 2025 that filming has begun on All of Us Are Dead Season 2.',
      'In the same announcement, Netflix confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.',
      'Production is based in and around Seoul.',
    ],
  },
  {
    slug: 'season-2-filming-so-far',
    step: 3,
    published: '2025-07-16T12:00:00Z',
    title: 'All of Us Are Dead Season 2 is filming: what we know so far',
    paragraphs: [
      'In case you missed it: Netflix confirmed on July 14, 2025 that filming has begun on All of Us Are Dead Season 2.',
      'Netflix also confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.',
      'This round-up first appeared in our weekly newsletter.',
    ],
  },
  {
    slug: 'season-1-look-back',
    step: 4,
    published: '2025-10-01T09:00:00Z',
    title: 'Looking back at All of Us Are Dead Season 1',
    paragraphs: [
      'All of Us Are Dead Season 1 premiered on Netflix on January 28, 2022.',
      'Season 1 had 12 episodes and followed the students of Hyosan High through a zombie outbreak.',
      'It became one of the most watched non-English series on the service that year.',
    ],
  },
  {
    slug: 'season-2-filming-wraps',
    step: 5,
    published: '2026-02-20T08:00:00Z',
    title: 'All of Us Are Dead Season 2 wraps filming',
    paragraphs: [
      'Netflix confirmed on February 20, 2026 that filming of All of Us Are Dead Season 2 has wrapped.',
      'The series has now moved into post-production, the streamer said.',
    ],
  },
  {
    slug: 'season-2-release-estimate',
    step: 6,
    published: '2026-04-10T09:00:00Z',
    title: 'When will All of Us Are Dead Season 2 come out?',
    paragraphs: [
      'Industry analysts expect All of Us Are Dead Season 2 to premiere in early 2027.',
      'That is only an estimate: no date has been announced.',
    ],
  },
  {
    slug: 'season-2-first-teaser',
    step: 7,
    published: '2026-06-05T08:00:00Z',
    title: 'Watch the first teaser for All of Us Are Dead Season 2',
    paragraphs: [
      'Netflix released the first teaser for All of Us Are Dead Season 2 on June 5, 2026.',
      'The one-minute clip returns to the halls of Hyosan High.',
    ],
  },
  {
    slug: 'season-2-review',
    step: 8,
    published: '2026-06-20T15:00:00Z',
    title: 'All of Us Are Dead Season 2 review: a bloody good return',
    paragraphs: [
      'All of Us Are Dead Season 2 is now streaming, and it is the best zombie drama of the year.',
      'We watched every episode in one weekend, and the school siege in the finale is worth the wait.',
    ],
  },
  {
    slug: 'season-2-premiere-date',
    step: 9,
    published: '2026-09-01T08:00:00Z',
    title: 'All of Us Are Dead Season 2 has a premiere date',
    paragraphs: [
      'Netflix confirmed on September 1, 2026 that All of Us Are Dead Season 2 premieres on January 29, 2027.',
      'All episodes will be released on the same day.',
    ],
  },
]

/** The "everything we know" page as it reads from one step on. */
export interface DemoOverview {
  /** The first step that shows this version. */
  from: number
  /** When the page was last updated (its `article:published_time`). */
  updated: string
  sections: { heading: string; text: string }[]
}

const section = (heading: string, text: string) => ({ heading, text })

const RENEWAL = section('Has it been renewed?', 'Yes. Netflix officially renewed All of Us Are Dead for Season 2 in June 2022.')
const CAST_CONFIRMED = section('Who is in the cast?', 'Netflix confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.')
const WRAPPED = section(
  'Has filming wrapped?',
  'Yes. Netflix confirmed on February 20, 2026 that filming of All of Us Are Dead Season 2 has wrapped, and the series is now in post-production.',
)
const TEASER = section('Is there a trailer?', 'Netflix released the first teaser for All of Us Are Dead Season 2 on June 5, 2026.')
const release = (text: string) => section('When will it be released?', text)

/** The overview page's versions, oldest first. */
export const DEMO_OVERVIEW: DemoOverview[] = [
  {
    from: 0,
    updated: '2025-03-04T09:30:00Z',
    sections: [
      RENEWAL,
      section('Who is in the cast?', 'Nothing has been announced. Fans hope that Park Ji-hu could return as Nam On-jo.'),
      release('There is no date yet. A release could come in 2027 at the earliest, but that is only a guess.'),
    ],
  },
  {
    from: 2,
    updated: '2025-07-14T09:00:00Z',
    sections: [
      RENEWAL,
      section('Has filming started?', 'Yes. Netflix confirmed on July 14, 2025 that filming of All of Us Are Dead Season 2 has begun.'),
      CAST_CONFIRMED,
      release('There is no date yet. A release could come in 2027 at the earliest, but that is only a guess.'),
    ],
  },
  {
    from: 5,
    updated: '2026-02-20T09:00:00Z',
    sections: [RENEWAL, WRAPPED, CAST_CONFIRMED, release('There is no date yet. A release could come in 2027 at the earliest, but that is only a guess.')],
  },
  {
    from: 7,
    updated: '2026-06-05T09:00:00Z',
    sections: [RENEWAL, WRAPPED, CAST_CONFIRMED, TEASER, release('There is no date yet. Industry analysts expect a premiere in early 2027.')],
  },
  {
    from: 9,
    updated: '2026-09-01T09:00:00Z',
    sections: [
      RENEWAL,
      WRAPPED,
      CAST_CONFIRMED,
      TEASER,
      release('Netflix confirmed on September 1, 2026 that All of Us Are Dead Season 2 premieres on January 29, 2027.'),
    ],
  },
]

/** The overview page as it reads at `step`. */
export function demoOverviewAt(step: number): DemoOverview {
  return DEMO_OVERVIEW.filter((v) => v.from <= step).at(-1) ?? DEMO_OVERVIEW[0]!
}

/** Articles published at or before `step`, newest first (feed order). */
export function listDemoArticles(step: number): DemoArticle[] {
  return DEMO_ARTICLES.filter((a) => a.step <= step).sort((a, b) => b.published.localeCompare(a.published))
}
