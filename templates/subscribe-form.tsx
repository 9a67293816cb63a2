import { CHOICE_LABELS, CHOICES, type SeasonChoice } from '../src/mail/subscribers/choices'
import { Layout } from './layout'

/** A season the form offers (active subjects only: a paused one takes no new subscribers). */
export interface FormSeason {
  slug: string
  /** "Show Season N" (escaped like any text). */
  title: string
}

export interface SubscribeFormProps {
  /** The seasons to choose from, in the subjects' order. */
  seasons: FormSeason[]
  /** Seasons ticked when the form is drawn, with their choice (the others default to `all`). */
  selected?: SeasonChoice[]
  /** Turnstile site key; when set, the widget (and Cloudflare's script) is included. */
  turnstileSiteKey?: string | null
  /** The address to put back in the field after an error (escaped like any text). */
  email?: string
  /** What was wrong with the last attempt, shown next to the field. */
  error?: string | null
}

/**
 * The subscribe form (double opt-in): an address, the seasons to follow, and for each which
 * changes to hear about. Rendered on `/`, on each season's page and alone on `/subscribe`. The
 * `website` field is a honeypot: hidden from people (and screen readers), filled by bots.
 */
export function SubscribeForm(props: SubscribeFormProps) {
  const errorId = props.error ? 'subscribe-error' : undefined
  if (props.seasons.length === 0) {
    return <p class="empty">No season is open for subscriptions right now.</p>
  }
  const chosen = new Map((props.selected ?? []).map((s) => [s.slug, s.choice]))
  return (
    <form method="post" action="/subscribe" class="subscribe">
      <label for="subscribe-email">Email address</label>
      <div class="subscribe-row">
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          maxlength={254}
          autocomplete="email"
          inputmode="email"
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={errorId}
        />
      </div>
      {props.error ? (
        <p id="subscribe-error" class="hint" role="alert" style="color:#8a1010;font-weight:600">
          {props.error}
        </p>
      ) : null}
      <SeasonPicker seasons={props.seasons} chosen={chosen} legend="Which seasons, and what to hear about" />
      <button type="submit">Subscribe</button>
      <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
        <label for="subscribe-website">Leave this field empty</label>
        <input id="subscribe-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      {props.turnstileSiteKey ? (
        <>
          <div class="cf-turnstile" data-sitekey={props.turnstileSiteKey} style="margin-top:.5rem" />
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer />
        </>
      ) : null}
      <p class="hint">
        One calm email when a fact materially changes. We send a confirmation link first; every email has a one-click
        unsubscribe and a link to change your seasons. We keep only your address and your choices, and erase them when
        you leave.
      </p>
    </form>
  )
}

/**
 * One row per season: a tick box (`season` = its slug) and the choice for it (`choice-<slug>`).
 * Shared by the subscribe form and the manage page.
 */
export function SeasonPicker(props: {
  seasons: (FormSeason & { note?: string })[]
  chosen: ReadonlyMap<string, SeasonChoice['choice']>
  legend: string
}) {
  return (
    <fieldset class="seasons">
      <legend>{props.legend}</legend>
      <input type="hidden" name="seasons-listed" value="1" />
      {props.seasons.map((season) => {
        const choice = props.chosen.get(season.slug)
        const id = `season-${season.slug}`
        return (
          <div class="season-pick" id={`pick-${season.slug}`}>
            <p class="season-name">
              <input type="checkbox" id={id} name="season" value={season.slug} checked={choice !== undefined} />{' '}
              <label for={id}>{season.title}</label>
              {season.note ? <span class="detected"> ({season.note})</span> : null}
            </p>
            <div class="choice" role="radiogroup" aria-label={`What to hear about ${season.title}`}>
              {CHOICES.map((c) => (
                <label>
                  <input type="radio" name={`choice-${season.slug}`} value={c} checked={(choice ?? 'all') === c} /> {CHOICE_LABELS[c]}
                </label>
              ))}
            </div>
          </div>
        )
      })}
    </fieldset>
  )
}

/** `/subscribe`: the form on its own page, also where a failed attempt lands. */
export function SubscribePage(props: SubscribeFormProps & { demo?: boolean }) {
  return (
    <Layout title="Subscribe | Season Watch" demo={props.demo ?? false}>
      <h1>Get an email when something changes</h1>
      <SubscribeForm {...props} />
    </Layout>
  )
}
