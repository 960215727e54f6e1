import { z } from 'zod'
import { PLATFORMS } from '../../ingest/types'
import { isLanguageCode } from '../languages'

// The filters of the overview and conversations pages: what their URLs hold, what a saved
// search stores, and what every monitor procedure and the export take.

export const SENTIMENT_FILTERS = ['positive', 'negative', 'neutral', 'none'] as const
export const RANGE_PRESETS = [7, 30, 90] as const
/** The longest period a page may ask for: rollup reads stay bounded. */
export const MAX_RANGE_DAYS = 731

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'not a real day')
const id = z.number().int().positive()

export const monitorFiltersSchema = z.object({
  /** First and last day of the period, inclusive, in UTC. */
  from: isoDay,
  to: isoDay,
  topicId: id.nullable().default(null),
  langs: z.array(z.string().refine((code) => code === 'und' || isLanguageCode(code), 'not a supported language')).max(40).default([]),
  platforms: z.array(z.enum(PLATFORMS)).max(PLATFORMS.length).default([]),
  /** 0 stands for posts that came from no source (file imports). */
  sourceIds: z.array(z.number().int().nonnegative()).max(100).default([]),
  sentiments: z.array(z.enum(SENTIMENT_FILTERS)).max(4).default([]),
}).refine((f) => f.from <= f.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((f) => daysBetween(f.from, f.to) <= MAX_RANGE_DAYS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ['from'] })

export type MonitorFilters = z.output<typeof monitorFiltersSchema>

export const conversationFiltersSchema = z.object({
  filters: monitorFiltersSchema,
  /** Search text in the topic query language; words side by side mean AND. */
  q: z.string().trim().max(2000).default(''),
  authorId: id.nullable().default(null),
  /** The authors of one community of a network snapshot (the influencer pages). */
  community: z.object({ snapshotId: id, community: z.number().int().nonnegative() }).nullable().default(null),
})
export type ConversationFilters = z.output<typeof conversationFiltersSchema>

export const CONVERSATION_SORTS = ['newest', 'engaged'] as const

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
}

/** Every day from `from` to `to`, inclusive. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10))
  }
  return days
}

/** The period of the same length just before this one, for "change against the previous period". */
export function previousPeriod(from: string, to: string): { from: string, to: string } {
  const length = daysBetween(from, to)
  const start = Date.parse(`${from}T00:00:00Z`)
  return {
    from: new Date(start - length * 86_400_000).toISOString().slice(0, 10),
    to: new Date(start - 86_400_000).toISOString().slice(0, 10),
  }
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10)
}

/** The preset period of `days` days ending today (UTC), today included. */
export function presetPeriod(days: number, now = new Date()): { from: string, to: string } {
  const to = todayUtc(now)
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10)
  return { from, to }
}
