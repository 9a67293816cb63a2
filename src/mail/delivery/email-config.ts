/**
 * Every var and secret the subscriber and email code reads, in one place and as plain strings
 * (the generated Env types vars as their wrangler.toml literals, so `=== 'true'` would not
 * type-check against `"false"`).
 */
export interface EmailConfig {
  /** Site origin without a trailing slash, for links in emails. */
  publicUrl: string
  /** `From:` of every email. */
  from: string
  /** Set: send with Resend. Unset: write to the local outbox. */
  resendApiKey: string | null
  /** Resend API origin (tests point it at a fake server). */
  resendBaseUrl: string
  /** HMAC key for confirm/unsubscribe links and the bounce suppression hash. */
  signingKey: string
  webhookSecret: string | null
  turnstileSecret: string | null
  turnstileSiteKey: string | null
  /** The offline demo: the outbox page is shown. Never true in production. */
  demoMode: boolean
}

/** Thrown when production is missing a secret it cannot work without. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}

// Only the demo may run without SIGNING_KEY: a well-known key would let anyone forge links.
const DEMO_SIGNING_KEY = 'season-watch-demo-signing-key (never used in production)'

type EnvLike = Partial<Record<keyof Env, unknown>>

function read(env: EnvLike, name: keyof Env): string | null {
  const v = env[name]
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null
}

/**
 * Reads the email configuration. Throws ConfigError only for SIGNING_KEY outside the demo,
 * so a misconfigured deploy fails loudly instead of signing links with a public key.
 */
export function readEmailConfig(env: EnvLike): EmailConfig {
  const demoMode = read(env, 'DEMO_MODE') === 'true'
  const signingKey = read(env, 'SIGNING_KEY') ?? (demoMode ? DEMO_SIGNING_KEY : null)
  if (!signingKey) throw new ConfigError('SIGNING_KEY is not set (wrangler secret put SIGNING_KEY)')
  return {
    publicUrl: (read(env, 'PUBLIC_URL') ?? 'http://localhost:8787').replace(/\/+$/, ''),
    from: read(env, 'EMAIL_FROM') ?? 'Season Watch <updates@season-watch.example>',
    resendApiKey: read(env, 'RESEND_API_KEY'),
    resendBaseUrl: (read(env, 'RESEND_BASE_URL') ?? 'https://api.resend.com').replace(/\/+$/, ''),
    signingKey,
    webhookSecret: read(env, 'RESEND_WEBHOOK_SECRET'),
    turnstileSecret: read(env, 'TURNSTILE_SECRET_KEY'),
    turnstileSiteKey: read(env, 'TURNSTILE_SITE_KEY'),
    demoMode,
  }
}
