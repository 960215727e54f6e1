import { describe, expect, it } from 'vitest'
import { blueskyConfigSchema, PUBLIC_SERVICE, SIGNED_IN_SERVICE } from '../../../../../ingest/sources/bluesky/config'
import { advance, freshState, type PageFacts, readCursor, writeCursor } from '../../../../../ingest/sources/bluesky/cursor'
import { selectWindow } from '../../../../../ingest/sources/bluesky/fetch'
import { mapFeedItem, mapPostView } from '../../../../../ingest/sources/bluesky/normalise'
import { postView } from './builders'

const facts = (extra: Partial<PageFacts>): PageFacts => ({
  apiCursor: null, returned: 0, newest: null, oldest: null, reachedFloor: false, hitsTotal: null, limit: 100, ...extra,
})

describe('the Bluesky cursor', () => {
  it('starts afresh, and says so, when the stored cursor is unreadable or belongs to another query', () => {
    expect(readCursor('not json', 'search:a')).toEqual({ state: freshState('search:a'), notes: [expect.stringMatching(/unreadable/)] })
    const stored = writeCursor({ ...freshState('search:old'), floor: '2026-11-20T00:00:00.000Z' })
    expect(readCursor(stored, 'search:new')).toEqual({ state: freshState('search:new'), notes: [expect.stringMatching(/source changed/)] })
    expect(readCursor(stored, 'search:old').state.floor).toBe('2026-11-20T00:00:00.000Z')
  })

  it('says posts were lost when the capped search cannot get below the oldest post it saw', () => {
    const state = { ...freshState('search:a'), until: '2026-11-22T08:00:00.001Z' }
    const step = advance(state, '2026-11-01T00:00:00.000Z', facts({ returned: 100, newest: '2026-11-22T08:00:00.000Z', oldest: '2026-11-22T08:00:00.000Z' }), 'search')
    expect(step.done).toBe(true)
    expect(step.notes).toEqual([expect.stringMatching(/posts published before 2026-11-22T08:00:00\.000Z in this window could not be reached/)])
    expect(step.state).toMatchObject({ floor: '2026-11-22T08:00:00.000Z', until: null, page: null })
  })

  it('does not take the end of an author feed for a search cap', () => {
    const step = advance(freshState('author:a'), '2026-11-01T00:00:00.000Z', facts({ returned: 100, newest: '2026-11-22T08:00:00.000Z', oldest: '2026-11-21T08:00:00.000Z' }), 'author')
    expect(step).toMatchObject({ done: true, notes: [] })
  })

  it('stops when the API hands back the cursor it was given', () => {
    const state = { ...freshState('author:a'), page: 'same' }
    expect(advance(state, '2026-11-01T00:00:00.000Z', facts({ apiCursor: 'same', returned: 3 }), 'author').done).toBe(true)
  })
})

describe('the window of a page', () => {
  it('leaves a pinned old post out of the decision to stop paging', () => {
    const pinned = mapFeedItem({ post: postView({ uri: 'at://a/app.bsky.feed.post/old', createdAt: '2020-01-01T00:00:00Z' }), reason: { $type: 'app.bsky.feed.defs#reasonPin' } })
    const fresh = mapPostView(postView({ uri: 'at://a/app.bsky.feed.post/new', createdAt: '2026-11-22T10:00:00Z' }))
    const { kept, facts: seen } = selectWindow([pinned, fresh], '2026-11-20T00:00:00.000Z')
    expect(kept).toEqual([fresh])
    expect(seen).toEqual({ newest: '2026-11-22T10:00:00.000Z', oldest: '2026-11-22T10:00:00.000Z', reachedFloor: false })
  })

  it('keeps failed items whatever their date so the run records them', () => {
    const broken = mapPostView({ uri: 'at://a/app.bsky.feed.post/x' })
    expect(selectWindow([broken], '2026-11-20T00:00:00.000Z').kept).toEqual([broken])
  })
})

describe('the Bluesky source configuration', () => {
  it('uses the public app view without credentials and bsky.social with them', () => {
    expect(blueskyConfigSchema.parse({ mode: 'author', actor: '@Alice.bsky.social' })).toMatchObject({ service: PUBLIC_SERVICE, actor: 'Alice.bsky.social', backfillDays: 3 })
    expect(blueskyConfigSchema.parse({ mode: 'search', query: 'x', identifier: 'me.test', appPassword: 'p' }).service).toBe(SIGNED_IN_SERVICE)
    expect(blueskyConfigSchema.parse({ mode: 'search', query: 'x', service: 'https://pds.example.org/' }).service).toBe('https://pds.example.org')
  })

  it('refuses half a set of credentials, an empty query and an actor that is neither handle nor DID', () => {
    expect(blueskyConfigSchema.safeParse({ mode: 'search', query: 'x', identifier: 'me.test' }).success).toBe(false)
    expect(blueskyConfigSchema.safeParse({ mode: 'search', query: '  ' }).success).toBe(false)
    expect(blueskyConfigSchema.safeParse({ mode: 'author', actor: 'not a handle' }).success).toBe(false)
    expect(blueskyConfigSchema.safeParse({ mode: 'author', actor: 'did:plc:z72i7hdynmk6r22z27h6tvur' }).success).toBe(true)
    expect(blueskyConfigSchema.safeParse({ mode: 'search', query: 'x', service: 'file:///etc' }).success).toBe(false)
  })
})
