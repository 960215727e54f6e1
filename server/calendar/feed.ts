import type { Db } from '../db'
import { feedOwner } from '../db/repositories/calendar-feeds'
import { feedItems } from '../db/repositories/content-items'
import { calendarFeed } from './ics'

/** How far back a feed reaches: the recent past stays visible without the feed growing forever. */
export const FEED_PAST_DAYS = 180

/**
 * The ICS text behind a feed's file name ('<secret>.ics'), or null when no active account has
 * that secret. `mine` keeps the items the person owns or has a language version of.
 */
export async function renderFeed(db: Db, file: string, options: { mine: boolean, origin: string, now: Date }): Promise<string | null> {
  const owner = file.endsWith('.ics') ? await feedOwner(db, file.slice(0, -'.ics'.length), options.now) : undefined
  if (!owner) return null
  const since = new Date(options.now.getTime() - FEED_PAST_DAYS * 86_400_000).toISOString()
  const items = await feedItems(db, since, options.mine ? owner.id : null)
  return calendarFeed(items, { origin: options.origin, name: options.mine ? 'Chorus editorial calendar (mine)' : 'Chorus editorial calendar' })
}
