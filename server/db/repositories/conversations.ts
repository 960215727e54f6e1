import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { z } from 'zod'
import { compileTopics, type TopicMatcher } from '../../../ingest/nlp/query'
import { matchText } from '../../../ingest/nlp/tagger'
import { parseSearch, type SearchQuery } from '../../../ingest/search/expression'
import { searchKeyAt } from '../../../ingest/search/document'
import { isWordlessRepost } from '../../../ingest/text'
import type { ConversationFilters, MonitorFilters } from '../../../shared/schemas/monitor'
import type { Db } from '../index'
import type { Database } from '../schema'
import { postKeyphrases } from './keyphrases'
import { postFilters } from './monitor'

// The conversation stream (PRODUCT.md §3): full-text search through the FTS5 index, filters,
// two orders, keyset pages. Every search result is confirmed by the topic matcher, so search
// and topics agree on what a query means; the index only narrows the candidates.

export type ConversationSort = 'newest' | 'engaged'

/** Posts as the stream, the overview's top posts and the post detail show them, in the order of `ids`. */
export async function postCards(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return []
  const rows = await db.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.authorId')
    .select(['posts.id', 'posts.platform', 'posts.kind', 'posts.url', 'posts.title', 'posts.text', 'posts.createdAt', 'posts.lang', 'posts.langConfidence',
      'posts.declaredLang', 'posts.sourceId', 'posts.likes', 'posts.reposts', 'posts.replies', 'posts.quotes', 'posts.engagement',
      'posts.sentimentScore', 'posts.sentimentLabel', 'posts.sentimentCorrected',
      'authors.id as authorId', 'authors.handle as authorHandle', 'authors.name as authorName', 'authors.profileUrl as authorUrl', 'authors.followers as authorFollowers'])
    .where('posts.id', 'in', ids).execute()
  const tags = await db.selectFrom('postTopics').innerJoin('topics', 'topics.id', 'postTopics.topicId')
    .select(['postTopics.postId', 'topics.id', 'topics.name', 'topics.color', 'postTopics.terms'])
    .where('postTopics.postId', 'in', ids).orderBy('topics.name').execute()
  const topicsOf = new Map<number, { id: number, name: string, color: string, terms: string[] }[]>()
  for (const tag of tags) {
    const list = topicsOf.get(tag.postId) ?? []
    list.push({ id: tag.id, name: tag.name, color: tag.color, terms: JSON.parse(tag.terms) as string[] })
    topicsOf.set(tag.postId, list)
  }
  const originals = await repostedPosts(db, rows.filter((row) => row.kind === 'repost').map((row) => row.id))
  const byId = new Map(rows.map((row) => [row.id, {
    ...row,
    topics: topicsOf.get(row.id) ?? [],
    wordless: isWordlessRepost(row),
    repostOf: originals.get(row.id) ?? null,
  }]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/**
 * The post each repost repeats, where it is stored: a boost carries no words of its own, so a
 * card shows the original's instead of an empty text.
 */
async function repostedPosts(db: Db, repostIds: readonly number[]) {
  const rows = repostIds.length === 0 ? [] : await db.selectFrom('postRelations')
    .innerJoin('posts', 'posts.id', 'postRelations.targetPostId')
    .innerJoin('authors', 'authors.id', 'posts.authorId')
    .select(['postRelations.postId as repostId', 'posts.id', 'posts.title', 'posts.text', 'posts.lang', 'authors.handle as authorHandle', 'authors.name as authorName'])
    .where('postRelations.postId', 'in', repostIds).where('postRelations.kind', '=', 'repost')
    .execute()
  return new Map(rows.map(({ repostId, ...original }) => [repostId, original]))
}

export type PostCard = Awaited<ReturnType<typeof postCards>>[number]

const cursorSchema = z.union([
  z.object({ by: z.literal('key'), key: z.number().int() }),
  z.object({ by: z.literal('time'), at: z.string().max(40), id: z.number().int() }),
  z.object({ by: z.literal('engagement'), e: z.number().int(), id: z.number().int() }),
])
type Cursor = z.infer<typeof cursorSchema>

export class BadCursorError extends Error {}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text) return null
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')))
  }
  catch {
    throw new BadCursorError('this page link is no longer valid; start the search again')
  }
}

/** The parsed search and its confirming matcher; null for an empty search. */
export function prepareSearch(q: string): (SearchQuery & { matcher: TopicMatcher }) | null {
  if (!q.trim()) return null
  const parsed = parseSearch(q)
  return { ...parsed, matcher: compileTopics([{ id: 1, queries: [{ lang: '*', query: parsed.text }] }]) }
}

type Search = NonNullable<ReturnType<typeof prepareSearch>>

/** The stream's filters over posts: the overview's, plus topic, author and community. */
function streamFilters(eb: ExpressionBuilder<Database, 'posts'>, input: ConversationFilters, order: 'time' | 'engagement' = 'time'): Expression<SqlBool> {
  const f = input.filters
  const conditions = [postFilters(eb, f, order)]
  if (f.topicId !== null) {
    conditions.push(eb.exists(eb.selectFrom('postTopics').select('postTopics.postId')
      .whereRef('postTopics.postId', '=', 'posts.id').where('postTopics.topicId', '=', f.topicId)))
  }
  if (input.authorId !== null) conditions.push(eb('posts.authorId', '=', input.authorId))
  if (input.community !== null) {
    const { snapshotId, community } = input.community
    conditions.push(eb('posts.authorId', 'in', eb.selectFrom('graphNodes').select('graphNodes.authorId')
      .where('graphNodes.snapshotId', '=', snapshotId).where('graphNodes.community', '=', community)))
  }
  return eb.and(conditions)
}

function periodKeys(f: MonitorFilters) {
  const end = new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000).toISOString()
  return { first: searchKeyAt(`${f.from}T00:00:00Z`), end: searchKeyAt(end) }
}

/** Candidates from the index, newest first, with what the matcher needs to confirm them. */
function indexCandidates(db: Db, input: ConversationFilters, fts: string, before: number | null, limit: number) {
  const f = input.filters
  const keys = periodKeys(f)
  const query = db.selectFrom('postSearch').innerJoin('posts', 'posts.id', 'postSearch.postId')
    .select(['postSearch.rowid as key', 'posts.id', 'posts.title', 'posts.text', 'posts.lang', 'posts.engagement'])
    .where(sql<boolean>`post_search match ${fts}`)
    .where('postSearch.rowid', '>=', keys.first)
    .where('postSearch.rowid', '<', before === null ? keys.end : Math.min(before, keys.end))
  return query.where((eb) => streamFilters(eb, input)).orderBy('postSearch.rowid', 'desc').limit(limit)
}

/**
 * Posts under the filters in either order, after a cursor; with `fts`, only the index's matches
 * (the set of matching ids is built once, then the posts are walked in order).
 */
function postCandidates(db: Db, input: ConversationFilters, sort: ConversationSort, after: Cursor | null, limit: number, fts: string | null) {
  const f = input.filters
  // Most engaged: the unary + keeps SQLite walking the engagement index from the top instead of
  // reading the period by date and sorting all of it.
  const createdAt = sort === 'engaged' ? sql<string>`+${sql.ref('posts.createdAt')}` : sql<string>`${sql.ref('posts.createdAt')}`
  let query = db.selectFrom('posts')
    .select(['posts.id', 'posts.title', 'posts.text', 'posts.lang', 'posts.engagement', 'posts.createdAt'])
    .where(createdAt, '>=', `${f.from}T00:00:00`).where(createdAt, '<', `${f.to}T24`)
  if (fts) query = query.where('posts.id', 'in', db.selectFrom('postSearch').select('postSearch.postId').where(sql<boolean>`post_search match ${fts}`))
  query = query.where((eb) => streamFilters(eb, input, sort === 'engaged' ? 'engagement' : 'time'))
  if (sort === 'newest') {
    if (after?.by === 'time') query = query.where((eb) => eb.or([eb('posts.createdAt', '<', after.at), eb.and([eb('posts.createdAt', '=', after.at), eb('posts.id', '<', after.id)])]))
    return query.orderBy('posts.createdAt', 'desc').orderBy('posts.id', 'desc').limit(limit)
  }
  if (after?.by === 'engagement') query = query.where((eb) => eb.or([eb('posts.engagement', '<', after.e), eb.and([eb('posts.engagement', '=', after.e), eb('posts.id', '<', after.id)])]))
  return query.orderBy('posts.engagement', 'desc').orderBy('posts.id', 'desc').limit(limit)
}

function confirm(search: Search | null, row: { title: string | null, text: string, lang: string | null }): string[] | null {
  if (!search) return []
  const hit = search.matcher.match({ lang: row.lang, text: matchText(row.title, row.text) })[0]
  return hit ? hit.terms : null
}

const CHUNK = 200

export interface SearchPage {
  ids: number[]
  /** Per post id, the query terms it matched (for highlighting). */
  terms: Map<number, string[]>
  nextCursor: string | null
}

/** One page of the stream. Throws QuerySyntaxError for a query that does not parse. */
export async function searchPage(db: Db, input: ConversationFilters, sort: ConversationSort, cursorText: string | null, limit: number): Promise<SearchPage> {
  const search = prepareSearch(input.q)
  const cursor = decodeCursor(cursorText)
  const ids: number[] = []
  const terms = new Map<number, string[]>()

  if (search?.fts && sort === 'newest') {
    // Read the index backwards, a chunk at a time, until the page is full.
    let before = cursor?.by === 'key' ? cursor.key : null
    for (;;) {
      const rows = await indexCandidates(db, input, search.fts, before, CHUNK).execute()
      for (const row of rows) {
        before = row.key
        const matched = confirm(search, row)
        if (!matched) continue
        ids.push(row.id)
        terms.set(row.id, matched)
        if (ids.length === limit) return { ids, terms, nextCursor: encodeCursor({ by: 'key', key: row.key }) }
      }
      if (rows.length < CHUNK) return { ids, terms, nextCursor: null }
    }
  }

  // Most engaged, or no word to look up in the index: walk the posts in order, confirming when
  // there is a query.
  let after = cursor
  for (;;) {
    const rows = await postCandidates(db, input, sort, after, CHUNK, search?.fts ?? null).execute()
    for (const row of rows) {
      after = sort === 'newest' ? { by: 'time', at: row.createdAt, id: row.id } : { by: 'engagement', e: row.engagement, id: row.id }
      const matched = confirm(search, row)
      if (!matched) continue
      ids.push(row.id)
      terms.set(row.id, matched)
      if (ids.length === limit) return { ids, terms, nextCursor: encodeCursor(after) }
    }
    if (rows.length < CHUNK) return { ids, terms, nextCursor: null }
  }
}

/** Every matching post id, newest first, a chunk at a time: for exports and counts. */
export async function* allMatches(db: Db, input: ConversationFilters, chunk = 1000): AsyncGenerator<number[]> {
  let cursor: string | null = null
  do {
    const page: SearchPage = await searchPage(db, input, 'newest', cursor, chunk)
    if (page.ids.length) yield page.ids
    cursor = page.nextCursor
  } while (cursor)
}

/** How many posts match: the exact figure an export will write. */
export async function countMatches(db: Db, input: ConversationFilters): Promise<number> {
  const search = prepareSearch(input.q)
  if (!search) {
    const f = input.filters
    const query = db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('posts.createdAt', '>=', `${f.from}T00:00:00`).where('posts.createdAt', '<', `${f.to}T24`)
    const row = await query.where((eb) => streamFilters(eb, input)).executeTakeFirstOrThrow()
    return Number(row.n)
  }
  let total = 0
  for await (const ids of allMatches(db, input, 5000)) total += ids.length
  return total
}

const THREAD_DEPTH = 20

/** A post with its thread: the replies it answers (up to the root) and the replies it received. */
export async function postDetail(db: Db, id: number) {
  const [post] = await postCards(db, [id])
  if (!post) return null
  const ancestors: number[] = []
  let current = id
  const seen = new Set([id])
  for (let depth = 0; depth < THREAD_DEPTH; depth++) {
    const parent = await db.selectFrom('postRelations').select('targetPostId')
      .where('postId', '=', current).where('kind', '=', 'reply').where('targetPostId', 'is not', null).executeTakeFirst()
    if (!parent?.targetPostId || seen.has(parent.targetPostId)) break
    seen.add(parent.targetPostId)
    ancestors.unshift(parent.targetPostId)
    current = parent.targetPostId
  }
  const replies = await db.selectFrom('postRelations').innerJoin('posts', 'posts.id', 'postRelations.postId')
    .select('posts.id').where('postRelations.targetPostId', '=', id).where('postRelations.kind', '=', 'reply')
    .orderBy('posts.createdAt').limit(100).execute()
  const echoes = await db.selectFrom('postRelations').select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('targetPostId', '=', id).where('kind', 'in', ['repost', 'quote']).groupBy('kind').execute()
  const mentions = await db.selectFrom('postRelations').innerJoin('authors', 'authors.id', 'postRelations.targetAuthorId')
    .select(['authors.id', 'authors.handle', 'authors.name', 'authors.profileUrl'])
    .where('postRelations.postId', '=', id).where('postRelations.kind', '=', 'mention').limit(50).execute()
  const source = post.sourceId === null ? null
    : await db.selectFrom('sources').select(['id', 'name', 'kind']).where('id', '=', post.sourceId).executeTakeFirst() ?? null
  return {
    post,
    source,
    ancestors: await postCards(db, ancestors),
    replies: await postCards(db, replies.map((r) => r.id)),
    reposts: Number(echoes.find((e) => e.kind === 'repost')?.n ?? 0),
    quotes: Number(echoes.find((e) => e.kind === 'quote')?.n ?? 0),
    mentions,
    keyphrases: post.wordless ? null : await postKeyphrases(db, post),
  }
}
