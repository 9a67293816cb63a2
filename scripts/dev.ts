/**
 * `npm run dev [-- wrangler dev options]`: the local Worker in demo mode, with the cron at
 * `/__scheduled`, on whatever port you pick.
 *
 * 1. applies the D1 migrations to the local database;
 * 2. runs `wrangler dev --test-scheduled --var DEMO_MODE:true --var PUBLIC_URL:<origin>`, where
 *    the origin follows `--port` (and `--ip`), so the links in emails, which the cron and the
 *    queue consumer render without any request to take an origin from, point at this server.
 *
 * Every other option goes to `wrangler dev` unchanged (`--var ADMIN_TOKEN:…`, `--persist-to`, …);
 * a `--var PUBLIC_URL:…` of your own wins.
 */
import { spawn, spawnSync } from 'node:child_process'
import { pathToFileURL } from 'node:url'

/** What `npm run dev` runs, worked out from its arguments. Pure, for tests. */
export interface DevPlan {
  /** The origin the server answers on, and PUBLIC_URL unless given. */
  origin: string
  migrate: string[]
  dev: string[]
}

/** Reads `--name value` or `--name=value`; the last one wins, as in wrangler. */
function optionValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined
  args.forEach((a, i) => {
    if (a === name) value = args[i + 1]
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1)
  })
  return value
}

/** The host part of the origin: loopback names stay as typed; "listen everywhere" means localhost. */
function hostFor(ip: string | undefined): string {
  if (!ip || ip === '0.0.0.0' || ip === '::' || ip === '*') return 'localhost'
  return ip.includes(':') ? `[${ip}]` : ip
}

/** Plans the two wrangler commands for the given `npm run dev -- …` arguments. */
export function planDev(args: readonly string[]): DevPlan {
  const port = optionValue(args, '--port') ?? '8787'
  if (!/^\d{1,5}$/.test(port)) throw new Error(`--port must be a number, got "${port}"`)
  const origin = `http://${hostFor(optionValue(args, '--ip'))}:${port}`
  const persist = optionValue(args, '--persist-to')
  const ownPublicUrl = args.some((a, i) => (a === '--var' && args[i + 1]?.startsWith('PUBLIC_URL:')) || a.startsWith('--var=PUBLIC_URL:'))
  return {
    origin,
    migrate: ['d1', 'migrations', 'apply', 'DB', '--local', ...(persist ? ['--persist-to', persist] : [])],
    dev: ['dev', '--test-scheduled', '--var', 'DEMO_MODE:true', ...(ownPublicUrl ? [] : ['--var', `PUBLIC_URL:${origin}`]), ...args],
  }
}

function main(): void {
  let plan: DevPlan
  try {
    plan = planDev(process.argv.slice(2))
  } catch (err) {
    process.stderr.write(`npm run dev: ${(err as Error).message}\n`)
    process.exit(2)
  }
  // npm puts node_modules/.bin on PATH; a shell is needed for wrangler.cmd on Windows.
  const shell = process.platform === 'win32'
  const migrated = spawnSync('wrangler', plan.migrate, { stdio: 'inherit', shell })
  if (migrated.status !== 0) process.exit(migrated.status ?? 1)

  process.stdout.write(`\nSeason Watch (demo mode) on ${plan.origin}: open ${plan.origin}/demo to run it.\n\n`)
  const child = spawn('wrangler', plan.dev, { stdio: 'inherit', shell })
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main()
