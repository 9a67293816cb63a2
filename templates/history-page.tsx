import type { HistoryEntry } from '../src/core/public-view'
import type { Page } from '../src/site/paginate'
import { HistoryList, Pager } from './history-list'
import { Layout, seasonNav } from './layout'

/** Where a season's pages live and how the header links to them. */
interface SeasonPlace {
  show: string
  season: number
  /** `/s/<slug>`, or '' for the first season's single-subject URLs. */
  base?: string
  /** More than one season is followed. */
  several?: boolean
  demo?: boolean
}

function layoutFor(props: SeasonPlace) {
  const base = props.base ?? ''
  return { demo: props.demo ?? false, nav: seasonNav(base, props.several ?? false), feed: `${base}/feed.xml` }
}

/** `<base>/history?page=N`: every recorded change, newest first, paginated. */
export function HistoryPage(props: SeasonPlace & { page: Page<HistoryEntry> }) {
  const title = `${props.show} Season ${props.season}: history of changes`
  const base = props.base ?? ''
  return (
    <Layout title={`${title} | Season Watch`} {...layoutFor(props)}>
      <h1>History of changes</h1>
      <p class="lead">
        Every material change to the {props.show} Season {props.season} facts, newest first ({props.page.total} in
        all). Each is dated by its news; the smaller date is when Season Watch noticed it.
      </p>
      <section aria-labelledby="history-h">
        <h2 id="history-h" class="visually-hidden">
          Changes, page {props.page.page}
        </h2>
        <HistoryList entries={props.page.items} />
      </section>
      <Pager page={props.page} label="History pages" href={(n) => (n === 1 ? `${base}/history` : `${base}/history?page=${n}`)} />
    </Layout>
  )
}

/** `<base>/history/:id`: one edition on its own (the Atom entries link here). */
export function EditionPage(props: SeasonPlace & { entry: HistoryEntry }) {
  return (
    <Layout title={`${props.show} Season ${props.season}: update | Season Watch`} {...layoutFor(props)}>
      <h1>Update</h1>
      <HistoryList entries={[props.entry]} />
      <p>
        <a href={`${props.base ?? ''}/history`}>Full history</a>
      </p>
    </Layout>
  )
}
