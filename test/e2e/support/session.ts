import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { artifactPath, launchBrowser } from './browser'
import { startDevServer, type DevServer, type DevServerOptions } from './dev-server'

/** What a browser test runs against: its wrangler dev server, and one Chromium page. */
export interface BrowserSession {
  server: DevServer
  browser: Browser
  context: BrowserContext
  page: Page
}

/**
 * Starts the dev server and Chromium with one page (`context`: viewport, JavaScript, …). With
 * `resetDemo`, the demo news goes back to its first step. If a step fails, what was started
 * is stopped again before the error goes on.
 */
export async function openBrowserSession(server: DevServerOptions, context: BrowserContextOptions, opts: { resetDemo?: boolean } = {}): Promise<BrowserSession> {
  const opened: Partial<BrowserSession> = {}
  try {
    opened.server = await startDevServer(server)
    opened.browser = await launchBrowser()
    opened.context = await opened.browser.newContext(context)
    opened.page = await opened.context.newPage()
    if (opts.resetDemo) await fetch(`${opened.server.url}/demo/reset`, { method: 'POST', headers: { accept: 'application/json' } })
    return opened as BrowserSession
  } catch (err) {
    await closeBrowserSession(opened)
    throw err
  }
}

/** Closes what a session opened; with `screenshot`, first keeps the last page as a CI artifact. */
export async function closeBrowserSession(session: Partial<BrowserSession> | undefined, screenshot?: string): Promise<void> {
  if (!session) return
  if (screenshot && session.page) await session.page.screenshot({ path: artifactPath(screenshot), fullPage: true }).catch(() => {})
  await session.context?.close()
  await session.browser?.close()
  await session.server?.stop()
}
