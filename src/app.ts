import { Hono } from 'hono'
import { adminRoutes } from './admin/routes/admin'
import { demoRoutes } from './site/routes/demo'
import { notFound } from './site/routes/not-found'
import { publicRoutes } from './site/routes/public'
import { subscribeRoutes } from './mail/routes/subscribe'
import { handleAppError } from './worker/app-errors'

/** The HTTP side of the Worker: each area is its own sub-app with one job. */
export function createApp() {
  const app = new Hono<{ Bindings: Env }>()
  app.route('/', publicRoutes)
  app.route('/', subscribeRoutes)
  app.route('/', adminRoutes)
  app.route('/', demoRoutes)
  app.onError(handleAppError)
  app.notFound(notFound)
  return app
}
