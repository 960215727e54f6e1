import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HttpClient, type HttpClientOptions, HttpError, MalformedResponseError } from '../../../../../ingest/http'
import { type RedditConfig, redditAdapter } from '../../../../../ingest/sources/reddit'
import type { Page } from '../../../../../ingest/types'
import { type RecordedRequest, type ReplayServer, type Reply, type Route, startReplayServer, replayClient } from '../../../../support/replay-server'

const FIXTURES = new URL('../../../../fixtures/reddit/', import.meta.url)
const fixturePath = (name: string) => new URL(name, FIXTURES).pathname
interface Child { kind: string, data: { name: string, created_utc: number } & Record<string, unknown> }
const NEW: Child[] = JSON.parse(readFileSync(new URL('praw_r_askreddit_new.json', FIXTURES), 'utf8')).data.children
const names = (children: Child[]) => children.map((c) => c.data.name)
const now = new Date('2026-11-22T10:00:00Z')

const routes: Route[] = []
let server: ReplayServer
beforeAll(async () => {
  server = await startReplayServer(routes)
})
afterAll(() => server.close())
beforeEach(() => {
  routes.length = 0
  server.requests.length = 0
})

// Builders ------------------------------------------------------------------------------------

function client(extra: HttpClientOptions = {}) {
  return replayClient(server, extra)
}

function config(extra: Partial<RedditConfig> = {}): RedditConfig {
  return redditAdapter.configSchema.parse({ baseUrl: server.url, mode: 'subreddit', subreddit: 'AskReddit', ...extra })
}

function listing(children: Child[], after: string | null): Reply {
  return { body: JSON.stringify({ kind: 'Listing', data: { children, after, before: null } }), headers: { 'content-type': 'application/json' } }
}

/** The recorded page renamed and moved `k` hours back: another page of the same listing. */
function olderCopy(children: Child[], k: number): Child[] {
  return children.map((c, i) => ({ ...c, data: { ...c.data, name: `t3_p${k}x${i}`, created_utc: c.data.created_utc - k * 3600 } }))
}

function serve(path: string, respond: Reply | ((request: RecordedRequest) => Reply), method?: string): void {
  routes.push({ path, respond, method })
}

async function fetchPage(http: HttpClient, cfg: RedditConfig, cursor: string | null): Promise<Page> {
  return redditAdapter.fetchPage({ config: cfg, cursor, http, now })
}

/** Fetches until done, as the pipeline does, committing each cursor. */
async function run(http: HttpClient, cfg: RedditConfig, cursor: string | null) {
  const pages: Page[] = []
  for (let i = 0; i < 20; i++) {
    const page = await fetchPage(http, cfg, cursor)
    pages.push(page)
    cursor = page.nextCursor ?? cursor
    if (page.done) break
  }
  return { pages, cursor, ids: pages.flatMap((p) => p.posts.map((post) => post.externalId)) }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => 'no error', (error: unknown) => error)
}

// Paging and the cursor -----------------------------------------------------------------------

describe('Reddit paging', () => {
  it('pages back with after until the listing ends, asking for 100 posts of /new each time', async () => {
    serve('/r/AskReddit/new.json', (req) => (req.url.searchParams.get('after') === NEW[49]!.data.name ? listing(NEW.slice(50), null) : listing(NEW.slice(0, 50), NEW[49]!.data.name)))
    const { http } = client()
    const first = await fetchPage(http, config(), null)
    expect(first.posts.map((p) => p.externalId)).toEqual(names(NEW.slice(0, 50)))
    expect(first.done).toBe(false)
    const second = await fetchPage(http, config(), first.nextCursor)
    expect(second.posts.map((p) => p.externalId)).toEqual(names(NEW.slice(50)))
    expect(second.done).toBe(true)
    const [one, two] = server.requests
    expect(Object.fromEntries(one!.url.searchParams)).toEqual({ limit: '100', raw_json: '1' })
    expect(two!.url.searchParams.get('after')).toBe(NEW[49]!.data.name)
    // Reddit's API rules ask for a descriptive User-Agent: the client's own is kept.
    expect(one!.headers['user-agent']).toBe(http.userAgent)
  })

  it('stops at the newest post of the previous run, and reads only what is new', async () => {
    serve('/r/AskReddit/new.json', listing(NEW.slice(40), null))
    const { http } = client()
    const earlier = await run(http, config(), null)
    expect(earlier.ids).toHaveLength(60)

    routes.length = 0
    server.requests.length = 0
    serve('/r/AskReddit/new.json', listing(NEW, 't3_48f6io'))
    const later = await run(http, config(), earlier.cursor)
    expect(later.ids).toEqual(names(NEW.slice(0, 40)))
    expect(server.requests).toHaveLength(1)

    const quiet = await run(http, config(), later.cursor)
    expect(quiet.ids).toEqual([])
    expect(quiet.pages[0]!.done).toBe(true)
  })

  it('continues a sweep interrupted between pages without skipping or repeating a page', async () => {
    const pages = [NEW, olderCopy(NEW, 1), olderCopy(NEW, 2)]
    serve('/r/AskReddit/new.json', (req) => {
      const index = Number(req.url.searchParams.get('after')?.replace('next', '') ?? 0)
      return listing(pages[index]!, index < 2 ? `next${index + 1}` : null)
    })
    const { http } = client()
    const first = await fetchPage(http, config(), null)
    // The process dies here; the stored cursor is all that remains.
    const rest = await run(client().http, config(), first.nextCursor)
    const ids = [...first.posts.map((p) => p.externalId), ...rest.ids]
    expect(ids).toHaveLength(300)
    expect(new Set(ids).size).toBe(300)
  })

  it('notes Reddit\'s 1,000-item cap when the listing ends before the posts already seen', async () => {
    serve('/r/AskReddit/new.json', (req) => {
      const k = Number(req.url.searchParams.get('after')?.replace('next', '') ?? 0)
      return listing(olderCopy(NEW, k), k < 9 ? `next${k + 1}` : null)
    })
    const seenLongAgo = JSON.stringify({ v: 1, seen: { name: 't3_ancient', createdUtc: 1_000_000_000 }, sweep: null })
    const { pages, ids } = await run(client().http, config(), seenLongAgo)
    expect(pages).toHaveLength(10)
    expect(ids).toHaveLength(1_000)
    expect(pages.slice(0, 9).every((p) => p.done === false && (p.notes ?? []).length === 0)).toBe(true)
    expect(pages[9]!.notes).toEqual([expect.stringMatching(/near 1000 items.*may be missing/)])
  })

  it('stops for this run when the rate limit is used up, and goes on from there next run', async () => {
    serve('/r/AskReddit/new.json', (req) => (req.url.searchParams.get('after')
      ? listing(olderCopy(NEW, 1), null)
      : { ...listing(NEW, 'next1'), headers: { 'x-ratelimit-remaining': '0.0', 'x-ratelimit-used': '600', 'x-ratelimit-reset': '420' } }))
    const { http } = client()
    const limited = await fetchPage(http, config(), null)
    expect(limited.posts).toHaveLength(100)
    expect(limited.done).toBe(true)
    expect(limited.notes).toEqual([expect.stringMatching(/rate limit/)])
    const next = await fetchPage(http, config(), limited.nextCursor)
    expect(server.requests[1]!.url.searchParams.get('after')).toBe('next1')
    expect(next.posts).toHaveLength(100)
    expect(next.done).toBe(true)
  })

  it('starts again from the newest posts when the stored cursor is not its own', async () => {
    serve('/r/AskReddit/new.json', listing(NEW, null))
    const page = await fetchPage(client().http, config(), 'max_id=12345')
    expect(page.posts).toHaveLength(100)
    expect(page.notes).toEqual([expect.stringMatching(/cursor was not understood/)])
  })
})

describe('Reddit search', () => {
  it('searches one subreddit newest first and maps the results', async () => {
    serve('/r/redditdev/search.json', { file: fixturePath('praw_search_r_all.json') })
    const page = await fetchPage(client().http, config({ mode: 'search', query: 'praw oauth', subreddit: 'redditdev' }), null)
    expect(page.posts).toHaveLength(6)
    expect(page.done).toBe(true)
    expect(Object.fromEntries(server.requests[0]!.url.searchParams)).toEqual({ q: 'praw oauth', sort: 'new', restrict_sr: '1', limit: '100', raw_json: '1' })
  })

  it('searches all of Reddit when no subreddit is named', async () => {
    serve('/search.json', { file: fixturePath('praw_search_r_all.json') })
    await fetchPage(client().http, config({ mode: 'search', query: 'unhcr', subreddit: undefined }), null)
    expect(server.requests[0]!.url.searchParams.get('restrict_sr')).toBeNull()
  })
})

// App-only OAuth ------------------------------------------------------------------------------

describe('Reddit app-only OAuth', () => {
  const credentials = { clientId: 'app-id', clientSecret: 's3cret' }
  const oauth = () => config({ ...credentials, authUrl: `${server.url}/api/v1/access_token` })
  const tokenReply = (token: string): Reply => ({ body: JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600, scope: '*' }) })

  it('gets a token with HTTP Basic auth once, then reads listings with it', async () => {
    serve('/api/v1/access_token', tokenReply('tok-1'), 'POST')
    serve('/r/AskReddit/new.json', (req) => (req.headers.authorization === 'Bearer tok-1' ? listing(NEW.slice(0, 2), 'next') : { status: 401, body: '{"message": "Unauthorized", "error": 401}' }))
    const { http } = client()
    await fetchPage(http, oauth(), null)
    await fetchPage(http, oauth(), null)
    const tokenRequests = server.requests.filter((r) => r.url.pathname === '/api/v1/access_token')
    expect(tokenRequests).toHaveLength(1)
    expect(tokenRequests[0]!.headers.authorization).toBe(`Basic ${Buffer.from('app-id:s3cret').toString('base64')}`)
    expect(tokenRequests[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(tokenRequests[0]!.body).toBe('grant_type=client_credentials')
    expect(server.requests.filter((r) => r.url.pathname === '/r/AskReddit/new.json')).toHaveLength(2)
  })

  it('asks for a new token once when Reddit refuses the one it has', async () => {
    let issued = 0
    serve('/api/v1/access_token', () => tokenReply(`tok-${++issued}`), 'POST')
    serve('/r/AskReddit/new.json', (req) => (req.headers.authorization === 'Bearer tok-2' ? listing(NEW.slice(0, 2), null) : { status: 401 }))
    const page = await fetchPage(client().http, oauth(), null)
    expect(page.posts).toHaveLength(2)
    expect(issued).toBe(2)
  })

  it('reports a token endpoint that answers without a token', async () => {
    serve('/api/v1/access_token', { body: '{"error": "unsupported_grant_type"}' }, 'POST')
    const error = await failure(fetchPage(client().http, oauth(), null))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toMatch(/no access token \(error: unsupported_grant_type\)/)
  })

  it('reports wrong credentials as the HTTP error they are', async () => {
    serve('/api/v1/access_token', { status: 401, body: '{"message": "Unauthorized", "error": 401}' }, 'POST')
    expect(await failure(fetchPage(client().http, oauth(), null))).toMatchObject({ kind: 'status', details: { status: 401 } })
    expect(server.requests.some((r) => r.url.pathname.endsWith('.json'))).toBe(false)
  })

  it('reads from oauth.reddit.com with credentials and www.reddit.com without', () => {
    const parse = (extra: object) => redditAdapter.configSchema.parse({ mode: 'subreddit', subreddit: 'worldnews', ...extra })
    expect(parse({}).baseUrl).toBeUndefined()
    expect(parse({}).authUrl).toBe('https://www.reddit.com/api/v1/access_token')
    expect(() => parse({ clientId: 'only-half' })).toThrow(/clientId and clientSecret/)
    expect(() => parse({ mode: 'search' })).toThrow(/needs a query/)
    expect(() => parse({ subreddit: 'r/worldnews' })).toThrow(/subreddit name/)
  })
})

// Failures are failures, never "no new posts" ---------------------------------------------------

describe('Reddit fetch failures', () => {
  it('waits as long as a 429\'s Retry-After asks, then reads the page', async () => {
    let calls = 0
    serve('/r/AskReddit/new.json', () => (++calls === 1 ? { status: 429, headers: { 'retry-after': '7' } } : listing(NEW, null)))
    const { http, waits } = client()
    const page = await fetchPage(http, config(), null)
    expect(waits).toEqual([7_000])
    expect(page.posts).toHaveLength(100)
  })

  it('gives up on a 429 asking for a long wait, saying when to come back', async () => {
    serve('/r/AskReddit/new.json', { status: 429, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' } })
    const error = await failure(fetchPage(client().http, config(), null))
    expect(error).toMatchObject({ kind: 'rate_limited', details: { status: 429 } })
    expect((error as HttpError).details.retryAt!.getTime()).toBeGreaterThan(Date.now() + 3_500_000)
  })

  it('reports a server error after retrying', async () => {
    serve('/r/AskReddit/new.json', { status: 500, body: '<html>all our servers are busy</html>' })
    const { http, waits } = client()
    expect(await failure(fetchPage(http, config(), null))).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(waits).toHaveLength(3)
  })

  it('reports a server that does not answer in time', async () => {
    serve('/r/AskReddit/new.json', { ...listing(NEW, null), delayMs: 1_500 })
    expect(await failure(fetchPage(client().http, config(), null))).toMatchObject({ kind: 'timeout' })
  })

  it('reports a body cut short', async () => {
    serve('/r/AskReddit/new.json', { file: fixturePath('praw_r_askreddit_new.json'), truncateAt: 4_000 })
    expect(await failure(fetchPage(client().http, config(), null))).toMatchObject({ kind: 'network' })
  })

  it('reports malformed JSON', async () => {
    serve('/r/AskReddit/new.json', { body: '{"kind": "Listing", "data": {"children": [' })
    expect(await failure(fetchPage(client().http, config(), null))).toBeInstanceOf(MalformedResponseError)
  })

  it('reports JSON that is not a listing', async () => {
    serve('/r/AskReddit/new.json', { body: '{"reason": "private", "message": "Forbidden", "error": 403}' })
    const error = await failure(fetchPage(client().http, config(), null))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toMatch(/did not send a Reddit Listing/)
  })

  it('refuses a body over the size limit', async () => {
    serve('/r/AskReddit/new.json', { file: fixturePath('praw_r_askreddit_new.json') })
    expect(await failure(fetchPage(client({ maxBytes: 100_000 }).http, config(), null))).toMatchObject({ kind: 'too_large' })
  })

  it('refuses a redirect to a private address', async () => {
    serve('/r/AskReddit/new.json', { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } })
    expect(await failure(fetchPage(client().http, config(), null))).toMatchObject({ kind: 'blocked_address' })
  })

  it('says a subreddit does not exist when Reddit redirects to subreddit search', async () => {
    serve('/r/nosuchsub/new.json', { status: 302, headers: { location: '/subreddits/search.json?q=nosuchsub' } })
    serve('/subreddits/search.json', { body: JSON.stringify({ kind: 'Listing', data: { children: [{ kind: 't5', data: { display_name: 'nosuchsubs' } }], after: null } }) })
    const error = await failure(fetchPage(client().http, config({ subreddit: 'nosuchsub' }), null))
    expect(error).toBeInstanceOf(HttpError)
    expect((error as Error).message).toBe('r/nosuchsub was not found (Reddit redirected to its subreddit search)')
  })
})
