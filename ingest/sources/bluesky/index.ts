import { MalformedResponseError } from '../../http'
import { parseJsonBytes } from '../../json'
import type { Page, SourceAdapter } from '../../types'
import { type BlueskyConfig, blueskyConfigSchema } from './config'
import { fetchBlueskyPage } from './fetch'
import { assemble, readPayload } from './payload'

// Bluesky (AT Protocol app view): a search query (app.bsky.feed.searchPosts) or one account's
// feed (app.bsky.feed.getAuthorFeed), optionally signed in with an app password.

export type { BlueskyConfig } from './config'

/** Reads a saved searchPosts, getAuthorFeed or getPostThread (v1 or v2) response. Pure. */
export function importBlueskyPayload(body: Buffer): Page {
  let json: unknown
  try {
    json = parseJsonBytes(body)
  }
  catch (error) {
    throw new MalformedResponseError(`not a Bluesky response: malformed JSON (${(error as Error).message})`)
  }
  const payload = readPayload(json)
  if (!payload) throw new MalformedResponseError('not a Bluesky searchPosts, getAuthorFeed or getPostThread response')
  return { ...assemble(payload.items), nextCursor: null, done: true }
}

export const blueskyAdapter: SourceAdapter<BlueskyConfig> = {
  kind: 'bluesky',
  platform: 'bluesky',
  configSchema: blueskyConfigSchema,
  fetchPage: fetchBlueskyPage,
  importPayload: (body) => importBlueskyPayload(body),
}
