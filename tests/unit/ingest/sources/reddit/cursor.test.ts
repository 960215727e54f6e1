import { describe, expect, it } from 'vitest'
import { readCursor, type RedditCursor, START, step, writeCursor } from '../../../../../ingest/sources/reddit/cursor'

const post = (name: string, createdUtc: number) => ({ kind: 't3', data: { name, created_utc: createdUtc } })
const posts = (count: number, from: number) => Array.from({ length: count }, (_, i) => post(`t3_n${from - i}`, from - i))

describe('the Reddit sweep cursor', () => {
  it('keeps a post from the same second as the last one seen, but stops at that one', () => {
    const seen: RedditCursor = { v: 1, seen: { name: 't3_b', createdUtc: 500 }, sweep: null }
    const result = step(seen, { children: [post('t3_c', 600), post('t3_a', 500), post('t3_b', 500), post('t3_z', 400)], after: 't3_z', rateLimited: false })
    expect(result.fresh).toEqual([post('t3_c', 600), post('t3_a', 500)])
    expect(result.done).toBe(true)
    expect(result.cursor).toEqual({ v: 1, seen: { name: 't3_c', createdUtc: 600 }, sweep: null })
  })

  it('stops at an older post even when the one it remembers was deleted', () => {
    const seen: RedditCursor = { v: 1, seen: { name: 't3_gone', createdUtc: 500 }, sweep: null }
    const result = step(seen, { children: [post('t3_c', 600), post('t3_z', 400)], after: 't3_z', rateLimited: false })
    expect(result.fresh).toEqual([post('t3_c', 600)])
    expect(result.done).toBe(true)
  })

  it('keeps the newest post of the sweep\'s first page while paging back', () => {
    const first = step(START, { children: posts(100, 10_000), after: 't3_n9901', rateLimited: false })
    expect(first.cursor.sweep).toEqual({ after: 't3_n9901', newest: { name: 't3_n10000', createdUtc: 10_000 }, walked: 100 })
    const last = step(first.cursor, { children: posts(20, 9_900), after: null, rateLimited: false })
    expect(last.cursor).toEqual({ v: 1, seen: { name: 't3_n10000', createdUtc: 10_000 }, sweep: null })
    expect(last.notes).toEqual([])
  })

  it('says on a first run that Reddit\'s 1,000-item cap hides older posts', () => {
    const deep: RedditCursor = { v: 1, seen: null, sweep: { after: 't3_x', newest: { name: 't3_top', createdUtc: 99 }, walked: 900 } }
    expect(step(deep, { children: posts(100, 50), after: null, rateLimited: false }).notes).toEqual([expect.stringMatching(/older than the 1000 read cannot be reached/)])
  })

  it('ends the sweep and warns when a page comes back empty mid-sweep (its anchor was removed)', () => {
    const midway: RedditCursor = { v: 1, seen: { name: 't3_old', createdUtc: 1 }, sweep: { after: 't3_removed', newest: { name: 't3_top', createdUtc: 99 }, walked: 200 } }
    const result = step(midway, { children: [], after: 't3_removed', rateLimited: false })
    expect(result.done).toBe(true)
    expect(result.cursor).toEqual({ v: 1, seen: { name: 't3_top', createdUtc: 99 }, sweep: null })
    expect(result.notes).toEqual([expect.stringMatching(/without reaching the previous run's newest post/)])
  })

  it('round-trips through the stored string and refuses strangers', () => {
    const cursor: RedditCursor = { v: 1, seen: { name: 't3_a', createdUtc: 1 }, sweep: null }
    expect(readCursor(writeCursor(cursor))).toEqual({ cursor })
    expect(readCursor(null)).toEqual({ cursor: START })
    expect(readCursor('{"v":2}').note).toMatch(/not understood/)
  })
})
