import { z } from 'zod'

// Reddit listings are newest-first and `after` pages backwards in time; there is no way to ask
// for "everything since X" oldest-first (`before` breaks when its anchor post is deleted).
// So a run is a sweep: start at the newest page, follow `after` back until reaching the newest
// post the previous sweep saw, then remember this sweep's newest post for the next one. The
// sweep's position is stored after every committed page, so a crash resumes where it was and
// never skips a page. Listings end near 1,000 items (https://www.reddit.com/dev/api, "listings"):
// a sweep that runs into that end without reaching known posts may have missed some.

export const LISTING_CAP = 1_000
export const PAGE_LIMIT = 100

const markerSchema = z.object({ name: z.string().min(1), createdUtc: z.number() })
export type Marker = z.infer<typeof markerSchema>

const cursorSchema = z.object({
  v: z.literal(1),
  /** The newest post of the last finished sweep: paging back stops there. */
  seen: markerSchema.nullable(),
  /** A sweep under way: the `after` to continue from and the newest post it started with. */
  sweep: z.object({ after: z.string().min(1), newest: markerSchema.nullable(), walked: z.number().int().nonnegative() }).nullable(),
})
export type RedditCursor = z.infer<typeof cursorSchema>

export const START: RedditCursor = { v: 1, seen: null, sweep: null }

export function readCursor(raw: string | null): { cursor: RedditCursor, note?: string } {
  if (!raw) return { cursor: START }
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return { cursor: parsed.data }
  }
  catch {
    // not JSON: handled below
  }
  // Starting over re-reads recent posts; dedupe keeps them from being stored twice.
  return { cursor: START, note: 'the stored Reddit cursor was not understood; starting from the newest posts again' }
}

export function writeCursor(cursor: RedditCursor): string {
  return JSON.stringify(cursor)
}

const childMarker = z.object({ data: z.object({ name: z.string().min(1), created_utc: z.number() }) })

export function markerOf(child: unknown): Marker | null {
  const parsed = childMarker.safeParse(child)
  return parsed.success ? { name: parsed.data.data.name, createdUtc: parsed.data.data.created_utc } : null
}

/**
 * The children newer than the last sweep's newest post, in listing order. Equal timestamps are
 * kept (two posts can share a second): a post read twice is deduplicated, a skipped one is lost.
 */
export function unseenChildren(children: unknown[], seen: Marker | null): { fresh: unknown[], reachedSeen: boolean } {
  if (!seen) return { fresh: children, reachedSeen: false }
  const stop = children.findIndex((child) => {
    const marker = markerOf(child)
    return marker !== null && (marker.name === seen.name || marker.createdUtc < seen.createdUtc)
  })
  return stop === -1 ? { fresh: children, reachedSeen: false } : { fresh: children.slice(0, stop), reachedSeen: true }
}

function newestOf(children: unknown[]): Marker | null {
  let newest: Marker | null = null
  for (const child of children) {
    const marker = markerOf(child)
    if (marker && (!newest || marker.createdUtc > newest.createdUtc)) newest = marker
  }
  return newest
}

export interface ListingPage {
  children: unknown[]
  after: string | null
  /** x-ratelimit-remaining fell to 0 on this response. */
  rateLimited: boolean
}

export interface Step {
  cursor: RedditCursor
  fresh: unknown[]
  done: boolean
  notes: string[]
}

/** What to say when a listing ends before the posts already seen. */
function endNotes(hadSeen: boolean, walked: number): string[] {
  // The listing also ends early when the post `after` points at was removed meanwhile.
  if (hadSeen) return [`the listing ended after ${walked} items without reaching the previous run's newest post: Reddit stops listings near ${LISTING_CAP} items, so posts in between may be missing`]
  if (walked >= LISTING_CAP - PAGE_LIMIT) return [`Reddit stops listings near ${LISTING_CAP} items: posts older than the ${walked} read cannot be reached`]
  return []
}

/** Decides what a fetched listing page means for the sweep: which children are new, what to store next. */
export function step(current: RedditCursor, page: ListingPage): Step {
  const { fresh, reachedSeen } = unseenChildren(page.children, current.seen)
  const newest = current.sweep ? current.sweep.newest : newestOf(fresh)
  const walked = (current.sweep?.walked ?? 0) + page.children.length
  const notes: string[] = []
  const after = page.children.length > 0 ? page.after : null
  if (reachedSeen || !after) {
    if (!after && !reachedSeen) notes.push(...endNotes(current.seen !== null, walked))
    return { cursor: { v: 1, seen: newest ?? current.seen, sweep: null }, fresh, done: true, notes }
  }
  if (page.rateLimited) notes.push('Reddit\'s rate limit for this period is used up (x-ratelimit-remaining: 0); the sweep continues on the next run')
  return {
    cursor: { v: 1, seen: current.seen, sweep: { after, newest, walked } },
    fresh,
    done: page.rateLimited,
    notes,
  }
}
