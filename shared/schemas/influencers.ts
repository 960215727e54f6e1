import { z } from 'zod'
import { isLanguageCode } from '../languages'
import { MAX_RANGE_DAYS, daysBetween } from './monitor'

// What the influencer pages ask for: the scope of a network snapshot, the list's sorting and
// filters, and the watchlist's entries.

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
const id = z.number().int().positive()

export const snapshotScopeSchema = z.object({
  topicId: id.nullable().default(null),
  lang: z.string().refine(isLanguageCode, 'not a supported language').nullable().default(null),
  from: isoDay,
  to: isoDay,
}).refine((s) => s.from <= s.to, { message: 'the period ends before it starts', path: ['to'] })
  .refine((s) => daysBetween(s.from, s.to) <= MAX_RANGE_DAYS, { message: `at most ${MAX_RANGE_DAYS} days`, path: ['from'] })
export type SnapshotScope = z.output<typeof snapshotScopeSchema>

/** The list's sortable columns: the score and each of its parts. */
export const INFLUENCER_SORTS = ['score', 'pagerank', 'inDegree', 'reach', 'engagement', 'betweenness', 'activity'] as const
export type InfluencerSort = (typeof INFLUENCER_SORTS)[number]

export const influencerListSchema = z.object({
  snapshotId: id,
  sort: z.enum(INFLUENCER_SORTS).default('score'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  lang: z.string().max(10).nullable().default(null),
  community: z.number().int().nonnegative().nullable().default(null),
  q: z.string().trim().max(200).default(''),
  watchedOnly: z.boolean().default(false),
  offset: z.number().int().nonnegative().max(1_000_000).default(0),
  limit: z.number().int().min(1).max(200).default(50),
})

const tag = z.string().trim().min(1).max(40)
export const watchEntrySchema = z.object({
  authorId: id,
  note: z.string().trim().max(4000).default(''),
  tags: z.array(tag).max(20).default([]).transform((tags) => [...new Set(tags)]),
})
export type WatchEntry = z.output<typeof watchEntrySchema>
