import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Starts `wrangler dev` for a browser test: its own port, its own empty local state (KV, D1
 * with migrations applied), demo mode on, the cron reachable at `/__scheduled`. Each e2e file
 * picks its own port so files never share a server or state.
 */
export interface DevServer {
  url: string
  /** Everything wrangler printed, for failure messages. */
  output: () => string
  stop: () => Promise<void>
}

export interface DevServerOptions {
  port: number
  /** Extra `--var NAME:value` pairs. */
  vars?: Record<string, string>
  readyTimeoutMs?: number
  /**
   * Start it exactly as the README says, `npm run dev -- --port N` (scripts/dev.ts applies the
   * migrations and sets DEMO_MODE and PUBLIC_URL itself), instead of calling wrangler directly.
   */
  viaNpmRunDev?: boolean
}

const ROOT = new URL('../../../', import.meta.url).pathname
const WRANGLER = join(ROOT, 'node_modules', '.bin', 'wrangler')

// Offline machine: no telemetry or update checks, no interactive hotkeys.
const QUIET_ENV = { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_UPDATE_NOTIFIER: '1', CI: 'true', FORCE_COLOR: '0' }

/** Spawns wrangler dev and resolves once it answers HTTP. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const url = `http://127.0.0.1:${opts.port}`
  const persist = mkdtempSync(join(tmpdir(), `season-watch-e2e-${opts.port}-`))

  if (!opts.viaNpmRunDev) {
    const migrate = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], {
      cwd: ROOT,
      env: QUIET_ENV,
      encoding: 'utf8',
      timeout: 120_000,
    })
    if (migrate.status !== 0) throw new Error(`d1 migrations failed:\n${migrate.stdout}\n${migrate.stderr}`)
  }

  const vars = opts.viaNpmRunDev ? { ...opts.vars } : { DEMO_MODE: 'true', PUBLIC_URL: url, ...opts.vars }
  const devArgs = [
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    '--inspector-port', String(opts.port + 10_000),
    '--persist-to', persist,
    '--show-interactive-dev-session=false',
    ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ]
  const [command, args] = opts.viaNpmRunDev
    ? ['npm', ['run', 'dev', '--', ...devArgs]]
    : [WRANGLER, ['dev', '--test-scheduled', ...devArgs]]
  // Own process group, so stop() can end wrangler and the workerd it spawns, and nothing else.
  const child = spawn(command, args, { cwd: ROOT, env: QUIET_ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout!.on('data', (d) => (log += d))
  child.stderr!.on('data', (d) => (log += d))

  const server: DevServer = {
    url,
    output: () => log,
    stop: async () => {
      await stopGroup(child)
      rmSync(persist, { recursive: true, force: true })
    },
  }
  try {
    await waitForHttp(url, child, opts.readyTimeoutMs ?? 90_000)
  } catch (err) {
    await server.stop()
    throw new Error(`${(err as Error).message}\n--- wrangler output ---\n${log}`)
  }
  return server
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`)
    try {
      const res = await fetch(`${url}/`, { signal: AbortSignal.timeout(2_000) })
      if (res.status < 500) return
    } catch {
      // not listening yet
    }
    await sleep(300)
  }
  throw new Error(`wrangler dev did not answer on ${url} within ${timeoutMs} ms`)
}

async function stopGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.pid === undefined) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  try {
    process.kill(-child.pid, 'SIGTERM')
  } catch {
    return
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL')
    } catch {
      // already gone
    }
  }, 5_000)
  await exited
  clearTimeout(timer)
}

/** Resolves after `ms`. */
export function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (err) {
      lastError = err
    }
    await sleep(250)
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`)
}
