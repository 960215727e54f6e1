import { MalformedResponseError, parseJsonBody } from '../../http'
import type { FetchContext, Page } from '../../types'
import { HN_TAGS, type HackerNewsConfig } from './config'
import { afterWindow, firstUntil, HITS_PER_PAGE, type HnCursor, horizonOf, narrowedUntil, readCursor, writeCursor } from './cursor'
import { mapHits, type SearchResponse, searchResponseSchema } from './normalise'

// Side effects for Hacker News: the search request and the window narrowing described in
// ./cursor.ts.

type Context = FetchContext<HackerNewsConfig>

/** Probes per fetch before handing back an empty page and going on narrowing in the next one. */
const MAX_PROBES = 8

export function searchUrl(config: HackerNewsConfig, since: number, until: number): string {
  const params = new URLSearchParams({
    query: config.query,
    tags: HN_TAGS[config.tags],
    numericFilters: `created_at_i>${since},created_at_i<=${until}`,
    hitsPerPage: String(HITS_PER_PAGE),
    page: '0',
  })
  return `${config.baseUrl.replace(/\/+$/, '')}/api/v1/search_by_date?${params}`
}

async function search(ctx: Context, since: number, until: number): Promise<SearchResponse> {
  const response = await ctx.http.request(searchUrl(ctx.config, since, until), { headers: { accept: 'application/json' }, signal: ctx.signal })
  const parsed = searchResponseSchema.safeParse(parseJsonBody<unknown>(response))
  if (!parsed.success) throw new MalformedResponseError(`${new URL(response.url).host} did not send an Algolia search response (hits, nbHits, page...)`, response.url)
  return parsed.data
}

interface Window { until: number, response: SearchResponse, narrowed: boolean }

/** Narrows (since, until] until one page holds it, or hands back the width reached so far. */
async function fittingWindow(ctx: Context, cursor: HnCursor, horizon: number): Promise<Window | { retryUntil: number }> {
  let until = firstUntil(cursor, horizon)
  let narrowed = false
  for (let probe = 0; probe < MAX_PROBES; probe++) {
    const response = await search(ctx, cursor.since, until)
    // A single second holding more than a page cannot be split further.
    if (response.nbHits <= HITS_PER_PAGE || until - cursor.since <= 1) return { until, response, narrowed }
    until = narrowedUntil(cursor.since, until, response.nbHits)
    narrowed = true
  }
  return { retryUntil: until }
}

export async function fetchHackerNewsPage(ctx: Context): Promise<Page> {
  const { cursor, note } = readCursor(ctx.cursor, ctx.now, ctx.config.backfillHours)
  const notes = note ? [note] : []
  const horizon = horizonOf(ctx.now)
  if (cursor.since >= horizon) return { posts: [], failures: [], nextCursor: writeCursor(cursor), done: true, notes }
  const window = await fittingWindow(ctx, cursor, horizon)
  if ('retryUntil' in window) {
    // Nothing read, nothing skipped: the next fetch starts from the narrowed width.
    return { posts: [], failures: [], nextCursor: writeCursor({ ...cursor, span: window.retryUntil - cursor.since }), done: false, notes }
  }
  const { until, response, narrowed } = window
  if (response.nbHits > HITS_PER_PAGE) {
    notes.push(`Hacker News search: ${response.nbHits} items share the second ${new Date(until * 1000).toISOString()}; only the first ${HITS_PER_PAGE} were served`)
  }
  // search_by_date answers newest first; the page is handed on oldest first.
  const { posts, failures } = mapHits([...response.hits].reverse())
  return { posts, failures, nextCursor: writeCursor(afterWindow(cursor, until, response.nbHits, narrowed)), done: until >= horizon, notes }
}
