import { describe, expect, it } from 'vitest'
import { planDev } from '../../scripts/dev'

describe('npm run dev', () => {
  it('serves on 8787 by default, with PUBLIC_URL to match', () => {
    const plan = planDev([])
    expect(plan.origin).toBe('http://localhost:8787')
    expect(plan.dev).toEqual(['dev', '--test-scheduled', '--var', 'DEMO_MODE:true', '--var', 'PUBLIC_URL:http://localhost:8787'])
    expect(plan.migrate).toEqual(['d1', 'migrations', 'apply', 'DB', '--local'])
  })

  it('follows --port (either spelling), so emails link to the server actually running', () => {
    expect(planDev(['--port', '8801']).dev).toContain('PUBLIC_URL:http://localhost:8801')
    expect(planDev(['--port=9000']).origin).toBe('http://localhost:9000')
    expect(planDev(['--port', '8801', '--ip', '127.0.0.1']).origin).toBe('http://127.0.0.1:8801')
    expect(planDev(['--ip', '::1', '--port', '8801']).origin).toBe('http://[::1]:8801')
    expect(planDev(['--ip', '0.0.0.0']).origin).toBe('http://localhost:8787')
  })

  it('keeps the admin token, the cron and every other option together in one command', () => {
    const plan = planDev(['--port', '8801', '--var', 'ADMIN_TOKEN:0123456789abcdef0123456789abcdef'])
    expect(plan.dev.slice(0, 2)).toEqual(['dev', '--test-scheduled'])
    expect(plan.dev).toContain('DEMO_MODE:true')
    expect(plan.dev.slice(-4)).toEqual(['--port', '8801', '--var', 'ADMIN_TOKEN:0123456789abcdef0123456789abcdef'])
  })

  it('lets your own PUBLIC_URL win, and migrates the state folder you persist to', () => {
    const plan = planDev(['--var', 'PUBLIC_URL:https://tunnel.example', '--persist-to', '/tmp/sw'])
    expect(plan.dev.filter((a) => a.startsWith('PUBLIC_URL:'))).toEqual(['PUBLIC_URL:https://tunnel.example'])
    expect(plan.migrate).toEqual(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', '/tmp/sw'])
  })

  it('refuses a port that is not a number', () => {
    expect(() => planDev(['--port', 'eighty'])).toThrow('--port must be a number')
  })
})
