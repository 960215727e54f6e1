import { z } from 'zod'
import { MAX_QUERY_LENGTH, validateQuery } from '../../ingest/nlp/query'
import { HEX_COLOUR } from '../palette'
import { isLanguageCode } from '../languages'

export const topicIdSchema = z.number().int().positive()

/** '*' is the query every language is tested against; a code narrows it to that language. */
export const queryLangSchema = z.string().refine((value) => value === '*' || isLanguageCode(value), 'not a supported language')

/** A query with its syntax checked: the message names the position and what was expected. */
export const topicQuerySchema = z.string().trim().min(1).max(MAX_QUERY_LENGTH).superRefine((query, ctx) => {
  const error = validateQuery(query)
  if (error) ctx.addIssue({ code: 'custom', message: error.message, params: { position: error.position, code: error.code } })
})

export const topicQueriesSchema = z.array(z.object({ lang: queryLangSchema, query: topicQuerySchema }))
  .min(1, 'add at least one query')
  .max(60)
  .refine((queries) => new Set(queries.map((q) => q.lang)).size === queries.length, 'one query per language')

const topicFields = {
  name: z.string().trim().min(1).max(200),
  color: z.string().regex(HEX_COLOUR, 'a colour like #0f766e'),
  description: z.string().trim().max(2000).default(''),
  enabled: z.boolean().default(true),
  queries: topicQueriesSchema,
  alertsEnabled: z.boolean().default(true),
  alertEmails: z.array(z.email()).max(20).default([]),
  alertWebhookUrl: z.url({ protocol: /^https?$/ }).max(2000).nullable().default(null),
  /** Absent or the mask keeps the stored secret; null removes it. */
  alertWebhookSecret: z.string().min(8).max(200).nullable().optional(),
  alertCooldownMinutes: z.number().int().min(5).max(60 * 24 * 7).default(360),
}

export const createTopicInput = z.object(topicFields)
export const updateTopicInput = z.object({ id: topicIdSchema, ...topicFields })

export const previewTopicInput = z.object({
  queries: z.array(z.object({ lang: queryLangSchema, query: z.string().max(MAX_QUERY_LENGTH) })).max(60),
  limit: z.number().int().min(1).max(50).default(20),
})
