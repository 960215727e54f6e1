import { z } from 'zod'

// The cursor of a Bluesky source, and how it moves. Neither searchPosts nor getAuthorFeed can
// list oldest first (searchPosts sorts by `top` or `latest`; feeds are newest first), so a run
// is a sweep from the newest post down to the newest one the previous sweep took (the floor).
// The floor only moves when a sweep ends; until then the stored cursor holds the API's page
// cursor, so a crash resumes the sweep instead of skipping what lies below.

const stateSchema = z.object({
  v: z.literal(1),
  /** The source this state belongs to (mode and query or actor): an edited source starts afresh. */
  key: z.string(),
  /** Publication time of the newest post taken by the last finished sweep. */
  floor: z.string().nullable(),
  /** Newest post time of the sweep under way; the next floor. */
  top: z.string().nullable(),
  /** The API's cursor for the next page of the sweep. */
  page: z.string().nullable(),
  /** Search only: the upper time bound set when the result cap forced the query to restart. */
  until: z.string().nullable(),
  /** Entries read since the query (or its restart) began, to tell a cap from an end. */
  taken: z.number().int().nonnegative(),
})
export type SweepState = z.output<typeof stateSchema>

export function freshState(key: string): SweepState {
  return { v: 1, key, floor: null, top: null, page: null, until: null, taken: 0 }
}

export function readCursor(raw: string | null, key: string): { state: SweepState, notes: string[] } {
  if (raw === null) return { state: freshState(key), notes: [] }
  let json: unknown
  try {
    json = JSON.parse(raw)
  }
  catch {
    json = null
  }
  const parsed = stateSchema.safeParse(json)
  if (!parsed.success) return { state: freshState(key), notes: ['the stored cursor was unreadable: starting again from the backfill window'] }
  if (parsed.data.key !== key) return { state: freshState(key), notes: ['the source changed since the last run: starting again from the backfill window'] }
  return { state: parsed.data, notes: [] }
}

export function writeCursor(state: SweepState): string {
  return JSON.stringify(state)
}

/** What one page showed, in the terms the sweep needs. */
export interface PageFacts {
  /** The cursor the API returned, if any. */
  apiCursor: string | null
  /** How many entries the response held (taken or not). */
  returned: number
  /** Newest publication time among the entries taken. */
  newest: string | null
  /** Oldest publication time among all dated entries. */
  oldest: string | null
  /** An entry older than the floor appeared: everything below is already stored. */
  reachedFloor: boolean
  /** searchPosts' hitsTotal, when given. */
  hitsTotal: number | null
  /** The page size asked for. */
  limit: number
}

export interface Step {
  state: SweepState
  done: boolean
  notes: string[]
}

function later(a: string | null, b: string | null): string | null {
  if (!a) return b
  if (!b) return a
  return Date.parse(a) >= Date.parse(b) ? a : b
}

/**
 * searchPosts stops handing out cursors after about 10,000 results for one query (the search
 * index pages by offset). A page that ends the cursors while still full, or while hitsTotal
 * says more matched, was cut off rather than exhausted.
 */
function cutOff(state: SweepState, facts: PageFacts): boolean {
  if (facts.returned === 0 || facts.reachedFloor || !facts.oldest) return false
  return facts.returned >= facts.limit || (facts.hitsTotal !== null && facts.hitsTotal > state.taken + facts.returned)
}

function finish(state: SweepState, floor: string, top: string | null, notes: string[] = []): Step {
  return { state: { ...freshState(state.key), floor: later(floor, top) }, done: true, notes }
}

/** The next state after a page; `floor` is the effective floor (the stored one or the backfill start). */
export function advance(state: SweepState, floor: string, facts: PageFacts, mode: 'search' | 'author'): Step {
  const top = later(state.top, facts.newest)
  const taken = state.taken + facts.returned
  const nextPage = facts.apiCursor && facts.apiCursor !== state.page && !facts.reachedFloor ? facts.apiCursor : null
  if (nextPage) return { state: { ...state, top, page: nextPage, taken }, done: false, notes: [] }
  if (mode !== 'search' || !cutOff(state, facts)) return finish(state, floor, top)
  // Restart the same query below the oldest post seen (+1 ms: `until` is exclusive and other
  // posts may share that millisecond; the store drops the duplicates).
  const until = new Date(Date.parse(facts.oldest!) + 1).toISOString()
  const capped = `Bluesky search stopped after ${taken} results with more still coming (it returns about 10,000 per query)`
  if (state.until && Date.parse(until) >= Date.parse(state.until)) {
    return finish(state, floor, top, [`${capped}; posts published before ${facts.oldest} in this window could not be reached`])
  }
  return {
    state: { ...state, top, page: null, until, taken: 0 },
    done: false,
    notes: [`${capped}; continuing with posts published before ${until}`],
  }
}
