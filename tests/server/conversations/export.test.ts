import { parse } from 'csv-parse/sync'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { startRun } from '../../../server/db/repositories/ingest'
import { countMatches } from '../../../server/db/repositories/conversations'
import { csvCell, EXPORT_COLUMNS, exportChunks, exportFileName, type ExportFormat, parseExportQuery } from '../../../server/export/conversations'
import { BatchWriter } from '../../../ingest/pipeline'
import { Tagger } from '../../../ingest/nlp/tagger'
import type { ConversationFilters } from '../../../shared/schemas/monitor'
import { aPost, anAuthor } from '../ingest/builders'

// The conversations export: which rows, in which shape, and what a bad query string gets.

let db: Db
let sqlite: SqliteHandle
let tagger: Tagger
const now = new Date('2026-11-22T10:00:00Z')

beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
  // The language models load on first use: once here, not inside the first test's time.
  tagger.tagBatch([aPost('warm-up', { text: 'Les réfugiés du camp attendent un abri.' })])
}, 60_000)

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
})

function filtersFor(q = '', overrides: Partial<ConversationFilters['filters']> = {}): ConversationFilters {
  return { filters: { from: '2026-11-01', to: '2026-11-22', topicId: null, langs: [], platforms: [], sourceIds: [], sentiments: [], ...overrides }, q, authorId: null, community: null }
}

async function store(posts: ReturnType<typeof aPost>[]) {
  const writer = new BatchWriter(sqlite, db, tagger.tagBatch)
  const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
  writer.store({ runId, sourceId: null, now, page: { posts, failures: [], nextCursor: null } })
}

async function exported(input: ConversationFilters, format: ExportFormat): Promise<string> {
  let file = ''
  for await (const chunk of exportChunks(db, input, format)) file += chunk
  return file
}

describe('parseExportQuery', () => {
  it('refuses an unknown format, a missing period and a bad filter, saying which', () => {
    expect(parseExportQuery({ format: 'xlsx', from: '2026-11-01', to: '2026-11-22' })).toMatchObject({ ok: false, message: expect.stringContaining('format') })
    expect(parseExportQuery({ format: 'csv', range: '30' })).toMatchObject({ ok: false, message: expect.stringContaining('YYYY-MM-DD') })
    expect(parseExportQuery({ format: 'csv', from: '2026-11-22', to: '2026-11-01' })).toMatchObject({ ok: false, message: expect.stringContaining('ends before it starts') })
    expect(parseExportQuery({ format: 'csv', from: '2026-11-01', to: '2026-11-22', platform: 'myspace' })).toMatchObject({ ok: false, message: expect.stringContaining('platforms') })
    expect(parseExportQuery({ format: 'csv', from: '2026-11-01', to: '2026-11-22', author: 'x' })).toMatchObject({ ok: false, message: expect.stringContaining('author') })
  })

  it('refuses a search that does not parse, naming the position', () => {
    expect(parseExportQuery({ format: 'csv', from: '2026-11-01', to: '2026-11-22', q: 'refugees AND (' }))
      .toEqual({ ok: false, message: expect.stringMatching(/^q: .* at 14$/) })
  })

  it('reads the keys of the page URL', () => {
    expect(parseExportQuery({ format: 'jsonl', from: '2026-11-01', to: '2026-11-22', topic: '3', lang: 'fr,ar', platform: 'mastodon', source: '0,2', sentiment: 'negative', q: 'réfugiés', author: '7', community: '12:3' }))
      .toEqual({ ok: true, format: 'jsonl', input: {
        filters: { from: '2026-11-01', to: '2026-11-22', topicId: 3, langs: ['fr', 'ar'], platforms: ['mastodon'], sourceIds: [0, 2], sentiments: ['negative'] },
        q: 'réfugiés', authorId: 7, community: { snapshotId: 12, community: 3 },
      } })
  })
})

describe('csvCell', () => {
  it('makes cells that a spreadsheet would run as formulas into text', () => {
    expect(['=1+1', '+33 6', '-2', '@SUM(A1)', '\t=x', 'fine', '', 12, null].map(csvCell))
      .toEqual(['\'=1+1', '\'+33 6', '\'-2', '\'@SUM(A1)', '\'\t=x', 'fine', '', 12, null])
  })
})

describe('exportChunks', () => {
  beforeEach(async () => {
    await store([
      aPost('1', { text: 'Les réfugiés du camp attendent un abri.\nDeuxième ligne, "citée".', declaredLang: 'fr', createdAt: '2026-11-20T09:00:00.000Z' }),
      aPost('2', { text: '=HYPERLINK("http://evil.example","refugees")', createdAt: '2026-11-20T10:00:00.000Z', author: anAuthor('b', { name: '@admin' }) }),
      aPost('3', { text: 'Climate finance talks stalled again.', createdAt: '2026-11-21T08:00:00.000Z', metrics: { likes: 4, reposts: 1, replies: null, quotes: null } }),
      aPost('4', { text: 'An old post about refugees.', createdAt: '2026-10-01T08:00:00.000Z' }),
    ])
  })

  it('writes every post of the set as CSV, newest first, with a header and formulas defused', async () => {
    const file = await exported(filtersFor(), 'csv')
    expect(file.startsWith('\uFEFF')).toBe(true)
    const rows = parse(file.slice(1), { columns: true }) as Record<string, string>[]
    expect(Object.keys(rows[0]!)).toEqual([...EXPORT_COLUMNS])
    expect(rows.map((row) => row.text)).toEqual([
      'Climate finance talks stalled again.',
      '\'=HYPERLINK("http://evil.example","refugees")',
      'Les réfugiés du camp attendent un abri.\nDeuxième ligne, "citée".',
    ])
    // Mastodon handles start with @ too: in CSV they are text like the rest.
    expect(rows[0]).toMatchObject({ platform: 'mastodon', author_handle: '\'@a@example.social', likes: '4', reposts: '1', replies: '', engagement: '5' })
    expect(rows[1]!.author_name).toBe('\'@admin')
    expect(rows.length).toBe(await countMatches(db, filtersFor()))
  })

  it('writes the same fields as JSON lines, only for the posts the search finds', async () => {
    const file = await exported(filtersFor('refugies'), 'jsonl')
    const lines = file.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => line.text)).toEqual(['Les réfugiés du camp attendent un abri.\nDeuxième ligne, "citée".'])
    expect(Object.keys(lines[0]!)).toEqual([...EXPORT_COLUMNS])
    expect(lines[0]).toMatchObject({ lang: 'fr', author_handle: '@a@example.social', replies: null, topics: '' })
  })

  it('joins a post\'s topic names and writes the corrected sentiment over the computed one', async () => {
    const at = now.toISOString()
    const topics = await db.insertInto('topics').values([{ name: 'Refugees', color: '#0f766e', createdAt: at, updatedAt: at }, { name: 'Asylum', color: '#b45309', createdAt: at, updatedAt: at }])
      .returning('id').execute()
    const post = await db.selectFrom('posts').select('id').where('externalId', 'like', '%/1').executeTakeFirstOrThrow()
    await db.insertInto('postTopics').values(topics.map((topic) => ({ topicId: topic.id, postId: post.id, createdAt: at }))).execute()
    await db.updateTable('posts').set({ sentimentLabel: 'neutral', sentimentCorrected: 'negative' }).where('id', '=', post.id).execute()
    const [line] = (await exported(filtersFor('réfugiés'), 'jsonl')).trimEnd().split('\n').map((text) => JSON.parse(text) as Record<string, unknown>)
    expect(line).toMatchObject({ id: post.id, topics: 'Asylum; Refugees', sentiment: 'negative' })
  })

  it('writes only the header when nothing matches', async () => {
    expect(await exported(filtersFor('nothingmatchesthis'), 'csv')).toBe(`\uFEFF${EXPORT_COLUMNS.join(',')}\n`)
    expect(await exported(filtersFor('nothingmatchesthis'), 'jsonl')).toBe('')
  })

  it('names the file by format and day', () => {
    expect(exportFileName('csv', now)).toBe('chorus-conversations-2026-11-22.csv')
    expect(exportFileName('jsonl', now)).toBe('chorus-conversations-2026-11-22.jsonl')
  })
})
