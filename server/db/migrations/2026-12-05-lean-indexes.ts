import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Every secondary index is written for every post stored, and the ones keyed by a URL or an
// external id land on a random page each time: past a few hundred thousand posts they no longer
// fit in the page cache and dominate a bulk import. These were written and never read:
//   - links by canonical URL and by domain, hashtags by tag: every reader goes by post id (search
//     reaches hashtags and words through the full-text index, trends through term_daily);
//   - relations by mentioned author: the network reads relations by post, threads by target post;
//   - posts by canonical URL: only news feeds are looked up that way (the same article reaching
//     us through two feeds is one post), so only their rows need the index.

const UNREAD = [
  { name: 'post_links_canonical', table: 'post_links', columns: ['canonical_url'] },
  { name: 'post_links_domain', table: 'post_links', columns: ['domain'] },
  { name: 'post_hashtags_tag', table: 'post_hashtags', columns: ['tag'] },
  { name: 'post_relations_target_author', table: 'post_relations', columns: ['target_author_id'] },
] as const

export async function up(db: Kysely<any>): Promise<void> {
  for (const index of UNREAD) await db.schema.dropIndex(index.name).execute()
  await db.schema.dropIndex('posts_canonical_url').execute()
  await db.schema.createIndex('posts_news_canonical_url').on('posts').column('canonical_url')
    .where(sql.ref('platform'), '=', sql.lit('rss')).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('posts_news_canonical_url').execute()
  await db.schema.createIndex('posts_canonical_url').on('posts').column('canonical_url').execute()
  for (const index of UNREAD) await db.schema.createIndex(index.name).on(index.table).columns([...index.columns]).execute()
}
