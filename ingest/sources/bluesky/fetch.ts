import { MalformedResponseError } from '../../http'
import type { FetchContext, Page } from '../../types'
import type { BlueskyConfig } from './config'
import { advance, type PageFacts, readCursor, type SweepState, writeCursor } from './cursor'
import { type Mapped, mapFeedItem, mapPostView } from './normalise'
import { assemble } from './payload'
import { authorFeedResponseSchema, describeIssue, searchResponseSchema } from './schema'
import { xrpcQuery } from './session'

// Fetching: one XRPC call per page, then the pure mapping, then the cursor's next step.

/** The largest page both app.bsky.feed.searchPosts and getAuthorFeed accept. */
const LIMIT = 100
/**
 * Each sweep reaches a little below the floor: a post that a slow PDS or relay delivers late
 * is dated by its createdAt, which can be earlier than the newest post already taken. The
 * store drops the duplicates this brings.
 */
const OVERLAP_MS = 10 * 60 * 1000
const DAY_MS = 24 * 60 * 60 * 1000

interface RawPage {
  entries: unknown[]
  cursor: string | null
  hitsTotal: number | null
}

export function sourceKey(config: BlueskyConfig): string {
  return config.mode === 'search' ? `search:${config.query}` : `author:${config.actor}`
}

async function requestPage(context: FetchContext<BlueskyConfig>, state: SweepState, since: string): Promise<RawPage> {
  const { config, http, signal } = context
  const params = new URLSearchParams({ limit: String(LIMIT) })
  if (config.mode === 'search') {
    // since/until filter on the same publication time the results are sorted by.
    params.set('q', config.query)
    params.set('sort', 'latest')
    params.set('since', since)
    if (state.until) params.set('until', state.until)
  }
  else {
    params.set('actor', config.actor)
  }
  if (state.page) params.set('cursor', state.page)
  const method = config.mode === 'search' ? 'app.bsky.feed.searchPosts' : 'app.bsky.feed.getAuthorFeed'
  const body = await xrpcQuery(http, config, method, params, signal)
  return readResponse(config, method, body)
}

function readResponse(config: BlueskyConfig, method: string, body: unknown): RawPage {
  const where = `${new URL(config.service).host} ${method}`
  if (config.mode === 'search') {
    const parsed = searchResponseSchema.safeParse(body)
    if (!parsed.success) throw new MalformedResponseError(`${where} answered without a list of posts (${describeIssue(parsed.error)})`)
    return { entries: parsed.data.posts, cursor: parsed.data.cursor || null, hitsTotal: parsed.data.hitsTotal ?? null }
  }
  const parsed = authorFeedResponseSchema.safeParse(body)
  if (!parsed.success) throw new MalformedResponseError(`${where} answered without a feed (${describeIssue(parsed.error)})`)
  return { entries: parsed.data.feed, cursor: parsed.data.cursor || null, hitsTotal: null }
}

/** Keeps the entries published at or after `since`; the others are already stored or before the window. */
export function selectWindow(items: readonly Mapped[], since: string): { kept: Mapped[], facts: Pick<PageFacts, 'newest' | 'oldest' | 'reachedFloor'> } {
  const bound = Date.parse(since)
  const kept: Mapped[] = []
  const facts: Pick<PageFacts, 'newest' | 'oldest' | 'reachedFloor'> = { newest: null, oldest: null, reachedFloor: false }
  for (const item of items) {
    const time = item.posts[0]?.createdAt
    if (!time) {
      kept.push(item) // nothing but failures: those are recorded whatever their date
      continue
    }
    const inWindow = Date.parse(time) >= bound
    if (inWindow) kept.push(item)
    // A pinned post sits at the top of an author feed whatever its age: it says nothing about where the sweep is.
    if (item.pinned) continue
    if (!inWindow) facts.reachedFloor = true
    if (inWindow && (!facts.newest || time > facts.newest)) facts.newest = time
    if (!facts.oldest || time < facts.oldest) facts.oldest = time
  }
  return { kept, facts }
}

export async function fetchBlueskyPage(context: FetchContext<BlueskyConfig>): Promise<Page> {
  const { config, now } = context
  const { state, notes } = readCursor(context.cursor, sourceKey(config))
  const floor = state.floor ?? new Date(now.getTime() - config.backfillDays * DAY_MS).toISOString()
  const since = new Date(Date.parse(floor) - OVERLAP_MS).toISOString()
  const raw = await requestPage(context, state, since)
  const items = raw.entries.map((entry) => (config.mode === 'search' ? mapPostView(entry) : mapFeedItem(entry)))
  const { kept, facts } = selectWindow(items, since)
  const step = advance(state, floor, { ...facts, apiCursor: raw.cursor, returned: raw.entries.length, hitsTotal: raw.hitsTotal, limit: LIMIT }, config.mode)
  const { posts, failures } = assemble(kept)
  const allNotes = [...notes, ...step.notes]
  return { posts, failures, nextCursor: writeCursor(step.state), done: step.done, ...(allNotes.length ? { notes: allNotes } : {}) }
}
