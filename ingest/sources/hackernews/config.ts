import { z } from 'zod'

export const HN_TAGS = { story: 'story', comment: 'comment', all: '(story,comment)' } as const

export const hackerNewsConfigSchema = z.object({
  /** The Algolia HN Search API host (https://hn.algolia.com/api). */
  baseUrl: z.url({ protocol: /^https?$/ }).default('https://hn.algolia.com'),
  /** Full-text query; empty follows every story and comment. */
  query: z.string().trim().max(512).default(''),
  /** Which items: stories, comments, or both (Algolia tags, OR-ed inside parentheses). */
  tags: z.enum(['story', 'comment', 'all']).default('all'),
  /** How far back the first run reaches. */
  backfillHours: z.number().int().min(1).max(24 * 365).default(24),
})

export type HackerNewsConfig = z.infer<typeof hackerNewsConfigSchema>
