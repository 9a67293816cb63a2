import type { HistoryEntry } from '../src/core/public-view'
import type { Page } from '../src/site/paginate'
import { HistoryList, Pager } from './history-list'
import { Layout } from './layout'

/** `/history?page=N`: every recorded change, newest first, paginated. */
export function HistoryPage(props: { show: string; season: number; page: Page<HistoryEntry>; demo?: boolean }) {
  const title = `${props.show} Season ${props.season}: history of changes`
  return (
    <Layout title={`${title} | Season Watch`} demo={props.demo ?? false}>
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
      <Pager page={props.page} label="History pages" href={(n) => (n === 1 ? '/history' : `/history?page=${n}`)} />
    </Layout>
  )
}

/** `/history/:id`: one edition on its own (the Atom entries link here). */
export function EditionPage(props: { show: string; season: number; entry: HistoryEntry; demo?: boolean }) {
  return (
    <Layout title={`${props.show} Season ${props.season}: update | Season Watch`} demo={props.demo ?? false}>
      <h1>Update</h1>
      <HistoryList entries={[props.entry]} />
      <p>
        <a href="/history">Full history</a>
      </p>
    </Layout>
  )
}
