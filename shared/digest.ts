import { Temporal } from 'temporal-polyfill'
import type { Spike } from '../server/db/schema'
import type { ContentStatus } from './calendar'

// The weekly digest (PRODUCT.md §6): what it holds, and the ISO weeks it is made for. A digest
// is computed on the server (server/digest/), stored as this JSON, and read by the Digest page,
// its print view, the e-mail and the CLI, so all four show the same figures.

/** An ISO week: '2026-W47'. */
export const ISO_WEEK = /^(\d{4})-W(\d{2})$/

export interface WeekBounds {
  week: string
  timeZone: string
  /** Monday and Sunday of the week, as calendar dates in the zone. */
  monday: string
  sunday: string
  /** The UTC instants (ISO) of Monday 00:00 and of the next Monday 00:00 in the zone. */
  start: string
  end: string
}

export class WeekError extends Error {}

/** The week's Monday to Sunday in the zone, with the instants they start and end at. */
export function weekBounds(week: string, timeZone: string): WeekBounds {
  const match = ISO_WEEK.exec(week)
  if (!match) throw new WeekError(`"${week}" is not an ISO week: write it as 2026-W47`)
  const year = Number(match[1])
  const number = Number(match[2])
  // 4 January is always in week 1; its week's Monday starts the ISO year.
  const january4 = Temporal.PlainDate.from({ year, month: 1, day: 4 })
  // 28 December is always in the year's last week.
  const weeks = Temporal.PlainDate.from({ year, month: 12, day: 28 }).weekOfYear!
  if (number < 1 || number > weeks) throw new WeekError(`${year} has weeks 01 to ${weeks}; "${week}" is not one of them`)
  const monday = january4.subtract({ days: january4.dayOfWeek - 1 }).add({ weeks: number - 1 })
  const nextMonday = monday.add({ weeks: 1 })
  // startOfDay: midnight, or the first instant of the day where a zone skips midnight.
  const instant = (date: Temporal.PlainDate) => new Date(date.toZonedDateTime({ timeZone }).startOfDay().epochMilliseconds).toISOString()
  return {
    week, timeZone, monday: monday.toString(), sunday: monday.add({ days: 6 }).toString(),
    start: instant(monday), end: instant(nextMonday),
  }
}

/** The ISO week a calendar date falls in. */
export function weekOfDate(date: string): string {
  const day = Temporal.PlainDate.from(date)
  return `${day.yearOfWeek}-W${String(day.weekOfYear).padStart(2, '0')}`
}

/** The ISO week before (negative) or after a week. */
export function shiftWeek(week: string, weeks: number): string {
  const { monday } = weekBounds(week, 'UTC')
  return weekOfDate(Temporal.PlainDate.from(monday).add({ weeks }).toString())
}

/** The last full week before the instant, in the zone: what Monday's digest covers. */
export function lastFullWeek(now: Date, timeZone: string): string {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone).toPlainDate()
  return weekOfDate(today.subtract({ weeks: 1 }).toString())
}

export interface SentimentCounts {
  positive: number
  negative: number
  neutral: number
  /** Posts with no score: no lexicon for their language, or none of its words. */
  none: number
}

export interface WeekFigures {
  posts: number
  engagement: number
  /** Distinct authors who posted. */
  authors: number
  sentiment: SentimentCounts
}

/** One topic or language: this week against the one before. */
export interface DigestBreakdownRow {
  /** A topic id, or a language code. */
  key: string
  label: string
  color: string | null
  current: WeekFigures
  previous: WeekFigures
}

export interface DigestDriver {
  key: string
  spike: number
  lift: number
}

/** A spike that peaked in the week (the spike watch's record), with its leading drivers. */
export type DigestSpike = Pick<Spike, 'id' | 'topicId' | 'lang' | 'granularity' | 'start' | 'end' | 'peakAt' | 'peakCount' | 'total' | 'baseline' | 'z'> & {
  topicName: string
  topicColor: string
  /** The strongest drivers per dimension (terms, hashtags, authors, links, languages). */
  drivers: Record<string, DigestDriver[]>
}

export interface DigestPost {
  id: number
  platform: string
  url: string | null
  authorId: number
  handle: string
  authorName: string | null
  title: string | null
  /** Plain text, cut to a few hundred characters. */
  text: string
  lang: string | null
  createdAt: string
  engagement: number
  topics: Array<{ id: number, name: string, color: string }>
}

export interface DigestNetwork {
  authors: number
  ties: number
  communities: number
  modularity: number | null
}

export interface RisingInfluencer {
  authorId: number
  handle: string
  name: string | null
  profileUrl: string | null
  /** Influence score this week (0–100) and the week before; null when absent from its network. */
  score: number
  previousScore: number | null
  /** score − previousScore, or the whole score for a newcomer. */
  change: number
  rank: number
  previousRank: number | null
  /** The community this week, as numbered in `network.communities`. */
  community: number
  lang: string | null
}

export interface DigestCommunity {
  community: number
  size: number
  terms: string[]
  hashtags: string[]
  /** Language codes with their share of the members, largest first. */
  languages: Array<{ lang: string, share: number }>
  members: Array<{ authorId: number, handle: string }>
  /** How many of the rising influencers belong to it. */
  rising: number
}

export interface DigestContentRow {
  lang: string
  /** Language versions of items planned to publish in the week. */
  planned: number
  published: number
}

export interface DigestContentItem {
  id: number
  title: string
  publishAt: string
  timeZone: string
  versions: Array<{ lang: string, status: ContentStatus }>
}

/**
 * One sentence of "what changed", as data: the page renders it in the reader's language, the
 * e-mail and the CLI in English. Only figures from the digest go in.
 */
export type DigestFact =
  | { kind: 'quiet' }
  | { kind: 'volume', posts: number, previous: number }
  | { kind: 'sentiment', net: number, previousNet: number | null }
  | { kind: 'topicUp' | 'topicDown', topic: string, posts: number, previous: number }
  | { kind: 'languageUp' | 'languageDown', lang: string, posts: number, previous: number }
  | { kind: 'spikes', count: number, topic: string, peakCount: number, peakAt: string }
  | { kind: 'rising', handle: string, change: number, newcomer: boolean, communityTerms: string[] }
  | { kind: 'content', planned: number, published: number, unpublishedLangs: string[] }

export const DIGEST_VERSION = 1

export interface DigestData {
  version: typeof DIGEST_VERSION
  week: WeekBounds
  previousWeek: WeekBounds
  totals: { current: WeekFigures, previous: WeekFigures }
  /** Daily post counts (the zone's days, Monday first) for both weeks. */
  daily: { current: number[], previous: number[] }
  topics: DigestBreakdownRow[]
  languages: DigestBreakdownRow[]
  spikes: DigestSpike[]
  topPosts: DigestPost[]
  network: {
    current: DigestNetwork
    previous: DigestNetwork
    rising: RisingInfluencer[]
    communities: DigestCommunity[]
  }
  content: { rows: DigestContentRow[], items: DigestContentItem[] }
  summary: DigestFact[]
}

/** Net sentiment: (positive − negative) ÷ scored posts, from −1 to 1; null when none was scored. */
export function netSentiment(counts: SentimentCounts): number | null {
  const scored = counts.positive + counts.negative + counts.neutral
  return scored === 0 ? null : (counts.positive - counts.negative) / scored
}

/** Relative change, null when there was nothing before. */
export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous
}
