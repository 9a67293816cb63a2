import { Hono } from 'hono'

/** Placeholder: filled in by its issue. */
export const publicRoutes = new Hono<{ Bindings: Env }>()
