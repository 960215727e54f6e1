import { z } from 'zod'
import { MalformedResponseError, parseJsonBody } from '../../http'
import type { FetchContext, Page } from '../../types'
import type { MastodonConfig } from './config'
import { hostnameOf, type MappedPage, type MappingOptions, normaliseNotifications, normaliseStatuses } from './normalise'
import { compareIds, cursorToStore, idsOf, linkParam, type MastodonCursor, newestId, oldestId, readCursor } from './paging'

// Fetching: requests, paging and the cursor. Mapping is in normalise.ts. HttpError and
// MalformedResponseError leave fetchPage as they are: a failed request is a failed run that
// keeps its cursor, never "no new posts".

type Context = FetchContext<MastodonConfig>
type Params = [string, string][]
type Mapper = (items: readonly unknown[], options: MappingOptions) => MappedPage

export async function fetchMastodonPage(context: Context): Promise<Page> {
  const cursor = readCursor(context.cursor)
  const { config } = context
  switch (config.mode) {
    case 'hashtag':
      return timelinePage(context, cursor, `/api/v1/timelines/tag/${encodeURIComponent(config.tag)}`, [], normaliseStatuses)
    case 'account': {
      const account = await resolveAccount(context, config.account, cursor)
      // The instance serves what it holds: all statuses of its own accounts, and of a remote
      // account only those that reached it by federation.
      return timelinePage(context, { ...cursor, account }, `/api/v1/accounts/${encodeURIComponent(account.id)}/statuses`, [], normaliseStatuses)
    }
    case 'mentions':
      // Mentions of the token's own account; ids and cursor are notification ids.
      return timelinePage(context, cursor, '/api/v1/notifications', [['types[]', 'mention']], normaliseNotifications)
    case 'search':
      return searchPage(context, config.query, cursor)
  }
}

/**
 * Timelines and notifications honour `min_id`: each page is the `limit` items right after the
 * cursor, so walking forward page by page never skips a post, even after a crash.
 *
 * The first run has no cursor and takes only the most recent page: walking forward from the
 * beginning would replay a tag's or an account's whole history (years, thousands of requests)
 * before reaching today. Listening starts when the source is added.
 */
async function timelinePage(context: Context, cursor: MastodonCursor, path: string, params: Params, map: Mapper): Promise<Page> {
  const { limit } = context.config
  const query: Params = [...params, ['limit', String(limit)]]
  if (cursor.minId) query.push(['min_id', cursor.minId])
  const { body, url, link } = await getJson(context, path, query)
  if (!Array.isArray(body)) throw new MalformedResponseError(`${hostnameOf(url)} answered ${path} with ${kindOf(body)} instead of a list`, url)
  const mapped = map(body, mappingOptions(context))
  // The server's own "newer than this page" link, else the newest id on the page.
  const newest = linkParam(link, 'prev', 'min_id') ?? newestId(idsOf(body))
  const advanced = newest !== null && (cursor.minId === null || compareIds(newest, cursor.minId) > 0)
  const next: MastodonCursor = { ...cursor, minId: advanced ? newest : cursor.minId }
  const firstRun = cursor.minId === null
  return page(mapped, cursorToStore(context.cursor, next), {
    // A short page is the present; a page that does not move the cursor means the server ignores
    // min_id, and asking again would return the same page for ever.
    done: firstRun || body.length < limit || !advanced,
    notes: firstRun && body.length ? [firstRunNote(body.length)] : [],
  })
}

/**
 * Search results come newest first, and `min_id` is only a lower bound, not a cursor. So each
 * run walks down with `max_id` from the newest result to the stored cursor, storing how far it
 * got after every page, and moves the cursor up to the newest result only once the walk is done.
 */
async function searchPage(context: Context, query: string, cursor: MastodonCursor): Promise<Page> {
  const { limit, token } = context.config
  const params: Params = [['q', query], ['type', 'statuses'], ['limit', String(limit)]]
  if (cursor.minId) params.push(['min_id', cursor.minId])
  if (cursor.walk) params.push(['max_id', cursor.walk.maxId])
  const { body, url } = await getJson(context, '/api/v2/search', params)
  const statuses = z.object({ statuses: z.array(z.unknown()) }).safeParse(body)
  if (!statuses.success) throw new MalformedResponseError(`${hostnameOf(url)} answered a search with ${kindOf(body)} without a list of statuses`, url)
  const items = statuses.data.statuses
  const next = nextSearchCursor(cursor, idsOf(items), limit)
  const notes = [
    ...(cursor.minId === null && items.length ? [firstRunNote(items.length)] : []),
    // Mastodon searches the text of statuses only for signed-in users (docs: methods/search).
    ...(!token && !items.length ? ['no token: most Mastodon servers search statuses only for signed-in users'] : []),
  ]
  return page(normaliseStatuses(items, mappingOptions(context)), cursorToStore(context.cursor, next), { done: next.walk === undefined, notes })
}

function nextSearchCursor(cursor: MastodonCursor, ids: string[], limit: number): MastodonCursor {
  const top = newestId([...ids, ...(cursor.walk ? [cursor.walk.top] : []), ...(cursor.minId ? [cursor.minId] : [])])
  if (cursor.minId === null) return { minId: top }
  // Walk on only after a full page that kept within the bounds asked for: a server that ignores
  // them would otherwise return the same page for ever.
  const within = ids.every((id) => compareIds(id, cursor.minId!) > 0 && (!cursor.walk || compareIds(id, cursor.walk.maxId) < 0))
  const bottom = oldestId(ids)
  if (ids.length >= limit && within && bottom && top) return { minId: cursor.minId, walk: { maxId: bottom, top } }
  return { minId: top }
}

async function resolveAccount(context: Context, acct: string, cursor: MastodonCursor): Promise<{ acct: string, id: string }> {
  if (cursor.account?.acct === acct) return cursor.account
  const { body, url } = await getJson(context, '/api/v1/accounts/lookup', [['acct', acct]])
  const account = z.object({ id: z.string().min(1) }).safeParse(body)
  if (!account.success) throw new MalformedResponseError(`${hostnameOf(url)} answered the lookup of ${acct} without an account id`, url)
  return { acct, id: account.data.id }
}

async function getJson(context: Context, path: string, params: Params): Promise<{ body: unknown, url: string, link: string | null }> {
  const url = new URL(`${context.config.instance}${path}`)
  for (const [name, value] of params) url.searchParams.append(name, value)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (context.config.token) headers.authorization = `Bearer ${context.config.token}`
  const response = await context.http.request(url.toString(), { headers, signal: context.signal })
  return { body: parseJsonBody<unknown>(response), url: response.url, link: response.headers.get('link') }
}

function mappingOptions(context: Context): MappingOptions {
  return { localDomain: hostnameOf(context.config.instance) }
}

function page(mapped: MappedPage, nextCursor: string | null, extra: { done: boolean, notes: string[] }): Page {
  const notes = [...mapped.notes, ...extra.notes]
  return { posts: mapped.posts, failures: mapped.failures, nextCursor, done: extra.done, ...(notes.length ? { notes } : {}) }
}

function firstRunNote(count: number): string {
  return `first run: took the ${count} most recent statuses; older ones are not fetched`
}

function kindOf(body: unknown): string {
  return body === null ? 'null' : Array.isArray(body) ? 'a list' : `a${typeof body === 'object' ? 'n' : ''} ${typeof body}`
}
