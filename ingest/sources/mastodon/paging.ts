import { z } from 'zod'

// The cursor stored for a Mastodon source (JSON) and the id arithmetic behind it. Mastodon pages
// by instance-local ids: `min_id` returns the statuses immediately newer than an id, `max_id`
// those older, and the Link header names both ends of a page.
// https://docs.joinmastodon.org/api/guidelines/#pagination

const cursorSchema = z.object({
  /** Newest instance-local id stored: the next request asks for what follows it. */
  minId: z.string().min(1).nullable(),
  /** Search only: a walk down from maxId towards minId is under way; top is the newest id seen in it. */
  walk: z.object({ maxId: z.string().min(1), top: z.string().min(1) }).optional(),
  /** Account mode: the id the acct resolved to, so it is looked up once. */
  account: z.object({ acct: z.string().min(1), id: z.string().min(1) }).optional(),
})
export type MastodonCursor = z.output<typeof cursorSchema>

export function readCursor(stored: string | null): MastodonCursor {
  if (!stored) return { minId: null }
  let data: unknown
  try {
    data = JSON.parse(stored)
  }
  catch {
    data = undefined
  }
  const parsed = cursorSchema.safeParse(data)
  if (parsed.success) return parsed.data
  // A bare status id, as an operator would set one by hand to say where to start.
  if (/^[\w-]+$/.test(stored)) return { minId: stored }
  throw new Error(`the stored Mastodon cursor cannot be read: ${stored.slice(0, 100)}`)
}

/** The cursor to store, or null when it says nothing new (null keeps the current one). */
export function cursorToStore(stored: string | null, next: MastodonCursor): string | null {
  const text = JSON.stringify({ minId: next.minId, walk: next.walk, account: next.account })
  return text === stored || next.minId === null ? null : text
}

/**
 * Orders ids. Mastodon's are decimal snowflakes of growing length; GoToSocial's ULIDs and
 * Akkoma's flake ids have a fixed length and sort as text.
 */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

export function newestId(ids: readonly string[]): string | null {
  return ids.reduce<string | null>((best, id) => (best === null || compareIds(id, best) > 0 ? id : best), null)
}

export function oldestId(ids: readonly string[]): string | null {
  return ids.reduce<string | null>((best, id) => (best === null || compareIds(id, best) < 0 ? id : best), null)
}

/** The `id` of every item that has one: failed items count for paging too. */
export function idsOf(items: readonly unknown[]): string[] {
  return items.flatMap((item) => {
    const id = typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined
    return typeof id === 'string' && id ? [id] : []
  })
}

/** A query parameter of the Link header's entry with this rel, e.g. min_id of rel="prev". */
export function linkParam(header: string | null, rel: string, param: string): string | null {
  if (!header) return null
  for (const entry of header.split(/,\s*(?=<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(entry)
    const rels = /;\s*rel\s*=\s*"?([^";]*)"?/i.exec(match?.[2] ?? '')?.[1]?.split(/\s+/) ?? []
    if (!match || !rels.includes(rel)) continue
    try {
      return new URL(match[1]!, 'http://base.invalid').searchParams.get(param)
    }
    catch {
      return null
    }
  }
  return null
}
