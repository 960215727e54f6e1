import { z } from 'zod'

// Time slicing for the Algolia HN Search API (https://hn.algolia.com/api).
//
// search_by_date sorts newest first and serves no more than ~1,000 hits of one query however it
// is paged, so the adapter never pages at all: each fetch asks for one time window,
// created_at_i in (since, until], small enough that its first page of 100 holds every hit in it
// (nbHits <= 100). Window after window, oldest first, `since` moves to `until` only when the
// page holding the whole window is returned, and the bounds are whole seconds, strict below and
// inclusive above, so consecutive windows neither overlap nor leave a gap: no item is skipped or
// read twice. A window that holds too much is narrowed in proportion to its count and asked
// again; an empty or sparse one lets the next grow, so quiet stretches cost few requests.
//
// The window never reaches closer than INDEX_LAG_S to now: an item posted at second t can reach
// the index a little later, and a window already passed is never looked at again.

export const HITS_PER_PAGE = 100
/** Aim below a full page, so a window narrowed by the average rate still fits despite bursts. */
export const TARGET_HITS = 80
export const INDEX_LAG_S = 300
export const MAX_SPAN_S = 7 * 24 * 3600

const cursorSchema = z.object({
  v: z.literal(1),
  /** Every item with created_at_i <= since has been returned. */
  since: z.number().int().nonnegative(),
  /** Width of the next window to try, in seconds. */
  span: z.number().int().positive(),
})
export type HnCursor = z.infer<typeof cursorSchema>

export function startCursor(now: Date, backfillHours: number): HnCursor {
  const span = backfillHours * 3600
  return { v: 1, since: seconds(now) - span, span: Math.min(span, MAX_SPAN_S) }
}

export function readCursor(raw: string | null, now: Date, backfillHours: number): { cursor: HnCursor, note?: string } {
  if (!raw) return { cursor: startCursor(now, backfillHours) }
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(raw))
    if (parsed.success) return { cursor: parsed.data }
  }
  catch {
    // not JSON: handled below
  }
  // Starting over re-reads the backfill period; dedupe keeps items from being stored twice.
  return { cursor: startCursor(now, backfillHours), note: 'the stored Hacker News cursor was not understood; reading the backfill period again' }
}

export function writeCursor(cursor: HnCursor): string {
  return JSON.stringify(cursor)
}

export function seconds(date: Date): number {
  return Math.floor(date.getTime() / 1000)
}

/** The newest second a window may reach now. */
export function horizonOf(now: Date): number {
  return seconds(now) - INDEX_LAG_S
}

/** The upper bound of the next window to try. */
export function firstUntil(cursor: HnCursor, horizon: number): number {
  return Math.min(horizon, cursor.since + cursor.span)
}

/**
 * A narrower window expected to hold about TARGET_HITS, given that (since, until] holds nbHits;
 * at most half as wide, so a burst packed into the first seconds is reached in a few halvings.
 */
export function narrowedUntil(since: number, until: number, nbHits: number): number {
  const width = until - since
  return since + Math.max(1, Math.min(Math.floor((width * TARGET_HITS) / nbHits), Math.floor(width / 2)))
}

/**
 * The cursor once the whole window (since, until] is committed. A sparse window lets the next
 * one grow; a window cut short by the horizon says nothing about density, so the width that
 * was planned is kept for the next run.
 */
export function afterWindow(cursor: HnCursor, until: number, nbHits: number, narrowed: boolean): HnCursor {
  const width = until - cursor.since
  const base = narrowed ? width : Math.max(width, cursor.span)
  const span = nbHits < TARGET_HITS / 2 ? Math.min(MAX_SPAN_S, base * 2) : base
  return { v: 1, since: until, span: Math.max(1, span) }
}
