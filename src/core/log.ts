/**
 * Structured logs: one plain object per event, named by `event`, with `level: 'warn' | 'error'`
 * when it is not routine. Workers Logs (and `wrangler tail`) index the object's fields, so the
 * Worker writes them with `console`. Everything logs through `logEvent`, so a test run can take
 * the sink and keep routine lines out of its output (see `test/support/quiet-logs.ts`).
 */

/** One structured log line: `{ event: 'cron', level?: 'warn' | 'error', …fields }`. */
export type LogEvent = Record<string, unknown>

/** Where log events go. */
export type LogSink = (event: LogEvent) => void

/** The runtime's console: errors to `console.error`, warnings to `console.warn`, the rest to `console.log`. */
export const consoleSink: LogSink = (event) => {
  if (event.level === 'error') console.error(event)
  else if (event.level === 'warn') console.warn(event)
  else console.log(event)
}

let sink: LogSink = consoleSink

/** Writes one structured event to the current sink (any plain object; typed log lines included). */
export function logEvent(event: object): void {
  sink(event as LogEvent)
}

/** Replaces the sink (tests); `null` restores the console. Returns the previous sink. */
export function setLogSink(next: LogSink | null): LogSink {
  const previous = sink
  sink = next ?? consoleSink
  return previous
}
