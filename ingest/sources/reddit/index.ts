import { failedItem, parseJsonPayload, unreadableInput } from '../../failures'
import type { Page, SourceAdapter } from '../../types'
import { type RedditConfig, redditConfigSchema } from './config'
import { fetchRedditPage } from './fetch'
import { emptyMapped, fillReplyAuthors, listingSchema, mapChildren } from './normalise'

export type { RedditConfig } from './config'

/**
 * Reads a saved Reddit response: one Listing (search, /new, /comments of a subreddit) or the
 * [post listing, comment tree listing] pair that GET /comments/:id returns.
 */
export function importRedditPayload(body: Buffer): Page {
  const page: Page = { posts: [], failures: [], nextCursor: null, done: true, notes: [] }
  const parsed = parseJsonPayload(body)
  if (!parsed.ok) {
    page.failures.push(parsed.failure)
    return page
  }
  const json = parsed.json
  const mapped = emptyMapped()
  for (const part of Array.isArray(json) ? json : [json]) {
    const listing = listingSchema.safeParse(part)
    if (listing.success) mapChildren(listing.data.data.children, mapped)
    else mapped.failures.push((Array.isArray(json) ? failedItem : unreadableInput)('not a Reddit Listing ({kind: "Listing", data: {children}})', part))
  }
  if (parsed.cutShort) mapped.failures.push(parsed.cutShort)
  fillReplyAuthors(mapped.posts)
  const notes = mapped.moreComments > 0
    ? [`${mapped.moreComments} further comments were not in the payload ('more' stubs): Reddit sends them on request only`]
    : []
  return { ...page, posts: mapped.posts, failures: mapped.failures, notes }
}

export const redditAdapter: SourceAdapter<RedditConfig> = {
  kind: 'reddit',
  platform: 'reddit',
  configSchema: redditConfigSchema,
  fetchPage: fetchRedditPage,
  importPayload: importRedditPayload,
}
