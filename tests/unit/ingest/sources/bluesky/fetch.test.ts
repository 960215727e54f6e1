import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HttpClient, type HttpClientOptions, HttpError, MalformedResponseError } from '../../../../../ingest/http'
import { type BlueskyConfig, blueskyAdapter } from '../../../../../ingest/sources/bluesky/index'
import type { Page } from '../../../../../ingest/types'
import { type RecordedRequest, type Reply, type ReplayServer, startReplayServer, replayClient } from '../../../../support/replay-server'

// fetchPage over the wire against a replay server. No searchPosts response is among the
// recorded fixtures, so search pages wrap a real post view from the app view's snapshots
// (tests/fixtures/bluesky/ORIGIN.md) given real-looking AT URIs and dates.

const now = new Date('2026-11-22T12:00:00Z')
const feedFixture = JSON.parse(readFileSync(new URL('../../../../fixtures/bluesky/atproto_snap_getAuthorFeed.3.json', import.meta.url), 'utf8')) as Record<string, unknown>[]
const realView = JSON.parse(readFileSync(new URL('../../../../fixtures/bluesky/atproto_snap_getAuthorFeed.2.json', import.meta.url), 'utf8'))[2].post as Record<string, unknown>

/** A search hit published `minutesAgo` before `now`. */
function hit(n: number, minutesAgo: number): Record<string, unknown> {
  const at = new Date(now.getTime() - minutesAgo * 60_000).toISOString()
  const record = { ...(realView.record as Record<string, unknown>), createdAt: at }
  return { ...realView, uri: `at://did:plc:bob/app.bsky.feed.post/3k${n}`, author: { ...(realView.author as object), did: 'did:plc:bob' }, record, indexedAt: at }
}
const json = (body: unknown, extra: Reply = {}): Reply => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...extra })
const xrpcError = (status: number, error: string): Reply => json({ error, message: `${error} message` }, { status })

let server: ReplayServer
let search: (request: RecordedRequest) => Reply
let feed: (request: RecordedRequest) => Reply
let signIn: (request: RecordedRequest) => Reply
let refresh: (request: RecordedRequest) => Reply
const session = (access: string) => json({ accessJwt: access, refreshJwt: `refresh-of-${access}`, did: 'did:plc:me', handle: 'me.test' })

beforeAll(async () => {
  server = await startReplayServer([
    { method: 'GET', path: '/xrpc/app.bsky.feed.searchPosts', respond: (r) => search(r) },
    { method: 'GET', path: '/xrpc/app.bsky.feed.getAuthorFeed', respond: (r) => feed(r) },
    { method: 'POST', path: '/xrpc/com.atproto.server.createSession', respond: (r) => signIn(r) },
    { method: 'POST', path: '/xrpc/com.atproto.server.refreshSession', respond: (r) => refresh(r) },
  ])
})
afterAll(() => server.close())
beforeEach(() => {
  server.requests.length = 0
  signIn = () => session('access-1')
  refresh = () => session('access-2')
})

function client(extra: HttpClientOptions = {}) {
  return replayClient(server, extra)
}

function config(extra: Record<string, unknown> = {}): BlueskyConfig {
  return blueskyAdapter.configSchema.parse({ mode: 'search', query: 'energiewende', service: server.url, identifier: 'me.test', appPassword: 'abcd-efgh-ijkl-mnop', ...extra })
}

function fetchPage(cursor: string | null, options: { http?: HttpClient, config?: BlueskyConfig } = {}): Promise<Page> {
  return blueskyAdapter.fetchPage({ config: options.config ?? config(), cursor, http: options.http ?? client().http, now })
}

const calls = (path: string) => server.requests.filter((r) => r.url.pathname === `/xrpc/${path}`)

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected a failure') }, (error: unknown) => error)
}

describe('searching Bluesky', () => {
  it('signs in once with the app password and sends the access token with every page', async () => {
    search = (r) => (r.url.searchParams.get('cursor') ? json({ posts: [hit(2, 30)] }) : json({ posts: [hit(1, 5)], cursor: 'page-2' }))
    const { http } = client()
    const first = await fetchPage(null, { http })
    expect(first).toMatchObject({ done: false, failures: [] })
    const second = await fetchPage(first.nextCursor, { http })
    expect(second.done).toBe(true)
    expect([...first.posts, ...second.posts].map((p) => p.externalId)).toEqual(['at://did:plc:bob/app.bsky.feed.post/3k1', 'at://did:plc:bob/app.bsky.feed.post/3k2'])
    expect(calls('com.atproto.server.createSession')).toHaveLength(1)
    expect(JSON.parse(calls('com.atproto.server.createSession')[0]!.body)).toEqual({ identifier: 'me.test', password: 'abcd-efgh-ijkl-mnop' })
    expect(calls('app.bsky.feed.searchPosts').map((r) => r.headers.authorization)).toEqual(['Bearer access-1', 'Bearer access-1'])
  })

  it('asks for the latest 100 posts since the backfill window, then pages with the API cursor', async () => {
    search = (r) => (r.url.searchParams.get('cursor') ? json({ posts: [] }) : json({ posts: [hit(1, 5)], cursor: 'page-2' }))
    const first = await fetchPage(null)
    await fetchPage(first.nextCursor)
    const [a, b] = calls('app.bsky.feed.searchPosts').map((r) => Object.fromEntries(r.url.searchParams))
    expect(a).toEqual({ q: 'energiewende', limit: '100', sort: 'latest', since: '2026-11-19T11:50:00.000Z' })
    expect(b).toEqual({ ...a, cursor: 'page-2' })
  })

  it('keeps secrets out of the cursor', async () => {
    search = () => json({ posts: [hit(1, 5)], cursor: 'page-2' })
    const page = await fetchPage(null)
    expect(page.nextCursor).not.toMatch(/access-1|abcd-efgh|refresh-of/)
  })

  it('takes only posts newer than the newest already stored on the next run', async () => {
    search = () => json({ posts: [hit(1, 20), hit(2, 60)] })
    const first = await fetchPage(null)
    expect(first.done).toBe(true)
    search = () => json({ posts: [hit(3, 2), hit(1, 20), hit(2, 60)] })
    const second = await fetchPage(first.nextCursor)
    // The newest stored post is 20 minutes old; the sweep reaches 10 minutes below it for late arrivals.
    expect(calls('app.bsky.feed.searchPosts')[1]!.url.searchParams.get('since')).toBe('2026-11-22T11:30:00.000Z')
    expect(second.posts.map((p) => p.externalId)).toEqual(['at://did:plc:bob/app.bsky.feed.post/3k3', 'at://did:plc:bob/app.bsky.feed.post/3k1'])
    expect(second.done).toBe(true)
    expect(JSON.parse(second.nextCursor!)).toMatchObject({ floor: '2026-11-22T11:58:00.000Z', page: null })
  })

  it('resumes an unfinished sweep from its page after a crash, without moving the floor', async () => {
    search = (r) => (r.url.searchParams.get('cursor') === 'page-2' ? json({ posts: [hit(2, 50)] }) : json({ posts: [hit(1, 5)], cursor: 'page-2' }))
    const first = await fetchPage(null)
    expect(JSON.parse(first.nextCursor!)).toMatchObject({ floor: null, page: 'page-2', top: '2026-11-22T11:55:00.000Z' })
    const resumed = await fetchPage(first.nextCursor, { http: client().http })
    expect(resumed.posts.map((p) => p.externalId)).toEqual(['at://did:plc:bob/app.bsky.feed.post/3k2'])
    expect(JSON.parse(resumed.nextCursor!)).toMatchObject({ floor: '2026-11-22T11:55:00.000Z', page: null })
  })

  it('notes the search result cap when the cursors run out with hits still coming, and continues below it', async () => {
    const full = Array.from({ length: 100 }, (_, i) => hit(i, 100 + i))
    search = (r) => (r.url.searchParams.get('until') ? json({ posts: [hit(500, 300)] }) : json({ posts: full, hitsTotal: 25_000 }))
    const capped = await fetchPage(null)
    expect(capped.done).toBe(false)
    expect(capped.notes).toEqual([expect.stringMatching(/stopped after 100 results with more still coming \(it returns about 10,000 per query\); continuing with posts published before 2026-11-22T08:41:00\.001Z/)])
    const below = await fetchPage(capped.nextCursor)
    expect(calls('app.bsky.feed.searchPosts')[1]!.url.searchParams.get('until')).toBe('2026-11-22T08:41:00.001Z')
    expect(below.posts.map((p) => p.externalId)).toEqual(['at://did:plc:bob/app.bsky.feed.post/3k500'])
    expect(below.done).toBe(true)
    expect(JSON.parse(below.nextCursor!)).toMatchObject({ floor: '2026-11-22T10:20:00.000Z', until: null })
  })

  it('ends without a note when the results simply run out', async () => {
    search = () => json({ posts: [hit(1, 5)], hitsTotal: 1 })
    const page = await fetchPage(null)
    expect(page).toMatchObject({ done: true })
    expect(page.notes).toBeUndefined()
  })

  it('refreshes an expired access token once and retries', async () => {
    search = (r) => (r.headers.authorization === 'Bearer access-2' ? json({ posts: [hit(1, 5)] }) : xrpcError(400, 'ExpiredToken'))
    const page = await fetchPage(null)
    expect(page.posts).toHaveLength(1)
    expect(calls('com.atproto.server.refreshSession').map((r) => r.headers.authorization)).toEqual(['Bearer refresh-of-access-1'])
  })

  it('reports a token that stays refused instead of looping', async () => {
    search = () => xrpcError(400, 'ExpiredToken')
    const error = await failure(fetchPage(null))
    expect(error).toMatchObject({ kind: 'status', details: { status: 400 } })
    expect(calls('com.atproto.server.refreshSession')).toHaveLength(1)
  })

  it('reports a wrong app password as a failed sign-in', async () => {
    signIn = () => xrpcError(401, 'AuthenticationRequired')
    const error = await failure(fetchPage(null))
    expect(error).toBeInstanceOf(HttpError)
    expect((error as HttpError).message).toMatch(/HTTP 401.*AuthenticationRequired/)
    expect(calls('app.bsky.feed.searchPosts')).toHaveLength(0)
  })

  it('calls the public app view anonymously when no credentials are given', async () => {
    search = () => json({ posts: [hit(1, 5)] })
    await fetchPage(null, { config: config({ identifier: undefined, appPassword: undefined }) })
    expect(calls('com.atproto.server.createSession')).toHaveLength(0)
    expect(calls('app.bsky.feed.searchPosts')[0]!.headers.authorization).toBeUndefined()
  })

  it('fails an unmappable post with a reason and keeps the rest of the page', async () => {
    search = () => json({ posts: [hit(1, 5), { uri: 'at://x/app.bsky.feed.post/1', author: { did: 'did:plc:x' }, record: {}, indexedAt: now.toISOString() }, hit(2, 6)] })
    const page = await fetchPage(null)
    expect(page.posts).toHaveLength(2)
    expect(page.failures).toEqual([expect.objectContaining({ reason: expect.stringMatching(/author\.handle/) })])
  })
})

describe('failures that keep the cursor', () => {
  it('waits as long as Retry-After asks on 429, then takes the page', async () => {
    let attempts = 0
    search = () => (++attempts < 2 ? { status: 429, headers: { 'retry-after': '7' } } : json({ posts: [hit(1, 5)] }))
    const { http, waits } = client()
    expect((await fetchPage(null, { http })).posts).toHaveLength(1)
    expect(waits).toEqual([7_000])
  })

  it('reports a long rate limit with the time to come back', async () => {
    search = () => ({ status: 429, headers: { 'retry-after': '3600' } })
    const error = await failure(fetchPage(null))
    expect(error).toMatchObject({ kind: 'rate_limited' })
  })

  it('reports a server error after the retries', async () => {
    search = () => ({ status: 500, body: 'internal error' })
    const { http, waits } = client()
    expect(await failure(fetchPage(null, { http }))).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(waits).toHaveLength(3)
  })

  it('gives up on a server that does not answer in time', async () => {
    search = () => ({ ...json({ posts: [] }), delayMs: 1_500 })
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'timeout' })
  })

  it('notices a body cut short', async () => {
    search = () => ({ ...json({ posts: [hit(1, 5), hit(2, 6)] }), truncateAt: 120 })
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'network' })
  })

  it('says malformed JSON is malformed, and so is JSON without posts', async () => {
    search = () => ({ body: '{"posts": [', headers: { 'content-type': 'application/json' } })
    expect(await failure(fetchPage(null))).toBeInstanceOf(MalformedResponseError)
    search = () => json({ feed: [] })
    const error = await failure(fetchPage(null))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toMatch(/searchPosts answered without a list of posts \(posts:/)
  })

  it('refuses a body over the size limit', async () => {
    search = () => json({ posts: Array.from({ length: 100 }, (_, i) => hit(i, i)) })
    expect(await failure(fetchPage(null, { http: client({ maxBytes: 20_000 }).http }))).toMatchObject({ kind: 'too_large' })
  })

  it('refuses a redirect to a private address', async () => {
    search = () => ({ status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } })
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'blocked_address' })
  })
})

describe('following an account', () => {
  const authorConfig = () => config({ mode: 'author', actor: '@carol.test', query: undefined, identifier: undefined, appPassword: undefined })
  const dated = (item: Record<string, unknown>, at: string) => {
    const post = item.post as Record<string, unknown>
    const reason = item.reason ? { ...(item.reason as object), indexedAt: at } : undefined
    return { ...item, post: { ...post, indexedAt: at, record: { ...(post.record as object), createdAt: at } }, ...(reason ? { reason } : {}) }
  }

  it('stores reposts and stops paging once posts older than the stored ones appear', async () => {
    const [repost, reply, post] = feedFixture
    feed = (r) => (r.url.searchParams.get('cursor')
      ? json({ feed: [dated(post!, '2026-11-10T00:00:00Z')], cursor: 'page-3' })
      : json({ feed: [dated(repost!, '2026-11-22T11:00:00Z'), dated(reply!, '2026-11-22T10:00:00Z')], cursor: 'page-2' }))
    const first = await fetchPage(null, { config: authorConfig() })
    expect(Object.fromEntries(calls('app.bsky.feed.getAuthorFeed')[0]!.url.searchParams)).toEqual({ actor: 'carol.test', limit: '100' })
    expect(first.posts.map((p) => [p.kind, p.author.handle])).toEqual([['repost', '@carol.test'], ['post', '@dan.test'], ['post', '@carol.test'], ['post', '@carol.test'], ['post', '@bob.test']])
    const second = await fetchPage(first.nextCursor, { config: authorConfig() })
    expect(second).toMatchObject({ posts: [], done: true })
    expect(calls('app.bsky.feed.getAuthorFeed')).toHaveLength(2)
    expect(JSON.parse(second.nextCursor!)).toMatchObject({ floor: '2026-11-22T11:00:00.000Z', page: null })
  })
})
