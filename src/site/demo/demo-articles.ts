/**
 * The demo's news: a handful of short articles and one "everything we know" page, written for
 * this project (not copied from anywhere). Each item says from which demo step on it exists, so
 * advancing the step makes news "happen": step 0 renewal and cast hopes (the silent baseline),
 * step 1 Netflix announces filming has begun (material), step 2 filming has wrapped (material).
 *
 * The sentences are deliberately plain and unhedged where they state facts, and openly hedged
 * where they speculate, so that the demo shows both a real change and ignored speculation.
 */

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
    slug: 'season-2-filming-begins',
    step: 1,
    published: '2025-07-14T08:00:00Z',
    title: 'Cameras are rolling on All of Us Are Dead Season 2',
    paragraphs: [
      'Netflix confirmed on July 14, 2025 that filming has begun on All of Us Are Dead Season 2.',
      'In the same announcement, Netflix confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.',
      'Production is based in and around Seoul.',
    ],
  },
  {
    slug: 'season-2-filming-wraps',
    step: 2,
    published: '2026-02-20T08:00:00Z',
    title: 'All of Us Are Dead Season 2 wraps filming',
    paragraphs: [
      'Netflix confirmed on February 20, 2026 that filming of All of Us Are Dead Season 2 has wrapped.',
      'The series has now moved into post-production, the streamer said.',
    ],
  },
]

/** The "everything we know" page as it reads at one step. */
export interface DemoOverview {
  /** When the page was last updated (its `article:published_time`). */
  updated: string
  sections: { heading: string; text: string }[]
}

const RENEWAL = {
  heading: 'Has it been renewed?',
  text: 'Yes. Netflix officially renewed All of Us Are Dead for Season 2 in June 2022.',
}

const RELEASE_GUESS = {
  heading: 'When will it be released?',
  text: 'There is no date yet. A release could come in late 2026 at the earliest, but that is only a guess.',
}

const CAST_CONFIRMED = {
  heading: 'Who is in the cast?',
  text: 'Netflix confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.',
}

/** The overview page by step (index = step). */
export const DEMO_OVERVIEW: DemoOverview[] = [
  {
    updated: '2025-03-04T09:30:00Z',
    sections: [
      RENEWAL,
      {
        heading: 'Who is in the cast?',
        text: 'Nothing has been announced. Fans hope that Park Ji-hu could return as Nam On-jo.',
      },
      RELEASE_GUESS,
    ],
  },
  {
    updated: '2025-07-14T09:00:00Z',
    sections: [
      RENEWAL,
      {
        heading: 'Has filming started?',
        text: 'Yes. Netflix confirmed on July 14, 2025 that filming of All of Us Are Dead Season 2 has begun.',
      },
      CAST_CONFIRMED,
      RELEASE_GUESS,
    ],
  },
  {
    updated: '2026-02-20T09:00:00Z',
    sections: [
      RENEWAL,
      {
        heading: 'Has filming wrapped?',
        text: 'Yes. Netflix confirmed on February 20, 2026 that filming of All of Us Are Dead Season 2 has wrapped, and the series is now in post-production.',
      },
      CAST_CONFIRMED,
      RELEASE_GUESS,
    ],
  },
]

/** Articles published at or before `step`, newest first (feed order). */
export function listDemoArticles(step: number): DemoArticle[] {
  return DEMO_ARTICLES.filter((a) => a.step <= step).sort((a, b) => b.published.localeCompare(a.published))
}
