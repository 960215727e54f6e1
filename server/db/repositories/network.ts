import { type ExpressionBuilder, sql } from 'kysely'
import type { Db } from '../index'
import type { Database } from '../schema'

// What a network snapshot is computed from (PRODUCT.md §4): the interactions between authors in
// a topic, language and period, summed in SQL so the graph is built from one row per pair of
// authors, never one per relation.

export interface NetworkScope {
  topicId: number | null
  lang: string | null
  /** First and last day, inclusive (YYYY-MM-DD). */
  from: string
  to: string
  /**
   * Exact instants [start, end) that replace the UTC days: the digest's weeks run from
   * midnight to midnight in the instance's zone.
   */
  period?: { start: string, end: string }
}

export interface InteractionRow {
  sourceId: number
  targetId: number
  weight: number
  mentions: number
  replies: number
  reposts: number
  quotes: number
}

/** The posts of the scope: created in the period, in the language, matching the topic. */
function inScope(eb: ExpressionBuilder<Database, 'posts'>, scope: NetworkScope) {
  const conditions = [
    eb('posts.createdAt', '>=', scope.period?.start ?? `${scope.from}T00:00:00`),
    eb('posts.createdAt', '<', scope.period?.end ?? `${scope.to}T24`),
  ]
  if (scope.lang !== null) conditions.push(eb('posts.lang', '=', scope.lang))
  if (scope.topicId !== null) {
    const topicId = scope.topicId
    conditions.push(eb.exists(eb.selectFrom('postTopics').select('postTopics.postId')
      .whereRef('postTopics.postId', '=', 'posts.id').where('postTopics.topicId', '=', topicId)))
  }
  return eb.and(conditions)
}

const countKind = (kind: string) => sql<number>`sum(case when post_relations.kind = ${kind} then 1 else 0 end)`

/**
 * Who interacted with whom, and how often: a mention, reply, repost or quote in a post of the
 * scope is an edge from its author to the author it addresses (the target post's author when
 * the relation names a post). Self-interactions (threads, self-replies) are left out.
 */
export async function interactions(db: Db, scope: NetworkScope): Promise<InteractionRow[]> {
  const target = sql<number>`coalesce(post_relations.target_author_id, target.author_id)`
  const rows = await db.selectFrom('postRelations')
    .innerJoin('posts', 'posts.id', 'postRelations.postId')
    .leftJoin('posts as target', 'target.id', 'postRelations.targetPostId')
    .where((eb) => inScope(eb, scope))
    .select([
      'posts.authorId as sourceId',
      target.as('targetId'),
      (eb) => eb.fn.countAll<number>().as('weight'),
      countKind('mention').as('mentions'),
      countKind('reply').as('replies'),
      countKind('repost').as('reposts'),
      countKind('quote').as('quotes'),
    ])
    .groupBy(['posts.authorId', target])
    .having(target, 'is not', null)
    .having(target, '!=', sql<number>`${sql.ref('posts.authorId')}`)
    .execute()
  return rows.map((row) => ({ ...row, weight: Number(row.weight) }))
}

export interface AuthorActivity {
  authorId: number
  handle: string
  name: string | null
  platform: string
  followers: number | null
  /** Posts in the scope. */
  activity: number
  /** Likes, reposts, replies and quotes their posts in the scope received. */
  engagement: number
  /** The language they post in most in the scope, or null when none was detected. */
  lang: string | null
}

const CHUNK = 500

/** The authors' activity in the scope; every id asked for is answered (zero when silent). */
export async function authorActivity(db: Db, scope: NetworkScope, authorIds: readonly number[]): Promise<AuthorActivity[]> {
  const out: AuthorActivity[] = []
  for (let i = 0; i < authorIds.length; i += CHUNK) {
    const ids = authorIds.slice(i, i + CHUNK)
    const authors = await db.selectFrom('authors').select(['id', 'handle', 'name', 'platform', 'followers']).where('id', 'in', ids).execute()
    const posting = await db.selectFrom('posts').where((eb) => inScope(eb, scope)).where('posts.authorId', 'in', ids)
      .select(['posts.authorId', 'posts.lang', (eb) => eb.fn.countAll<number>().as('posts'), (eb) => eb.fn.sum<number>('posts.engagement').as('engagement')])
      .groupBy(['posts.authorId', 'posts.lang'])
      .execute()
    const byAuthor = new Map<number, { activity: number, engagement: number, lang: string | null, langPosts: number }>()
    for (const row of posting) {
      const seen = byAuthor.get(row.authorId) ?? { activity: 0, engagement: 0, lang: null, langPosts: 0 }
      seen.activity += Number(row.posts)
      seen.engagement += Number(row.engagement ?? 0)
      if (row.lang && row.lang !== 'und' && Number(row.posts) > seen.langPosts) {
        seen.lang = row.lang
        seen.langPosts = Number(row.posts)
      }
      byAuthor.set(row.authorId, seen)
    }
    for (const author of authors) {
      const seen = byAuthor.get(author.id)
      out.push({
        authorId: author.id,
        handle: author.handle,
        name: author.name,
        platform: author.platform,
        followers: author.followers,
        activity: seen?.activity ?? 0,
        engagement: seen?.engagement ?? 0,
        lang: seen?.lang ?? null,
      })
    }
  }
  return out
}

export interface AuthorText {
  authorId: number
  lang: string | null
  title: string | null
  text: string
  hashtags: string[]
}

/**
 * The most recent posts of each author in the scope (up to `perAuthor`), with their hashtags:
 * what a community's distinctive terms are computed from.
 */
export async function authorTexts(db: Db, scope: NetworkScope, authorIds: readonly number[], perAuthor = 20): Promise<AuthorText[]> {
  const out: AuthorText[] = []
  for (let i = 0; i < authorIds.length; i += CHUNK) {
    const ids = authorIds.slice(i, i + CHUNK)
    const ranked = db.selectFrom('posts').where((eb) => inScope(eb, scope)).where('posts.authorId', 'in', ids)
      .select(['posts.id', 'posts.authorId', 'posts.lang', 'posts.title', 'posts.text',
        sql<number>`row_number() over (partition by posts.author_id order by posts.created_at desc)`.as('recency')])
    const posts = await db.selectFrom(ranked.as('ranked')).selectAll().where('recency', '<=', perAuthor).execute()
    const tags = posts.length
      ? await db.selectFrom('postHashtags').select(['postId', 'tag']).where('postId', 'in', posts.map((post) => post.id)).execute()
      : []
    const tagsOf = new Map<number, string[]>()
    for (const row of tags) tagsOf.set(row.postId, [...(tagsOf.get(row.postId) ?? []), row.tag])
    for (const post of posts) {
      out.push({ authorId: post.authorId, lang: post.lang, title: post.title, text: post.text, hashtags: tagsOf.get(post.id) ?? [] })
    }
  }
  return out
}
