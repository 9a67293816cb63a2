import type { Choice } from '../src/mail/subscribers/choices'
import { MANAGE_TOKEN_VALID_FOR } from '../src/mail/subscribers/link-token'
import { Layout } from './layout'
import { SeasonPicker } from './subscribe-form'

/** A season on the manage page: the person's choice for it, or null when not followed. */
export interface ManageSeason {
  slug: string
  title: string
  paused: boolean
  choice: Choice | null
}

/**
 * `/manage`: every season one can follow (and paused ones already followed), ticked as the person
 * follows them now. Both forms carry the signed token, which is what makes a POST legitimate.
 */
export function ManagePage(props: { token: string; seasons: ManageSeason[]; saved: boolean; error: string | null; demo?: boolean }) {
  const chosen = new Map(props.seasons.flatMap((s) => (s.choice ? [[s.slug, s.choice] as const] : [])))
  const seasons = props.seasons.map((s) => ({ slug: s.slug, title: s.title, ...(s.paused ? { note: 'paused: not checked for now' } : {}) }))
  return (
    <Layout title="Your subscription | Season Watch" demo={props.demo ?? false}>
      <h1>Your subscription</h1>
      {props.saved ? (
        <p class="notice" role="status" id="manage-saved">
          Saved. Your next emails follow these choices.
        </p>
      ) : null}
      {props.error ? (
        <p class="notice notice-warn" role="alert" id="manage-error">
          {props.error}
        </p>
      ) : null}
      <p class="lead">Tick the seasons you want emails about, and choose what to hear about each.</p>
      <form method="post" action="/manage" id="manage-form" class="subscribe">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="action" value="save" />
        <SeasonPicker seasons={seasons} chosen={chosen} legend="Your seasons" />
        <button type="submit">Save my choices</button>
      </form>
      <h2>Leave</h2>
      <form method="post" action="/manage" id="leave-all-form">
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="action" value="leave-all" />
        <p>Stop every email at once and erase your address.</p>
        <button type="submit" class="button-secondary">
          Unsubscribe from everything
        </button>
      </form>
      <p class="hint">
        This page’s link works for {MANAGE_TOKEN_VALID_FOR} after the email that carried it. Keep it to yourself: anyone
        with it can change these choices.
      </p>
    </Layout>
  )
}
