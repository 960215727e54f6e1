import { stringify } from 'csv-stringify/sync'
import { z } from 'zod'
import { QuerySyntaxError } from '../../ingest/nlp/query'
import { type ConversationFilters, conversationFiltersSchema } from '../../shared/schemas/monitor'
import type { Db } from '../db'
import { allMatches, type PostCard, postCards, prepareSearch } from '../db/repositories/conversations'

// The export of a filtered conversation stream (PRODUCT.md §3 "Exports"): every matching post,
// newest first, written a chunk at a time so a large set never sits in memory.

export const EXPORT_FORMATS = ['csv', 'jsonl'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
}

/** One post as a row of the file: the same fields, in this order, in CSV and JSONL. */
export function exportRow(post: PostCard) {
  return {
    id: post.id,
    created_at: post.createdAt,
    platform: post.platform,
    url: post.url,
    author_handle: post.authorHandle,
    author_name: post.authorName,
    lang: post.lang,
    // What the team reads: an analyst's correction wins over the lexicon.
    sentiment: post.sentimentCorrected ?? post.sentimentLabel,
    topics: post.topics.map((topic) => topic.name).join('; '),
    likes: post.likes,
    reposts: post.reposts,
    replies: post.replies,
    quotes: post.quotes,
    engagement: post.engagement,
    title: post.title,
    text: post.text,
  }
}

export type ExportRow = ReturnType<typeof exportRow>
type Column = keyof ExportRow

export const EXPORT_COLUMNS = ['id', 'created_at', 'platform', 'url', 'author_handle', 'author_name', 'lang', 'sentiment', 'topics',
  'likes', 'reposts', 'replies', 'quotes', 'engagement', 'title', 'text'] as const satisfies readonly Column[]

// Spreadsheet apps run a cell that starts with one of these as a formula (OWASP "CSV
// Injection"); a leading quote makes it text. Tab and carriage return are on OWASP's list too.
const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: string | number | null): string | number | null {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value
}

function csvRecords(rows: readonly ExportRow[]): string {
  return stringify(rows.map((row) => EXPORT_COLUMNS.map((column) => csvCell(row[column]))))
}

/** The file a chunk at a time: CSV (a BOM so spreadsheets read UTF-8, then a header row) or JSONL. */
export async function* exportChunks(db: Db, input: ConversationFilters, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield `\uFEFF${stringify([[...EXPORT_COLUMNS]])}`
  for await (const ids of allMatches(db, input)) {
    const rows = (await postCards(db, ids)).map(exportRow)
    yield format === 'csv' ? csvRecords(rows) : rows.map((row) => `${JSON.stringify(row)}\n`).join('')
  }
}

export function exportFileName(format: ExportFormat, now: Date): string {
  return `chorus-conversations-${now.toISOString().slice(0, 10)}.${format}`
}

const list = z.string().max(4000).default('').transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
const day = z.string({ error: 'the first and last day of the period, as YYYY-MM-DD' })
const positive = z.coerce.number().int().positive()

// The query string uses the keys of the conversations page's URL, with one difference: the
// period is always given as from and to, so a link to an export means the same set tomorrow.
const exportQuerySchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  from: day,
  to: day,
  topic: positive.optional(),
  lang: list,
  platform: list,
  source: list,
  sentiment: list,
  q: z.string().max(2000).default(''),
  author: positive.optional(),
  community: z.string().regex(/^\d+:\d+$/, 'community: snapshot:community, e.g. 12:3').optional(),
})

export type ExportRequest = { ok: true, format: ExportFormat, input: ConversationFilters } | { ok: false, message: string }

/** The export a query string asks for, or why it cannot be served (a 400 for the user to fix). */
export function parseExportQuery(query: Record<string, unknown>): ExportRequest {
  const raw = exportQuerySchema.safeParse(query)
  if (!raw.success) return { ok: false, message: z.prettifyError(raw.error) }
  const { format, from, to, topic, lang, platform, source, sentiment, q, author, community } = raw.data
  const [snapshotId, communityId] = community ? community.split(':').map(Number) : []
  const parsed = conversationFiltersSchema.safeParse({
    filters: { from, to, topicId: topic ?? null, langs: lang, platforms: platform, sourceIds: source.map(Number), sentiments: sentiment },
    q,
    authorId: author ?? null,
    community: community ? { snapshotId, community: communityId } : null,
  })
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) }
  try {
    prepareSearch(parsed.data.q)
  }
  catch (error) {
    if (error instanceof QuerySyntaxError) return { ok: false, message: `q: ${error.message}` }
    throw error
  }
  return { ok: true, format, input: parsed.data }
}
