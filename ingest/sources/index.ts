import type { SourceAdapter } from '../types'
import { blueskyAdapter } from './bluesky'
import { mastodonAdapter } from './mastodon'

// Every source kind Chorus can poll or import, by kind.
const ADAPTERS: Record<string, SourceAdapter<unknown>> = Object.fromEntries(
  [mastodonAdapter, blueskyAdapter]
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
