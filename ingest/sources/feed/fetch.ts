import { HttpError, type HttpResponse } from '../../http'
import type { FetchContext, Page } from '../../types'
import type { FeedConfig } from './config'
import { feedBodyToPage } from './page'

// Feeds have no paging: one conditional GET per run (RFC 9110 §13.1), one page, done. The cursor
// remembers the validators the server gave last time; it is only stored once the page is committed,
// so a failed run asks for the whole feed again and nothing is skipped.

export interface FeedCursor {
  etag?: string
  lastModified?: string
}

/** A stored cursor; anything unreadable counts as none (a full fetch costs little, a skip loses posts). */
export function readCursor(cursor: string | null): FeedCursor {
  if (!cursor) return {}
  try {
    const value: unknown = JSON.parse(cursor)
    if (typeof value !== 'object' || value === null) return {}
    const { etag, lastModified } = value as Record<string, unknown>
    return {
      ...(typeof etag === 'string' && etag ? { etag } : {}),
      ...(typeof lastModified === 'string' && lastModified ? { lastModified } : {}),
    }
  }
  catch {
    return {}
  }
}

export function writeCursor(headers: Headers): string {
  const cursor: FeedCursor = {}
  const etag = headers.get('etag')
  const lastModified = headers.get('last-modified')
  if (etag) cursor.etag = etag
  if (lastModified) cursor.lastModified = lastModified
  return JSON.stringify(cursor)
}

/** Validators sent back exactly as received (RFC 9110 §13.1.1, §13.1.3). */
export function conditionalHeaders(cursor: FeedCursor): Record<string, string> {
  return {
    ...(cursor.etag ? { 'if-none-match': cursor.etag } : {}),
    ...(cursor.lastModified ? { 'if-modified-since': cursor.lastModified } : {}),
  }
}

const ACCEPT = 'application/rss+xml, application/atom+xml, application/rdf+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5'

function notModified(): Page {
  return { posts: [], failures: [], nextCursor: null, done: true, notes: ['the feed has not changed since the last fetch (HTTP 304)'] }
}

export async function fetchFeedPage(context: FetchContext<FeedConfig>): Promise<Page> {
  const { config, http, now, signal } = context
  let response: HttpResponse
  try {
    response = await http.request(config.url, {
      headers: { accept: ACCEPT, ...conditionalHeaders(readCursor(context.cursor)) },
      signal,
    })
  }
  catch (error) {
    // The shared client reports every non-2xx status as an error; 304 is the one that means
    // "nothing new" here. Everything else propagates: a failed fetch is not an empty feed.
    if (error instanceof HttpError && error.details.status === 304) return notModified()
    throw error
  }
  const page = feedBodyToPage(response.body, { contentType: response.headers.get('content-type'), origin: config.url, now })
  return { ...page, nextCursor: writeCursor(response.headers) }
}
