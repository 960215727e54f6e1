import { type Kysely, sql } from 'kysely'
import { DailyRollup, engagementOf } from '../../../ingest/rollups/daily'
import { searchDocumentOf, searchKey, SEARCH_TOKENIZER } from '../../../ingest/search/document'
import { matchText } from '../../../ingest/nlp/tagger'

// Frozen: never edit a migration that has shipped; add a new one.
// Monitor (PRODUCT.md §3): the full-text index, the overview's daily rollup, engagement as a
// column (top posts and the "most engaged" sort read an index on it), thread lookups, and
// saved searches.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('posts').addColumn('engagement', 'integer', (c) => c.notNull().defaultTo(0)).execute()
  await sql`update posts set engagement = coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) + coalesce(quotes, 0)`.execute(db)
  await db.schema.createIndex('posts_engagement').on('posts').columns(['engagement', 'created_at']).execute()
  // Replies and quotes of a post, for its thread.
  await db.schema.createIndex('post_relations_target_post').on('post_relations').columns(['target_post_id', 'kind']).execute()

  // SQLite only: PostgreSQL would keep a tsvector column instead. Contentless (the text lives in
  // posts); the post id rides along as an unindexed column, and the rowid is a time-ordered key
  // (see ingest/search/document.ts), so "newest first" reads the index backwards.
  await sql`create virtual table post_search using fts5(
    body, post_id unindexed,
    content='', contentless_unindexed=1, columnsize=0,
    tokenize=${sql.lit(SEARCH_TOKENIZER)})`.execute(db)

  await db.schema
    .createTable('daily_stats')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    // 0 for every post, else a topic.
    .addColumn('topic_id', 'integer', (c) => c.notNull())
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    // 0 when the post came from no source (a file import).
    .addColumn('source_id', 'integer', (c) => c.notNull())
    // positive | negative | neutral | none (not scored).
    .addColumn('sentiment', 'varchar(10)', (c) => c.notNull())
    .addColumn('posts', 'integer', (c) => c.notNull())
    .addColumn('engagement', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_stats_pk', ['topic_id', 'day', 'lang', 'platform', 'source_id', 'sentiment'])
    .execute()

  // HyperLogLog sketches of the distinct authors (ingest/rollups/sketch.ts) of the same cells,
  // plus one per day and topic across all of them (lang '*', platform '*', source -1, sentiment '*').
  await db.schema
    .createTable('daily_authors')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.notNull())
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('sentiment', 'varchar(10)', (c) => c.notNull())
    .addColumn('sketch', 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('daily_authors_pk', ['topic_id', 'day', 'lang', 'platform', 'source_id', 'sentiment'])
    .execute()

  // Each language's emerging terms for the week ending on window_end, kept by the scheduler's
  // watch (server/db/repositories/emerging.ts); rank 0 marks a language computed with none.
  await db.schema
    .createTable('emerging_terms')
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('window_end', 'varchar(10)', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('term', 'varchar(200)', (c) => c.notNull())
    .addColumn('surface', 'varchar(200)', (c) => c.notNull())
    .addColumn('recent', 'integer', (c) => c.notNull())
    .addColumn('baseline_mean', 'real', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('growth', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('emerging_terms_pk', ['window_end', 'lang', 'rank'])
    .execute()

  await db.schema
    .createTable('saved_searches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    // JSON: the search text and filters, as the conversations page puts them in its URL.
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('saved_searches_user_name', ['user_id', 'name'])
    .execute()

  await backfill(db)
}

/**
 * Posts stored before this migration enter the index and the rollup, a chunk at a time. The
 * migrator's connection returns columns camel-cased.
 */
async function backfill(db: Kysely<any>): Promise<void> {
  const rollup = new DailyRollup()
  let after = 0
  for (;;) {
    const { rows: posts } = await sql<BackfillPost>`select id, created_at as "createdAt", title, text, lang, platform, source_id as "sourceId",
      author_id as "authorId", likes, reposts, replies, quotes, sentiment_label as "sentimentLabel", sentiment_corrected as "sentimentCorrected"
      from posts where id > ${after} order by id limit 2000`.execute(db)
    if (posts.length === 0) break
    after = posts.at(-1)!.id
    const { rows: tags } = await sql<{ postId: number, topicId: number }>`select post_id as "postId", topic_id as "topicId" from post_topics
      where post_id in (${sql.join(posts.map((p) => p.id))})`.execute(db)
    const topicsOf = new Map<number, number[]>()
    for (const tag of tags) topicsOf.set(tag.postId, [...(topicsOf.get(tag.postId) ?? []), tag.topicId])
    for (const post of posts) {
      await db.insertInto('post_search').values({
        rowid: await freeKey(db, searchKey(post.createdAt, post.id)), body: searchDocumentOf(matchText(post.title, post.text)), post_id: post.id,
      }).execute()
      rollup.add({
        createdAt: post.createdAt, lang: post.lang, platform: post.platform, sourceId: post.sourceId, authorId: post.authorId,
        sentiment: post.sentimentCorrected ?? post.sentimentLabel, engagement: engagementOf(post), topicIds: topicsOf.get(post.id) ?? [],
      })
    }
  }
  for (const cell of rollup.values()) {
    const key = { day: cell.day, topic_id: cell.topicId, lang: cell.lang, platform: cell.platform, source_id: cell.sourceId, sentiment: cell.sentiment }
    await db.insertInto('daily_stats').values({ ...key, posts: cell.posts, engagement: cell.engagement }).execute()
    await db.insertInto('daily_authors').values({ ...key, sketch: Buffer.from(cell.authors) }).execute()
  }
  for (const cell of rollup.dayTotals()) {
    await db.insertInto('daily_authors').values({
      day: cell.day, topic_id: cell.topicId, lang: cell.lang, platform: cell.platform, source_id: cell.sourceId, sentiment: cell.sentiment, sketch: Buffer.from(cell.authors),
    }).execute()
  }
}

interface BackfillPost {
  id: number
  createdAt: string
  title: string | null
  text: string
  lang: string | null
  platform: string
  sourceId: number | null
  authorId: number
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  sentimentLabel: string | null
  sentimentCorrected: string | null
}

async function freeKey(db: Kysely<any>, key: number): Promise<number> {
  for (let candidate = key; ; candidate++) {
    const taken = await db.selectFrom('post_search').select('rowid').where('rowid', '=', candidate).executeTakeFirst()
    if (!taken) return candidate
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('saved_searches').execute()
  await db.schema.dropTable('emerging_terms').execute()
  await db.schema.dropTable('daily_authors').execute()
  await db.schema.dropTable('daily_stats').execute()
  await sql`drop table post_search`.execute(db)
  await db.schema.dropIndex('post_relations_target_post').execute()
  await db.schema.dropIndex('posts_engagement').execute()
  await db.schema.alterTable('posts').dropColumn('engagement').execute()
}
