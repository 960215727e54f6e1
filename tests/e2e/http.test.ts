import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoEmail, type RunningServer, signIn, startServer } from './support'

let server: RunningServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server?.stop())

const get = (path: string, cookie?: string) =>
  fetch(`${server.url}${path}`, { headers: cookie ? { cookie } : {} })

function mutate(path: string, input: unknown, headers: Record<string, string>) {
  return fetch(`${server.url}/api/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(input),
  })
}

describe('tRPC over HTTP', () => {
  it('answers users.list with 401 without a session, 403 for a viewer and 200 for an admin', async () => {
    expect((await get('/api/trpc/users.list')).status).toBe(401)
    expect((await get('/api/trpc/users.list', await signIn(server.url, demoEmail('viewer')))).status).toBe(403)
    const ok = await get('/api/trpc/users.list', await signIn(server.url, demoEmail('admin')))
    expect(ok.status).toBe(200)
    const body = await ok.json() as { result: { data: { email: string }[] } }
    expect(body.result.data.map((u) => u.email)).toEqual(
      ['admin@example.org', 'analyst@example.org', 'editor@example.org', 'viewer@example.org'])
  })

  it('keeps stack traces out of error responses', async () => {
    const text = await (await get('/api/trpc/users.list', await signIn(server.url, demoEmail('viewer')))).text()
    expect(text).toContain('FORBIDDEN')
    expect(text).not.toMatch(/\bat .*\.mjs/)
  })

  it('returns field errors for invalid input', async () => {
    const admin = await signIn(server.url, demoEmail('admin'))
    const response = await mutate('users.create', { email: 'nope', name: '', role: 'viewer', password: 'short' }, { cookie: admin })
    expect(response.status).toBe(400)
    const body = await response.json() as { error: { data: { fieldErrors: Record<string, string[]> } } }
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['email', 'name', 'password'])
  })

  it('refuses a mutation sent from another site, and accepts the same from our own origin', async () => {
    const admin = await signIn(server.url, demoEmail('admin'))
    const input = { email: 'csrf@example.org', name: 'Csrf', role: 'viewer', password: 'a long password' }
    expect((await mutate('users.create', input, { cookie: admin, origin: 'https://evil.example' })).status).toBe(403)
    expect((await mutate('users.create', input, { cookie: admin, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await mutate('users.create', input, { cookie: admin, origin: server.url })).status).toBe(200)
  })

  it('ends the sessions of a disabled account at once', async () => {
    const admin = await signIn(server.url, demoEmail('admin'))
    const editor = await signIn(server.url, demoEmail('editor'))
    expect((await get('/api/trpc/auth.me', editor)).status).toBe(200)
    const list = await (await get('/api/trpc/users.list', admin)).json() as { result: { data: { id: number, email: string }[] } }
    const id = list.result.data.find((u) => u.email === demoEmail('editor'))!.id
    expect((await mutate('users.update', { id, disabled: true }, { cookie: admin })).status).toBe(200)
    expect((await get('/api/trpc/auth.me', editor)).status).toBe(401)
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('editor'), password: 'chorus-demo' }),
    })
    expect(login.status).toBe(401)
  })

  it('slows down repeated failed sign-ins with 429 and Retry-After', async () => {
    const attempt = () => fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: demoEmail('analyst'), password: 'guess-guess' }),
    })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    const throttled = await attempt()
    expect(throttled.status).toBe(429)
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('rejects a sign-in body that is not the expected JSON', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' })
    expect(response.status).toBe(400)
  })

  it('clears the session cookie on logout', async () => {
    const viewer = await signIn(server.url, demoEmail('viewer'))
    const response = await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { cookie: viewer } })
    expect(response.status).toBe(200)
    expect(response.headers.getSetCookie().join(';')).toMatch(/chorus-session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i)
  })
})
