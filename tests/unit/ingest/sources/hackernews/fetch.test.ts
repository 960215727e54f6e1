import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { HttpClient, type HttpClientOptions, HttpError, MalformedResponseError } from '../../../../../ingest/http'
import { type HackerNewsConfig, hackerNewsAdapter } from '../../../../../ingest/sources/hackernews'
import type { Page } from '../../../../../ingest/types'
import { type RecordedRequest, type ReplayServer, type Reply, type Route, startReplayServer, replayClient } from '../../../../support/replay-server'

const FIXTURE = new URL('../../../../fixtures/hackernews/search_by_date.json', import.meta.url)
type Hit = { objectID: string, created_at_i: number } & Record<string, unknown>
const RECORDED: Hit[] = JSON.parse(readFileSync(FIXTURE, 'utf8')).hits
const SEARCH = '/api/v1/search_by_date'

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

function config(extra: Partial<HackerNewsConfig> = {}): HackerNewsConfig {
  return hackerNewsAdapter.configSchema.parse({ baseUrl: server.url, query: 'refugee', ...extra })
}

/** A comment hit shaped like the fixture's, at a given second. */
function comment(id: number, at: number): Hit {
  return { ...RECORDED[3]!, objectID: String(id), created_at_i: at, created_at: new Date(at * 1000).toISOString() }
}

/**
 * Algolia's search_by_date over `hits`: numericFilters on created_at_i, newest first, nbHits the
 * whole count, pages of hitsPerPage, nothing served past the 1,000th hit.
 */
function algolia(hits: Hit[]): (request: RecordedRequest) => Reply {
  return (request) => {
    const params = request.url.searchParams
    const filters = (params.get('numericFilters') ?? '').split(',').filter(Boolean)
    const matching = hits
      .filter((hit) => filters.every((filter) => {
        const [, op, value] = /^created_at_i(>=|<=|>|<|=)(\d+)$/.exec(filter)!
        const n = Number(value), t = hit.created_at_i
        return op === '>' ? t > n : op === '>=' ? t >= n : op === '<' ? t < n : op === '<=' ? t <= n : t === n
      }))
      .sort((a, b) => b.created_at_i - a.created_at_i || Number(b.objectID) - Number(a.objectID))
    const perPage = Number(params.get('hitsPerPage') ?? 20)
    const page = Number(params.get('page') ?? 0)
    const served = page * perPage < 1000 ? matching.slice(page * perPage, (page + 1) * perPage) : []
    const body = { hits: served, nbHits: matching.length, page, nbPages: Math.min(Math.ceil(matching.length / perPage), 1000 / perPage), hitsPerPage: perPage, query: params.get('query') }
    return { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
  }
}

function serve(respond: Reply | ((request: RecordedRequest) => Reply)): void {
  routes.push({ path: SEARCH, respond })
}

/** Fetches until done, as the pipeline does, committing each cursor. */
async function run(http: HttpClient, cfg: HackerNewsConfig, cursor: string | null, now: Date) {
  const pages: Page[] = []
  for (let i = 0; i < 200; i++) {
    const page = await hackerNewsAdapter.fetchPage({ config: cfg, cursor, http, now })
    pages.push(page)
    cursor = page.nextCursor ?? cursor
    if (page.done) break
  }
  return { pages, cursor, posts: pages.flatMap((p) => p.posts) }
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => 'no error', (error: unknown) => error)
}

const T0 = 1_702_425_600 // 2023-12-13T00:00:00Z
const at = (secondsAfterT0: number) => new Date((T0 + secondsAfterT0) * 1000)

// Time slices and the cursor ------------------------------------------------------------------

describe('Hacker News time slices', () => {
  it('asks for stories and comments of the last day, newer than the cursor, 100 at a time', async () => {
    serve(algolia(RECORDED))
    const now = new Date('2023-12-12T12:00:00Z')
    const { pages, posts } = await run(client().http, config(), null, now)
    expect(pages).toHaveLength(1)
    expect(posts.map((p) => p.externalId)).toEqual(['38612304', '38612410', '38612555', '38612890', '38613001'])
    expect(pages[0]!.failures).toHaveLength(1)
    const since = Math.floor(now.getTime() / 1000) - 24 * 3600
    const until = Math.floor(now.getTime() / 1000) - 300
    expect(Object.fromEntries(server.requests[0]!.url.searchParams)).toEqual({
      query: 'refugee', tags: '(story,comment)', numericFilters: `created_at_i>${since},created_at_i<=${until}`, hitsPerPage: '100', page: '0',
    })
  })

  it('reads a busy day oldest first, in windows that each fit one page, every item exactly once', async () => {
    // A quiet morning, a burst of 450 comments in the afternoon, seven sharing one second.
    const hits = [
      ...Array.from({ length: 20 }, (_, i) => comment(1000 + i, T0 - 86_000 + i * 2000)),
      ...Array.from({ length: 450 }, (_, i) => comment(2000 + i, T0 - 30_000 + i * 13)),
      ...Array.from({ length: 7 }, (_, i) => comment(3000 + i, T0 - 20_000)),
    ]
    serve(algolia(hits))
    const { posts, pages } = await run(client().http, config(), null, new Date(T0 * 1000))
    const ids = posts.map((p) => p.externalId)
    expect(ids).toHaveLength(477)
    expect(new Set(ids)).toEqual(new Set(hits.map((h) => h.objectID)))
    const times = posts.map((p) => p.createdAt)
    expect(times).toEqual([...times].sort())
    expect(pages.every((p) => p.posts.length <= 100)).toBe(true)
    expect(server.requests.every((r) => r.url.searchParams.get('page') === '0')).toBe(true)
    // Quiet hours are crossed in wide windows and the burst in narrow ones: few wasted probes.
    expect(server.requests.length).toBeLessThan(30)
  })

  it('leaves the last five minutes for the next run, so items still being indexed are not skipped', async () => {
    const hits = [comment(1, T0 - 3_600), comment(2, T0 - 60)]
    serve(algolia(hits))
    const { http } = client()
    const first = await run(http, config(), null, new Date(T0 * 1000))
    expect(first.posts.map((p) => p.externalId)).toEqual(['1'])
    expect(first.pages.at(-1)!.done).toBe(true)
    const second = await run(http, config(), first.cursor, at(600))
    expect(second.posts.map((p) => p.externalId)).toEqual(['2'])
  })

  it('asks nothing when the cursor is already at the horizon', async () => {
    serve(algolia([]))
    const { http } = client()
    const first = await run(http, config(), null, new Date(T0 * 1000))
    server.requests.length = 0
    const again = await run(http, config(), first.cursor, new Date(T0 * 1000 + 900))
    expect(again.pages).toEqual([{ posts: [], failures: [], nextCursor: first.cursor, done: true, notes: [] }])
    expect(server.requests).toHaveLength(0)
  })

  it('narrows down to a burst packed into one second, across fetches, and says what could not be served', async () => {
    // The very first second of the backfill: a day has to be halved some 17 times to reach it.
    const hits = [...Array.from({ length: 130 }, (_, i) => comment(5000 + i, T0 - 86_399)), comment(6000, T0 - 1_000)]
    serve(algolia(hits))
    const { posts, pages } = await run(client().http, config({ backfillHours: 24 }), null, new Date(T0 * 1000))
    // Fetches that only narrowed hand back nothing and are not done: nothing is skipped meanwhile.
    expect(pages[0]).toMatchObject({ posts: [], done: false })
    expect(posts).toHaveLength(101)
    expect(posts.at(-1)!.externalId).toBe('6000')
    expect(pages.flatMap((p) => p.notes ?? [])).toEqual([expect.stringMatching(/^Hacker News search: 130 items share the second .* only the first 100 were served$/)])
    expect(pages.at(-1)!.done).toBe(true)
  })

  it('follows only stories when asked', async () => {
    serve(algolia(RECORDED))
    await run(client().http, config({ tags: 'story' }), null, new Date('2023-12-12T12:00:00Z'))
    expect(server.requests[0]!.url.searchParams.get('tags')).toBe('story')
  })

  it('starts over from the backfill period when the stored cursor is not its own', async () => {
    serve(algolia(RECORDED))
    const { pages } = await run(client().http, config(), '{"since":"yesterday"}', new Date('2023-12-12T12:00:00Z'))
    expect(pages[0]!.posts).toHaveLength(5)
    expect(pages[0]!.notes).toEqual([expect.stringMatching(/cursor was not understood/)])
  })
})

// Failures are failures, never "no new posts" ---------------------------------------------------

describe('Hacker News fetch failures', () => {
  const now = new Date('2023-12-12T12:00:00Z')
  const fetchOnce = (http: HttpClient) => hackerNewsAdapter.fetchPage({ config: config(), cursor: null, http, now })

  it('waits as long as a 429\'s Retry-After asks, then reads the page', async () => {
    let calls = 0
    const ok = algolia(RECORDED)
    serve((req) => (++calls === 1 ? { status: 429, headers: { 'retry-after': '4' } } : ok(req)))
    const { http, waits } = client()
    const page = await fetchOnce(http)
    expect(waits).toEqual([4_000])
    expect(page.posts).toHaveLength(5)
  })

  it('gives up on a 429 asking for a long wait, saying when to come back', async () => {
    serve({ status: 429, headers: { 'retry-after': '7200' } })
    const error = await failure(fetchOnce(client().http))
    expect(error).toMatchObject({ kind: 'rate_limited' })
    expect((error as HttpError).details.retryAt!.getTime()).toBeGreaterThan(Date.now() + 7_000_000)
  })

  it('reports a server error after retrying', async () => {
    serve({ status: 500, body: '{"message": "Internal error"}' })
    const { http, waits } = client()
    expect(await failure(fetchOnce(http))).toMatchObject({ kind: 'status', details: { status: 500 } })
    expect(waits).toHaveLength(3)
  })

  it('reports a server that does not answer in time', async () => {
    serve({ body: readFileSync(FIXTURE), delayMs: 1_500 })
    expect(await failure(fetchOnce(client().http))).toMatchObject({ kind: 'timeout' })
  })

  it('reports a body cut short', async () => {
    serve({ body: readFileSync(FIXTURE), truncateAt: 2_000 })
    expect(await failure(fetchOnce(client().http))).toMatchObject({ kind: 'network' })
  })

  it('reports malformed JSON', async () => {
    serve({ body: '{"hits": [{"objectID": "1"' })
    expect(await failure(fetchOnce(client().http))).toBeInstanceOf(MalformedResponseError)
  })

  it('reports JSON that is not a search response', async () => {
    serve({ body: '{"message": "Invalid value for numericFilters", "status": 400}' })
    const error = await failure(fetchOnce(client().http))
    expect(error).toBeInstanceOf(MalformedResponseError)
    expect((error as Error).message).toMatch(/did not send an Algolia search response/)
  })

  it('refuses a body over the size limit', async () => {
    const hits = Array.from({ length: 1_000 }, (_, i) => comment(i + 1, T0 - i))
    serve({ body: JSON.stringify({ hits, nbHits: 1_000, page: 0, nbPages: 1, hitsPerPage: 1_000 }) })
    expect(await failure(fetchOnce(client({ maxBytes: 100_000 }).http))).toMatchObject({ kind: 'too_large' })
  })

  it('refuses a redirect to a private address', async () => {
    serve({ status: 307, headers: { location: 'http://169.254.169.254/latest/meta-data/iam/' } })
    const error = await failure(fetchOnce(client().http))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ kind: 'blocked_address' })
  })
})
