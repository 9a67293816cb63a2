import { Hono } from 'hono'

/** Placeholder: filled in by its issue. */
export const subscribeRoutes = new Hono<{ Bindings: Env }>()
