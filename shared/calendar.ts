import { PALETTE } from './palette'
import type { Role } from './roles'

// The editorial calendar's vocabulary (PRODUCT.md §5), shared by the database, the procedures,
// the ICS feed and the pages.

/**
 * Who plans: editors and admins edit every item, analysts the ones they created (a gap they
 * spotted becomes a draft); viewers read.
 */
export const CALENDAR_PLANNERS: readonly Role[] = ['admin', 'editor', 'analyst']

/** A language version's steps, in the order it goes through them. */
export const CONTENT_STATUSES = ['idea', 'drafting', 'translating', 'review', 'scheduled', 'published'] as const
export type ContentStatus = (typeof CONTENT_STATUSES)[number]

/** Where a content item goes out. */
export const CHANNELS = ['mastodon', 'bluesky', 'website', 'newsletter', 'press', 'video'] as const
export type Channel = (typeof CHANNELS)[number]

/** How far along a status is: 0 for an idea, 5 once published. */
export function statusRank(status: ContentStatus): number {
  return CONTENT_STATUSES.indexOf(status)
}

/**
 * An item is as far along as its least advanced version: a post is not "scheduled" while its
 * Arabic version is still a draft. It is computed wherever it is shown, never stored.
 */
export function itemStatus(versions: readonly { status: ContentStatus }[]): ContentStatus {
  if (versions.length === 0) return CONTENT_STATUSES[0]
  return versions.reduce<ContentStatus>((least, version) => (statusRank(version.status) < statusRank(least) ? version.status : least), 'published')
}

/** The step after this one; null once published. */
export function nextStatus(status: ContentStatus): ContentStatus | null {
  return CONTENT_STATUSES[statusRank(status) + 1] ?? null
}

/** The share of all steps the versions have taken together, from 0 to 1. */
export function itemProgress(versions: readonly { status: ContentStatus }[]): number {
  if (versions.length === 0) return 0
  const last = CONTENT_STATUSES.length - 1
  return versions.reduce((sum, version) => sum + statusRank(version.status), 0) / (versions.length * last)
}

/**
 * One palette colour per status, picked so neighbouring steps stay apart and "published" reads
 * as done (green) on both themes.
 */
export const STATUS_COLOURS: Readonly<Record<ContentStatus, string>> = {
  idea: PALETTE[7],
  drafting: PALETTE[5],
  translating: PALETTE[6],
  review: PALETTE[3],
  scheduled: PALETTE[0],
  published: PALETTE[4],
}
