import { describe, expect, it } from 'vitest'
import { SeenPosts } from '../../../ingest/seen-posts'

describe('SeenPosts', () => {
  it('calls a post seen when an earlier job, or its own page before, held it', () => {
    const seen = new SeenPosts(SeenPosts.memory(1024))
    expect(seen.seenBefore('mastodon\u0000https://a.example/1', 3)).toBe(false)
    // The same post twice in one page: the second is stored after the first.
    expect(seen.seenBefore('mastodon\u0000https://a.example/1', 3)).toBe(true)
    expect(seen.seenBefore('mastodon\u0000https://a.example/1', 7)).toBe(true)
    expect(seen.seenBefore('mastodon\u0000https://a.example/2', 7)).toBe(false)
  })

  it('does not call a post seen for a job stored before the one that saw it first, and keeps the earlier job', () => {
    const seen = new SeenPosts(SeenPosts.memory(1024))
    // A later page parsed first by the other worker.
    expect(seen.seenBefore('bluesky\u0000at://did:plc:x/app.bsky.feed.post/1', 9)).toBe(false)
    expect(seen.seenBefore('bluesky\u0000at://did:plc:x/app.bsky.feed.post/1', 4)).toBe(false)
    // Job 4 is now the first sighting: a page between the two has the post already.
    expect(seen.seenBefore('bluesky\u0000at://did:plc:x/app.bsky.feed.post/1', 6)).toBe(true)
  })

  it('tells apart keys that share their slot', () => {
    const seen = new SeenPosts(SeenPosts.memory(8))
    const keys = Array.from({ length: 6 }, (_, i) => `reddit\u0000t3_${i}`)
    for (const key of keys) expect(seen.seenBefore(key, 1)).toBe(false)
    for (const key of keys) expect(seen.seenBefore(key, 2)).toBe(true)
  })

  it('stops recording when three quarters full, answering "not seen" rather than risking a wrong "seen"', () => {
    const seen = new SeenPosts(SeenPosts.memory(4))
    for (const key of ['a', 'b', 'c']) expect(seen.seenBefore(key, 1)).toBe(false)
    expect(seen.seenBefore('d', 1)).toBe(false)
    expect(seen.seenBefore('d', 2)).toBe(false)
    expect(seen.seenBefore('a', 2)).toBe(true)
  })

  it('works on memory shared with another thread', () => {
    const memory = SeenPosts.memory(64)
    new SeenPosts(memory).seenBefore('hackernews\u000042', 1)
    expect(new SeenPosts(memory).seenBefore('hackernews\u000042', 2)).toBe(true)
  })

  it('refuses a table size that is not a power of two', () => {
    expect(() => SeenPosts.memory(1000)).toThrow(/power of two/)
  })
})
