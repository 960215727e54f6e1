import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HttpClientOptions, HttpError, MalformedResponseError } from '../../../../../ingest/http'
import { feedAdapter, FeedFormatError } from '../../../../../ingest/sources/feed'
import type { Page } from '../../../../../ingest/types'
import { type Reply, type ReplayServer, startReplayServer, replayClient } from '../../../../support/replay-server'

// The adapter over the wire, against a real HTTP server replaying recorded feeds.

const FIXTURES = join(import.meta.dirname, '../../../../fixtures/feeds')
const GUARDIAN = readFileSync(join(FIXTURES, 'rss-parser/guardian.rss'))
const HEISE = join(FIXTURES, 'rss-parser/heise.atom')
const ETAG = '"guardian-v1"'
const LAST_MODIFIED = 'Wed, 31 Jan 2018 20:15:15 GMT'
const NOW = new Date('2026-03-01T09:00:00Z')

let server: ReplayServer
let limitedAttempts = 0

beforeAll(async () => {
  server = await startReplayServer([
    {
      path: '/guardian.rss',
      respond: (req): Reply => (req.headers['if-none-match'] === ETAG
        ? { status: 304, headers: { etag: ETAG } }
        : { body: GUARDIAN, headers: { 'content-type': 'application/rss+xml; charset=utf-8', etag: ETAG, 'last-modified': LAST_MODIFIED } }),
    },
    {
      path: '/heise.atom',
      respond: (req): Reply => (req.headers['if-modified-since'] === LAST_MODIFIED
        ? { status: 304 }
        : { file: HEISE, headers: { 'content-type': 'application/atom+xml', 'last-modified': LAST_MODIFIED } }),
    },
    { path: '/plain.rss', respond: { body: GUARDIAN, headers: { 'content-type': 'application/rss+xml' } } },
    { path: '/limited.rss', respond: (): Reply => (++limitedAttempts < 2 ? { status: 429, headers: { 'retry-after': '2' } } : { body: GUARDIAN }) },
    { path: '/limited-long.rss', respond: { status: 429, headers: { 'retry-after': '3600' } } },
    { path: '/broken.rss', respond: { status: 500, body: 'internal error' } },
    { path: '/slow.rss', respond: { body: GUARDIAN, delayMs: 2_000 } },
    { path: '/truncated.rss', respond: { body: GUARDIAN, truncateAt: 5_000 } },
    { path: '/cut-document.rss', respond: { body: GUARDIAN.subarray(0, GUARDIAN.indexOf('</item>', 20_000) + 200) } },
    { path: '/malformed.rss', respond: { body: '<?xml version="1.0"?><rss version="2.0"><channel><title>A</titel></channel></rss>' } },
    { path: '/login', respond: { body: '<!DOCTYPE html><html><body>Please sign in</body></html>', headers: { 'content-type': 'text/html' } } },
    { path: '/huge.rss', respond: { body: Buffer.concat([GUARDIAN, GUARDIAN]) } },
    { path: '/redirect-private', respond: { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/feed.rss' } } },
    { path: '/moved', respond: { status: 301, headers: { location: '/plain.rss' } } },
    {
      path: '/koi8.rss',
      respond: {
        body: iconv.encode('<rss version="2.0"><channel><title>Лента</title><item><title>Новости</title><link>https://example.ru/1</link></item></channel></rss>', 'koi8-r'),
        headers: { 'content-type': 'application/rss+xml; charset=KOI8-R' },
      },
    },
  ])
})
afterAll(() => server.close())

function client(extra: HttpClientOptions = {}) {
  return replayClient(server, { maxBytes: 200_000, ...extra })
}

function fetchFeed(path: string, cursor: string | null = null, http = client().http): Promise<Page> {
  const config = feedAdapter.configSchema.parse({ url: `${server.url}${path}` })
  return feedAdapter.fetchPage({ config, cursor, http, now: NOW })
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => {
    throw new Error('expected the fetch to fail')
  }, (error: unknown) => error)
}

function lastRequest(path: string) {
  return server.requests.filter((r) => r.url.pathname === path).at(-1)!
}

describe('feedAdapter', () => {
  it('describes itself', () => {
    expect(feedAdapter).toMatchObject({ kind: 'feed', platform: 'rss' })
  })

  it('fetches a feed as one page and remembers its ETag and Last-Modified', async () => {
    const page = await fetchFeed('/guardian.rss')
    expect(page.posts).toHaveLength(55)
    expect(page.done).toBe(true)
    expect(JSON.parse(page.nextCursor!)).toEqual({ etag: ETAG, lastModified: LAST_MODIFIED })
    expect(lastRequest('/guardian.rss').headers.accept).toMatch(/application\/rss\+xml/)
  })

  it('asks again with If-None-Match and reads 304 as nothing new, keeping the cursor', async () => {
    const first = await fetchFeed('/guardian.rss')
    const second = await fetchFeed('/guardian.rss', first.nextCursor)
    expect(lastRequest('/guardian.rss').headers).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED })
    expect(second).toEqual({ posts: [], failures: [], nextCursor: null, done: true, notes: ['the feed has not changed since the last fetch (HTTP 304)'] })
  })

  it('uses If-Modified-Since when the server gives only a date', async () => {
    const first = await fetchFeed('/heise.atom')
    expect(first.posts).toHaveLength(15)
    const second = await fetchFeed('/heise.atom', first.nextCursor)
    expect(lastRequest('/heise.atom').headers['if-none-match']).toBeUndefined()
    expect(second.posts).toEqual([])
  })

  it('sends no validators the server never gave, nor any from an unreadable cursor', async () => {
    const first = await fetchFeed('/plain.rss')
    expect(first.nextCursor).toBe('{}')
    await fetchFeed('/plain.rss', 'not json')
    const headers = lastRequest('/plain.rss').headers
    expect(headers['if-none-match']).toBeUndefined()
    expect(headers['if-modified-since']).toBeUndefined()
  })

  it('decodes with the charset of the Content-Type header', async () => {
    const page = await fetchFeed('/koi8.rss')
    expect(page.posts.map((p) => [p.title, p.author.name])).toEqual([['Новости', 'Лента']])
  })

  it('follows a redirect on the same host', async () => {
    expect((await fetchFeed('/moved')).posts).toHaveLength(55)
  })

  it('waits as long as a 429 Retry-After asks, then reads the feed', async () => {
    limitedAttempts = 0
    const { http, waits } = client()
    const page = await fetchFeed('/limited.rss', null, http)
    expect(waits).toEqual([2_000])
    expect(page.posts).toHaveLength(55)
  })

  it('reports a long rate limit as rate_limited instead of an empty feed', async () => {
    const error = await failure(fetchFeed('/limited-long.rss'))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ kind: 'rate_limited', details: { status: 429 } })
  })

  it('reports a server error after retrying', async () => {
    const { http, waits } = client({ maxRetries: 2 })
    const error = await failure(fetchFeed('/broken.rss', null, http))
    expect(error).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(waits).toEqual([1_000, 2_000])
  })

  it('gives up on a server that does not answer in time', async () => {
    expect(await failure(fetchFeed('/slow.rss'))).toMatchObject({ kind: 'timeout' })
  })

  it('reports a body cut short by the connection', async () => {
    expect(await failure(fetchFeed('/truncated.rss'))).toMatchObject({ kind: 'network' })
  })

  it('keeps the complete items of a document that ends early, and reports the cut one', async () => {
    const page = await fetchFeed('/cut-document.rss')
    expect(page.posts.length).toBeGreaterThan(0)
    expect(page.posts.length).toBeLessThan(55)
    expect(page.failures.map((f) => f.reason)).toEqual(['the feed ends in the middle of this item (truncated); it was left out'])
    expect(page.notes?.join(' ')).toMatch(/truncated/)
  })

  it('fails the page on XML it cannot repair, naming the feed', async () => {
    const error = await failure(fetchFeed('/malformed.rss'))
    expect(error).toBeInstanceOf(FeedFormatError)
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toContain(`${server.url}/malformed.rss is not well-formed XML`)
  })

  it('says a login page is not a feed', async () => {
    const error = await failure(fetchFeed('/login'))
    expect((error as Error).message).toBe(`${server.url}/login is an HTML page, not an RSS, Atom, RDF or JSON feed`)
  })

  it('refuses a body over the size limit', async () => {
    expect(await failure(fetchFeed('/huge.rss'))).toMatchObject({ kind: 'too_large' })
  })

  it('refuses a redirect to a private address', async () => {
    expect(await failure(fetchFeed('/redirect-private'))).toMatchObject({ kind: 'blocked_address' })
  })
})

describe('feed source configuration', () => {
  it('accepts an http(s) URL and trims it', () => {
    expect(feedAdapter.configSchema.parse({ url: ' https://example.org/feed.xml ' })).toEqual({ url: 'https://example.org/feed.xml' })
  })

  it.each(['ftp://example.org/feed.xml', 'file:///etc/passwd', 'javascript:alert(1)', 'example.org/feed', ''])('refuses %j', (url) => {
    const result = feedAdapter.configSchema.safeParse({ url })
    expect(result.success).toBe(false)
  })
})
