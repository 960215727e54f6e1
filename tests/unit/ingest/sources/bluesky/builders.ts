// Tiny builders of app view objects (app.bsky.feed.defs#postView and friends) for the Bluesky tests.

export interface ViewOptions {
  uri?: string
  did?: string
  handle?: string
  displayName?: string
  text?: string
  createdAt?: string
  indexedAt?: string
  record?: Record<string, unknown>
  embed?: unknown
  counts?: Partial<Record<'likeCount' | 'repostCount' | 'replyCount' | 'quoteCount', number>> | null
}

export function postView(options: ViewOptions = {}): Record<string, unknown> {
  const did = options.did ?? 'did:plc:alice'
  const counts = options.counts === null ? {} : { likeCount: 0, repostCount: 0, replyCount: 0, quoteCount: 0, ...options.counts }
  return {
    uri: options.uri ?? `at://${did}/app.bsky.feed.post/3kabc`,
    cid: 'bafyreia',
    author: { did, handle: options.handle ?? 'alice.bsky.social', ...(options.displayName ? { displayName: options.displayName } : {}) },
    record: {
      $type: 'app.bsky.feed.post',
      text: options.text ?? 'hello',
      createdAt: options.createdAt ?? '2026-11-22T10:00:00.000Z',
      ...options.record,
    },
    ...(options.embed ? { embed: options.embed } : {}),
    ...counts,
    indexedAt: options.indexedAt ?? options.createdAt ?? '2026-11-22T10:00:00.000Z',
  }
}

/** A mention facet over `handle` (with its '@') where it first appears in `text`, in UTF-8 bytes. */
export function mentionFacet(text: string, handle: string, did: string): Record<string, unknown> {
  const at = text.indexOf(handle)
  const byteStart = Buffer.byteLength(text.slice(0, at), 'utf8')
  return {
    index: { byteStart, byteEnd: byteStart + Buffer.byteLength(handle, 'utf8') },
    features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
  }
}

export function feature(byteStart: number, byteEnd: number, value: Record<string, unknown>): Record<string, unknown> {
  return { index: { byteStart, byteEnd }, features: [value] }
}
