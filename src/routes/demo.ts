import { Hono } from 'hono'

/** Placeholder: filled in by its issue. */
export const demoRoutes = new Hono<{ Bindings: Env }>()
