import { beforeEach } from 'vitest'
import { consoleSink, setLogSink, type LogEvent } from '../../src/core/log'

// Passing tests print nothing: the app's structured log lines are captured per test and written
// out only when that test fails, where they help. (Runs in the `workers` project's setup.)
beforeEach(({ onTestFailed }) => {
  const captured: LogEvent[] = []
  setLogSink((event) => captured.push(event))
  onTestFailed(() => {
    for (const event of captured) consoleSink(event)
  })
})
