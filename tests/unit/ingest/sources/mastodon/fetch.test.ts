import { afterEach, describe, expect, it } from 'vitest'
import { type HttpClientOptions, HttpError, MalformedResponseError } from '../../../../../ingest/http'
import { type MastodonConfig, mastodonAdapter } from '../../../../../ingest/sources/mastodon'
import type { Page } from '../../../../../ingest/types'
import { type RecordedRequest, type ReplayServer, type Reply, type Route, startReplayServer, replayClient } from '../../../../support/replay-server'
import { fixturePath, listTimeline } from './fixtures'

// Contract tests: fetchPage against a real HTTP server replaying recorded Mastodon statuses.

// The seven real statuses of the recorded list timeline, newest first, and their ids.
const statuses = listTimeline()
const ids = statuses.map((s) => s.id as string)
const TAG_PATH = '/api/v1/timelines/tag/hoot'

let server: ReplayServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

async function serve(routes: Route[]): Promise<ReplayServer> {
  server = await startReplayServer(routes)
  return server
}

function client(extra: HttpClientOptions = {}) {
  return replayClient(server!, extra)
}

function config(overrides: Record<string, unknown> = {}): MastodonConfig {
  return mastodonAdapter.configSchema.parse({ instance: server!.url, mode: 'hashtag', tag: '#hoot', limit: 2, ...overrides })
}

async function fetchPage(cursor: string | null, overrides: Record<string, unknown> = {}, http = client().http): Promise<Page> {
  return mastodonAdapter.fetchPage({ config: config(overrides), cursor, http, now: new Date('2026-08-02T00:00:00Z') })
}

function cursorOf(page: Page): { minId: string | null, walk?: { maxId: string, top: string }, account?: { id: string } } {
  return JSON.parse(page.nextCursor!)
}

/** Mastodon's paging over the recorded statuses: min_id pages forward, max_id backward, newest first. */
function timeline(request: RecordedRequest, options: { ignoreMinId?: boolean } = {}): Reply {
  const params = request.url.searchParams
  const limit = Number(params.get('limit') ?? 20)
  const minId = options.ignoreMinId ? null : params.get('min_id')
  const maxId = params.get('max_id')
  const ascending = [...statuses].reverse().filter((s) => (!minId || s.id! > minId) && (!maxId || s.id! < maxId))
  const chosen = (minId ? ascending.slice(0, limit) : ascending.slice(-limit)).reverse()
  const base = `http://mastodon.example${request.url.pathname}`
  const link = chosen.length ? `<${base}?max_id=${chosen.at(-1)!.id}>; rel="next", <${base}?min_id=${chosen[0]!.id}>; rel="prev"` : undefined
  return { body: JSON.stringify(chosen), headers: { 'content-type': 'application/json', ...(link ? { link } : {}) } }
}

/** Mastodon's search: min_id and max_id bound the results, which come newest first (or, as the docs describe min_id, forward from it). */
function searchReply(request: RecordedRequest, minIdIs: 'lower bound' | 'forward'): Reply {
  const params = request.url.searchParams
  const [minId, maxId, limit] = [params.get('min_id'), params.get('max_id'), Number(params.get('limit'))]
  const within = statuses.filter((s) => (!minId || s.id! > minId) && (!maxId || s.id! < maxId))
  const chosen = minIdIs === 'forward' && minId ? within.slice(-limit) : within.slice(0, limit)
  return { body: JSON.stringify({ accounts: [], statuses: chosen, hashtags: [] }) }
}

/** Runs a search source until it says it is done, at most `runs` times, as the scheduler would. */
async function searchRuns(start: string, runs: number): Promise<Page[]> {
  const pages: Page[] = []
  let cursor = start
  for (let run = 0; run < runs; run++) {
    const page = await fetchPage(cursor, { mode: 'search', query: 'ham', token: 't' })
    pages.push(page)
    cursor = page.nextCursor ?? cursor
    if (page.done && JSON.parse(cursor).minId === ids[0]) break
  }
  return pages
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (error: unknown) => error)
}

describe('hashtag timeline paging', () => {
  it('walks forward two full pages, then stops on an empty one, the cursor advancing each time', async () => {
    const replay = await serve([{ path: TAG_PATH, respond: (request) => timeline(request) }])
    const first = await fetchPage(JSON.stringify({ minId: ids[4] }))
    expect(first.posts.map((p) => p.externalId)).toEqual([statuses[3]!.uri, statuses[2]!.uri])
    expect(first).toMatchObject({ done: false, failures: [] })
    const second = await fetchPage(first.nextCursor)
    expect(second.posts.map((p) => p.externalId)).toEqual([statuses[1]!.uri, statuses[0]!.uri])
    expect(second.done).toBe(false)
    const third = await fetchPage(second.nextCursor)
    expect(third).toEqual({ posts: [], failures: [], nextCursor: null, done: true })
    expect(replay.requests.map((r) => r.url.searchParams.get('min_id'))).toEqual([ids[4], ids[2], ids[0]])
    expect(replay.requests.map((r) => r.url.searchParams.get('limit'))).toEqual(['2', '2', '2'])
    expect([cursorOf(first).minId, cursorOf(second).minId]).toEqual([ids[2], ids[0]])
  })

  it('takes only the most recent page on the first run, and says so', async () => {
    const replay = await serve([{ path: TAG_PATH, respond: (request) => timeline(request) }])
    const page = await fetchPage(null)
    expect(replay.requests[0]!.url.searchParams.has('min_id')).toBe(false)
    expect(page.posts.map((p) => p.externalId)).toEqual([statuses[1]!.uri, statuses[0]!.uri])
    expect(page).toMatchObject({ done: true, notes: ['first run: took the 2 most recent statuses; older ones are not fetched'] })
    expect(cursorOf(page).minId).toBe(ids[0])
  })

  it('continues from a short page where it stopped, and from a bare status id', async () => {
    await serve([{ path: TAG_PATH, respond: (request) => timeline(request) }])
    const page = await fetchPage(ids[1]!)
    expect(page.posts.map((p) => p.externalId)).toEqual([statuses[0]!.uri])
    expect(page.done).toBe(true)
    expect(cursorOf(page).minId).toBe(ids[0])
  })

  it('takes the next cursor from the server\'s Link header when it sends one', async () => {
    await serve([{ path: TAG_PATH, respond: (request) => ({ ...timeline(request), headers: { link: `<${server!.url}${TAG_PATH}?min_id=${ids[0]}>; rel="prev"` } }) }])
    expect(cursorOf(await fetchPage(JSON.stringify({ minId: ids[6] }))).minId).toBe(ids[0])
  })

  it('stops instead of asking for ever when the server ignores min_id', async () => {
    await serve([{ path: TAG_PATH, respond: (request) => timeline(request, { ignoreMinId: true }) }])
    const page = await fetchPage(JSON.stringify({ minId: ids[0] }))
    expect(page.done).toBe(true)
    expect(page.nextCursor).toBeNull()
  })

  it('sends the token as a Bearer header, and no Authorization without one', async () => {
    const replay = await serve([{ path: TAG_PATH, respond: (request) => timeline(request) }])
    await fetchPage(null, { token: 's3cret' })
    await fetchPage(null)
    expect(replay.requests.map((r) => r.headers.authorization)).toEqual(['Bearer s3cret', undefined])
    expect(replay.requests[0]!.url.search).not.toContain('s3cret')
  })
})

describe('hashtag timeline failures', () => {
  it('waits as long as a 429 Retry-After asks, then reads the page', async () => {
    let calls = 0
    await serve([{ path: TAG_PATH, respond: (request) => (++calls === 1 ? { status: 429, headers: { 'retry-after': '7' } } : timeline(request)) }])
    const { http, waits } = client()
    const page = await fetchPage(JSON.stringify({ minId: ids[2] }), {}, http)
    expect(waits).toEqual([7_000])
    expect(page.posts).toHaveLength(2)
  })

  it('fails the run on a 500 after retrying, instead of reporting no new posts', async () => {
    await serve([{ path: TAG_PATH, respond: { status: 500, body: 'We\'re sorry, but something went wrong' } }])
    const { http, waits } = client()
    const error = await failure(fetchPage(JSON.stringify({ minId: ids[2] }), {}, http))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(waits).toEqual([1_000, 2_000, 4_000])
  })

  it('fails the run when the server does not answer in time', async () => {
    await serve([{ path: TAG_PATH, respond: { body: '[]', delayMs: 1_500 } }])
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'timeout' })
  })

  it('fails the run on a body cut short', async () => {
    await serve([{ path: TAG_PATH, respond: { file: fixturePath('mastodonpy_test_list_timeline.2.json'), truncateAt: 500 } }])
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'network' })
  })

  it('fails the run on malformed JSON, and on JSON that is not a list of statuses', async () => {
    await serve([
      { path: TAG_PATH, respond: { body: '[{"id":"1170205', headers: { 'content-type': 'application/json' } } },
      { path: '/api/v1/timelines/tag/other', respond: { body: '{"error":"This method requires an authenticated user"}' } },
    ])
    expect(await failure(fetchPage(null))).toBeInstanceOf(MalformedResponseError)
    const error = await failure(fetchPage(null, { tag: 'other' }))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toMatch(/an object instead of a list/)
  })

  it('refuses a body over the size limit', async () => {
    // 25 recorded pages in one answer (330 kB) against a 100 kB limit.
    const huge = JSON.stringify(Array.from({ length: 25 }, () => statuses).flat())
    await serve([{ path: TAG_PATH, respond: { body: huge } }])
    expect(await failure(fetchPage(null, {}, client({ maxBytes: 100_000 }).http))).toMatchObject({ kind: 'too_large' })
  })

  it('refuses a redirect to a private address', async () => {
    await serve([{ path: TAG_PATH, respond: { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } } }])
    expect(await failure(fetchPage(null))).toMatchObject({ kind: 'blocked_address' })
  })

  it('refuses a cursor it cannot read rather than starting over', async () => {
    await serve([{ path: TAG_PATH, respond: (request) => timeline(request) }])
    expect(await failure(fetchPage('{"minId": 12}'))).toBeInstanceOf(Error)
  })
})

describe('the other modes', () => {
  const admin = statuses[0]!.account as { id: string }

  it('looks an account up once, then pages its statuses', async () => {
    const replay = await serve([
      { path: '/api/v1/accounts/lookup', respond: { body: JSON.stringify(admin) } },
      { path: `/api/v1/accounts/${admin.id}/statuses`, respond: (request) => timeline(request) },
    ])
    const first = await fetchPage(null, { mode: 'account', account: '@admin' })
    expect(cursorOf(first)).toMatchObject({ minId: ids[0], account: { id: admin.id } })
    expect(first.posts).toHaveLength(2)
    await fetchPage(first.nextCursor, { mode: 'account', account: 'admin' })
    expect(replay.requests.map((r) => `${r.url.pathname}${r.url.search}`)).toEqual([
      '/api/v1/accounts/lookup?acct=admin',
      `/api/v1/accounts/${admin.id}/statuses?limit=2`,
      `/api/v1/accounts/${admin.id}/statuses?limit=2&min_id=${ids[0]}`,
    ])
  })

  it('reads mentions of our account from the notifications, with the token', async () => {
    const replay = await serve([{
      path: '/api/v1/notifications',
      respond: { body: JSON.stringify([{ id: '41', type: 'mention', created_at: statuses[4]!.created_at, account: admin, status: statuses[4] }]) },
    }])
    const page = await fetchPage(JSON.stringify({ minId: '40' }), { mode: 'mentions', token: 't0ken' })
    expect(page.posts.map((p) => p.externalId)).toEqual([statuses[4]!.uri])
    expect(cursorOf(page).minId).toBe('41')
    const request = replay.requests[0]!
    expect(request.url.searchParams.getAll('types[]')).toEqual(['mention'])
    expect(request.headers.authorization).toBe('Bearer t0ken')
  })

  it('walks a search down from the newest result to the cursor, then moves the cursor up', async () => {
    const replay = await serve([{ path: '/api/v2/search', respond: (request) => searchReply(request, 'lower bound') }])
    const pages = await searchRuns(JSON.stringify({ minId: ids[6] }), 4)
    expect(pages.map((p) => p.done)).toEqual([false, false, false, true])
    expect(replay.requests.map((r) => r.url.searchParams.get('max_id'))).toEqual([null, ids[1], ids[3], ids[5]])
    expect(replay.requests.every((r) => r.url.searchParams.get('min_id') === ids[6])).toBe(true)
    expect(replay.requests.every((r) => r.url.searchParams.get('type') === 'statuses' && r.url.searchParams.get('q') === 'ham')).toBe(true)
    expect(cursorOf(pages[2]!)).toEqual({ minId: ids[6], walk: { maxId: ids[5], top: ids[0] } })
    expect(cursorOf(pages[3]!)).toEqual({ minId: ids[0] })
    expect(pages.flatMap((p) => p.posts).map((p) => p.externalId).sort()).toEqual(statuses.slice(0, 6).map((s) => s.uri).sort())
  })

  it('also reaches the newest result on a server whose search min_id pages forward', async () => {
    await serve([{ path: '/api/v2/search', respond: (request) => searchReply(request, 'forward') }])
    const pages = await searchRuns(JSON.stringify({ minId: ids[6] }), 12)
    expect(cursorOf(pages.at(-1)!)).toEqual({ minId: ids[0] })
    expect(new Set(pages.flatMap((p) => p.posts).map((p) => p.externalId)).size).toBe(6)
  })

  it('says why a search without a token finds nothing', async () => {
    await serve([{ path: '/api/v2/search', respond: { file: fixturePath('mastodonpy_test_search.3.json') } }])
    const page = await fetchPage(JSON.stringify({ minId: ids[6] }), { mode: 'search', query: 'ham' })
    expect(page).toMatchObject({ posts: [], done: true, notes: [expect.stringMatching(/^no token/)] })
  })
})

describe('configuration', () => {
  const parse = (value: object) => mastodonAdapter.configSchema.safeParse(value)

  it('reads a tag with or without #, an account with or without @, and drops the trailing slash of the instance', () => {
    expect(parse({ instance: 'https://mastodon.social/', mode: 'hashtag', tag: '#Climate' }).data).toEqual({ instance: 'https://mastodon.social', mode: 'hashtag', tag: 'Climate', limit: 40 })
    expect(parse({ instance: 'https://mastodon.social', mode: 'account', account: '@Gargron@mastodon.social' }).data).toMatchObject({ account: 'Gargron@mastodon.social' })
  })

  it('refuses mentions without a token, a limit over 40, a non-http instance and a tag with spaces', () => {
    expect(parse({ instance: 'https://mastodon.social', mode: 'mentions' }).success).toBe(false)
    expect(parse({ instance: 'https://mastodon.social', mode: 'hashtag', tag: 'x', limit: 41 }).success).toBe(false)
    expect(parse({ instance: 'file:///etc/passwd', mode: 'hashtag', tag: 'x' }).success).toBe(false)
    expect(parse({ instance: 'https://mastodon.social', mode: 'hashtag', tag: 'two words' }).success).toBe(false)
  })
})
