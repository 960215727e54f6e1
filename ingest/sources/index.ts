import type { SourceAdapter } from '../types'
import { blueskyAdapter } from './bluesky'
import { feedAdapter } from './feed'
import { csvAdapter, jsonlAdapter } from './file'
import { hackerNewsAdapter } from './hackernews'
import { mastodonAdapter } from './mastodon'
import { redditAdapter } from './reddit'

// Every source kind Chorus can poll or import, by kind.
const ADAPTERS: Record<string, SourceAdapter<unknown>> = Object.fromEntries(
  [mastodonAdapter, blueskyAdapter, feedAdapter, redditAdapter, hackerNewsAdapter, csvAdapter, jsonlAdapter]
    .map((adapter) => [adapter.kind, adapter as SourceAdapter<unknown>]),
)

export function adapterFor(kind: string): SourceAdapter<unknown> {
  const adapter = ADAPTERS[kind]
  if (!adapter) throw new Error(`unknown source kind "${kind}" (known: ${Object.keys(ADAPTERS).join(', ')})`)
  return adapter
}

/** Every kind, for forms and checks. */
export function adapterKinds(): string[] {
  return Object.keys(ADAPTERS)
}
