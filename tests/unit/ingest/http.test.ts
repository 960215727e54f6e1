import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient, type HttpClientOptions, HttpError, isPublicAddress, MalformedResponseError, retryDelayMs } from '../../../ingest/http'
import { type ReplayServer, startReplayServer, replayClient } from '../../support/replay-server'

let server: ReplayServer
let attempts = 0
beforeAll(async () => {
  server = await startReplayServer([
    { path: '/ok', respond: { body: '{"hello":"world"}', headers: { 'content-type': 'application/json' } } },
    { path: '/malformed', respond: { body: '{"hello":' } },
    { path: '/slow', respond: { body: 'late', delayMs: 2_000 } },
    { path: '/truncated', respond: { body: JSON.stringify({ items: 'x'.repeat(5000) }), truncateAt: 100 } },
    { path: '/huge', respond: { body: 'x'.repeat(300_000) } },
    { path: '/limited', respond: () => (++attempts < 3 ? { status: 429, headers: { 'retry-after': '2' } } : { body: '{}' }) },
    { path: '/limited-long', respond: { status: 429, headers: { 'retry-after': '3600' } } },
    { path: '/broken', respond: { status: 500, body: 'internal error' } },
    { path: '/redirect-private', respond: { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } } },
    { path: '/redirect-localhost', respond: { status: 301, headers: { location: 'http://localhost:9/' } } },
    { path: '/ua', respond: (req) => ({ body: JSON.stringify({ ua: req.headers['user-agent'] }) }) },
    { path: '/small-huge', respond: { body: 'x'.repeat(5_000) } },
    { path: '/to-other-origin', respond: (req) => ({ status: 302, headers: { location: `http://localhost:${req.headers.host!.split(':')[1]}/echo-auth` } }) },
    { path: '/echo-auth', respond: (req) => ({ body: JSON.stringify({ auth: req.headers.authorization ?? null }) }) },
  ])
})
afterAll(() => server.close())

function client(extra: HttpClientOptions = {}) {
  return replayClient(server, { maxBytes: 100_000, ...extra })
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(HttpError)
  return error as HttpError
}

describe('HttpClient', () => {
  it('fetches JSON and sends a User-Agent with a contact', async () => {
    const { http } = client()
    expect(await http.json(`${server.url}/ok`)).toEqual({ hello: 'world' })
    const { ua } = await http.json<{ ua: string }>(`${server.url}/ua`)
    expect(ua).toMatch(/^Chorus\/.*\+http/)
  })

  it('says malformed JSON is malformed', async () => {
    const { http } = client()
    await expect(http.json(`${server.url}/malformed`)).rejects.toBeInstanceOf(MalformedResponseError)
  })

  it('gives up on a server that does not answer in time', async () => {
    expect((await failure(client().http.request(`${server.url}/slow`))).kind).toBe('timeout')
  })

  it('notices a body cut short', async () => {
    expect((await failure(client().http.request(`${server.url}/truncated`))).kind).toBe('network')
  })

  it('refuses a body over the size limit', async () => {
    expect((await failure(client().http.request(`${server.url}/huge`))).kind).toBe('too_large')
  })

  it('refuses a small body declared over the limit without an unhandled error', async () => {
    expect((await failure(client({ maxBytes: 4_000 }).http.request(`${server.url}/small-huge`))).kind).toBe('too_large')
  })

  it('does not forward credentials to another origin on a redirect', async () => {
    const http = new HttpClient({ allowPrivateHosts: true, sleep: async () => {} })
    const answer = await http.json<{ auth: string | null }>(`${server.url}/to-other-origin`, { headers: { authorization: 'Bearer secret' } })
    expect(answer.auth).toBeNull()
    expect(await http.json(`${server.url}/echo-auth`, { headers: { authorization: 'Bearer secret' } })).toEqual({ auth: 'Bearer secret' })
  })

  it('waits as long as Retry-After asks, then succeeds', async () => {
    attempts = 0
    const { http, waits } = client()
    expect((await http.request(`${server.url}/limited`)).status).toBe(200)
    expect(waits).toEqual([2_000, 2_000])
  })

  it('reports a wait longer than it will hold as rate_limited with the time to come back', async () => {
    const error = await failure(client().http.request(`${server.url}/limited-long`))
    expect(error.kind).toBe('rate_limited')
    expect(error.details.retryAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000)
  })

  it('retries a 500 with growing waits, then reports it', async () => {
    const { http, waits } = client({ maxRetries: 2 })
    const error = await failure(http.request(`${server.url}/broken`))
    expect(error).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(error.message).toMatch(/HTTP 500: internal error/)
    expect(waits).toEqual([1_000, 2_000])
  })

  it('refuses redirects to private and loopback addresses', async () => {
    expect((await failure(client().http.request(`${server.url}/redirect-private`))).kind).toBe('blocked_address')
    expect((await failure(client().http.request(`${server.url}/redirect-localhost`))).kind).toBe('blocked_address')
  })

  it('refuses private addresses unless allowed', async () => {
    const strict = new HttpClient({ allowPrivateHosts: false })
    expect((await failure(strict.request(`${server.url}/ok`))).kind).toBe('blocked_address')
    const open = new HttpClient({ allowPrivateHosts: true })
    expect((await open.request(`${server.url}/ok`)).status).toBe(200)
  })

  it('refuses schemes other than http and https', async () => {
    expect((await failure(client().http.request('file:///etc/passwd'))).kind).toBe('bad_url')
  })
})

describe('address classification', () => {
  it.each([
    ['127.0.0.1', false], ['10.1.2.3', false], ['192.168.0.1', false], ['172.16.5.4', false],
    ['169.254.169.254', false], ['100.64.0.1', false], ['::1', false], ['fd00::1', false],
    ['fe80::1', false], ['::ffff:127.0.0.1', false], ['0.0.0.0', false],
    ['93.184.216.34', true], ['2606:4700::1111', true],
  ])('%s is public: %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected)
  })
})

describe('retryDelayMs', () => {
  const now = Date.parse('2026-11-22T10:00:00Z')
  it('reads Retry-After in seconds and as a date, and rate-limit reset headers', () => {
    expect(retryDelayMs(new Headers({ 'retry-after': '7' }), now)).toBe(7_000)
    expect(retryDelayMs(new Headers({ 'retry-after': 'Sun, 22 Nov 2026 10:01:00 GMT' }), now)).toBe(60_000)
    expect(retryDelayMs(new Headers({ 'x-ratelimit-reset': '2026-11-22T10:05:00.000Z' }), now)).toBe(300_000)
    expect(retryDelayMs(new Headers({ 'ratelimit-reset': String(now / 1000 + 30) }), now)).toBe(30_000)
    expect(retryDelayMs(new Headers({ 'x-ratelimit-reset': '12' }), now)).toBe(12_000)
    expect(retryDelayMs(new Headers(), now)).toBeNull()
  })
})
