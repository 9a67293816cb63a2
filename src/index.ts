import { createApp } from './app'
import { scheduled } from './worker/scheduled'
import { queue } from './worker/queue'

const app = createApp()

export default {
  fetch: app.fetch,
  scheduled,
  queue,
} satisfies ExportedHandler<Env>
