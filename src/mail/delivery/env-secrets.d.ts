// Secrets the email side reads (`wrangler secret put NAME`; locally `.dev.vars`). They are not
// in wrangler.toml, so `wrangler types` cannot see them; all are optional at the type level and
// `readEmailConfig` decides what a missing one means.
declare namespace Cloudflare {
  interface Env {
    RESEND_API_KEY?: string
    SIGNING_KEY?: string
    RESEND_WEBHOOK_SECRET?: string
    TURNSTILE_SECRET_KEY?: string
  }
}
