import { Hono } from 'hono'

/** Placeholder: filled in by its issue. */
export const adminRoutes = new Hono<{ Bindings: Env }>()
