import { parseJsonPayload, unreadableInput } from '../../failures'
import type { Page, SourceAdapter } from '../../types'
import { type HackerNewsConfig, hackerNewsConfigSchema } from './config'
import { fetchHackerNewsPage } from './fetch'
import { mapHits, searchResponseSchema } from './normalise'

export type { HackerNewsConfig } from './config'

/** Reads a saved Algolia HN Search response (search or search_by_date). */
export function importHackerNewsPayload(body: Buffer): Page {
  const page: Page = { posts: [], failures: [], nextCursor: null, done: true, notes: [] }
  const parsed = parseJsonPayload(body)
  if (!parsed.ok) {
    page.failures.push(parsed.failure)
    return page
  }
  const json = parsed.json
  const response = searchResponseSchema.safeParse(json)
  if (!response.success) {
    page.failures.push(unreadableInput('not an Algolia HN Search response ({hits, nbHits, page, nbPages, hitsPerPage})', json))
    return page
  }
  const { hits, nbHits, page: index, nbPages } = response.data
  const { posts, failures } = mapHits(hits)
  const notes = nbHits > hits.length ? [`this response holds ${hits.length} of ${nbHits} matching items (page ${index + 1} of ${nbPages})`] : []
  return { ...page, posts, failures: parsed.cutShort ? [...failures, parsed.cutShort] : failures, notes }
}

export const hackerNewsAdapter: SourceAdapter<HackerNewsConfig> = {
  kind: 'hackernews',
  platform: 'hackernews',
  configSchema: hackerNewsConfigSchema,
  fetchPage: fetchHackerNewsPage,
  importPayload: importHackerNewsPayload,
}
