import { z } from 'zod'
import { type HttpClient, HttpError, type HttpResponse, MalformedResponseError, parseJsonBody } from '../../http'
import type { FetchContext, Page } from '../../types'
import { listingBase, type RedditConfig, usesOAuth } from './config'
import { PAGE_LIMIT, readCursor, step, writeCursor } from './cursor'
import { emptyMapped, fillReplyAuthors, type Listing, listingSchema, mapChildren } from './normalise'

// Side effects for Reddit: the listing URL, app-only OAuth, rate-limit headers, the sweep.
// Request and field reference: https://www.reddit.com/dev/api and
// https://github.com/reddit-archive/reddit/wiki/OAuth2 (application-only flow).

type Context = FetchContext<RedditConfig>

export function listingUrl(config: RedditConfig, after: string | null): string {
  // raw_json=1: without it Reddit HTML-escapes &, < and > inside every JSON string for legacy clients.
  const params = new URLSearchParams({ limit: String(PAGE_LIMIT), raw_json: '1' })
  let path: string
  if (config.mode === 'search') {
    path = config.subreddit ? `/r/${config.subreddit}/search.json` : '/search.json'
    params.set('q', config.query ?? '')
    params.set('sort', 'new')
    if (config.subreddit) params.set('restrict_sr', '1')
  }
  else {
    path = `/r/${config.subreddit ?? ''}/new.json`
  }
  if (after) params.set('after', after)
  return `${listingBase(config)}${path}?${params}`
}

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() })
interface Token { value: string, expiresAt: number }
// Tokens live an hour (expires_in: 3600); one per client and app, not one per page.
const tokens = new WeakMap<HttpClient, Map<string, Token>>()

async function accessToken(ctx: Context, renew: boolean): Promise<string> {
  const { config, http } = ctx
  const key = `${config.authUrl} ${config.clientId}`
  const cache = tokens.get(http) ?? new Map<string, Token>()
  tokens.set(http, cache)
  const cached = cache.get(key)
  if (cached && !renew && cached.expiresAt > ctx.now.getTime()) return cached.value
  const basic = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')
  const response = await http.request(config.authUrl, {
    method: 'POST',
    headers: { 'authorization': `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', 'accept': 'application/json' },
    body: 'grant_type=client_credentials',
    signal: ctx.signal,
  })
  const body = parseJsonBody<unknown>(response)
  const parsed = tokenSchema.safeParse(body)
  if (!parsed.success) {
    // Reddit answers some refusals with HTTP 200 and {"error": "..."}.
    const reason = z.object({ error: z.string() }).safeParse(body)
    throw new MalformedResponseError(`Reddit's token endpoint gave no access token${reason.success ? ` (error: ${reason.data.error})` : ''}`, response.url)
  }
  // Renew a minute early so a token never expires between check and use.
  cache.set(key, { value: parsed.data.access_token, expiresAt: ctx.now.getTime() + (parsed.data.expires_in - 60) * 1000 })
  return parsed.data.access_token
}

async function requestListing(ctx: Context, url: string): Promise<HttpResponse> {
  const get = async (renew: boolean) => ctx.http.request(url, {
    headers: usesOAuth(ctx.config) ? { accept: 'application/json', authorization: `Bearer ${await accessToken(ctx, renew)}` } : { accept: 'application/json' },
    signal: ctx.signal,
  })
  try {
    return await get(false)
  }
  catch (error) {
    // A token can be revoked before it expires: ask once for a fresh one.
    if (usesOAuth(ctx.config) && error instanceof HttpError && error.details.status === 401) return get(true)
    throw error
  }
}

function readListing(response: HttpResponse, config: RedditConfig): Listing {
  // An unknown subreddit redirects to /subreddits/search, a listing of subreddits, not posts.
  if (new URL(response.url).pathname.startsWith('/subreddits/search')) {
    throw new HttpError('status', `r/${config.subreddit} was not found (Reddit redirected to its subreddit search)`, { url: response.url, status: 404 })
  }
  const parsed = listingSchema.safeParse(parseJsonBody<unknown>(response))
  if (!parsed.success) throw new MalformedResponseError(`${new URL(response.url).host} did not send a Reddit Listing`, response.url)
  return parsed.data
}

/** x-ratelimit-remaining counts requests left in the current period (a float such as "0.0"). */
function rateLimitSpent(headers: Headers): boolean {
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN)
  return Number.isFinite(remaining) && remaining < 1
}

export async function fetchRedditPage(ctx: Context): Promise<Page> {
  const { cursor, note } = readCursor(ctx.cursor)
  const response = await requestListing(ctx, listingUrl(ctx.config, cursor.sweep?.after ?? null))
  const listing = readListing(response, ctx.config)
  const next = step(cursor, { children: listing.data.children, after: listing.data.after ?? null, rateLimited: rateLimitSpent(response.headers) })
  const mapped = mapChildren(next.fresh, emptyMapped())
  fillReplyAuthors(mapped.posts)
  return {
    posts: mapped.posts,
    failures: mapped.failures,
    nextCursor: writeCursor(next.cursor),
    done: next.done,
    notes: [...(note ? [note] : []), ...next.notes],
  }
}
