import { beforeEach, describe, expect, it } from 'vitest'
import { adminEnv, clearKv, makeAdmin, storageSnapshot, TOKEN } from './helpers'

const app = makeAdmin()
const json = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }
const send = (method: string, path: string, body: string) => app.request(path, { method, headers: json, body }, adminEnv())

beforeEach(clearKv)

describe('a "__proto__" key in admin JSON', () => {
  const withProto = '{"id":"proto-test","url":"https://ok.example/","kind":"page","__proto__":{"enabled":false}}'

  it('gets a 422 that names the field, and nothing is saved', async () => {
    await app.request('/api/sources', { headers: json }, adminEnv()) // the first subject exists before the snapshot
    const before = await storageSnapshot()
    const res = await send('POST', '/api/sources', withProto)
    expect(res.status).toBe(422)
    expect(await res.json()).toEqual({ errors: { ['__proto__']: 'Unknown field.' } })
    expect(await storageSnapshot()).toEqual(before)
  })

  it('is named in an import too, with its index', async () => {
    const res = await send('POST', '/api/sources/import', `{"sources":[${withProto}]}`)
    expect(res.status).toBe(422)
    expect(await res.json()).toEqual({ errors: { 'sources.0.__proto__': 'Unknown field.' } })
  })
})
