import type { Page, SourceAdapter } from '../../types'
import { type FeedConfig, feedConfigSchema } from './config'
import { fetchFeedPage } from './fetch'
import { feedBodyToPage } from './page'

// News feeds: RSS 0.90-2.0, RDF/RSS 1.0, Atom 0.3/1.0 and JSON Feed 1.x from any http(s) URL,
// with conditional GET. newsSearch.ts builds news-search feed URLs per language and country.

export type { FeedConfig } from './config'
export { FeedFormatError } from './parse'
export { googleNewsSearchUrl } from './newsSearch'

/**
 * A saved feed file. `origin` (the file name or URL it came from) scopes item ids that are not
 * globally unique. A file that is not a feed throws a FeedFormatError saying what it is instead.
 */
export function importFeedPayload(body: Buffer, context: { origin?: string, now: Date }): Page {
  return { ...feedBodyToPage(body, { origin: context.origin ?? 'imported feed', now: context.now }), nextCursor: null }
}

export const feedAdapter: SourceAdapter<FeedConfig> = {
  kind: 'feed',
  platform: 'rss',
  configSchema: feedConfigSchema,
  fetchPage: fetchFeedPage,
  importPayload: importFeedPayload,
}
