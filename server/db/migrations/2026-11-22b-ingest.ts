import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Booleans are integers 0/1 and timestamps ISO strings, the same in SQLite and PostgreSQL.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'varchar(30)', (c) => c.notNull())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('interval_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cursor', 'text')
    .addColumn('next_run_at', 'varchar(30)')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_success_at', 'varchar(30)')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('authors')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('external_id', 'varchar(500)', (c) => c.notNull())
    .addColumn('handle', 'varchar(300)', (c) => c.notNull())
    .addColumn('name', 'varchar(300)')
    .addColumn('profile_url', 'varchar(1000)')
    .addColumn('followers', 'integer')
    .addColumn('first_seen_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('authors_platform_external_id', ['platform', 'external_id'])
    .execute()

  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('external_id', 'varchar(500)', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('set null'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(sql`kind in ('post', 'repost')`))
    .addColumn('url', 'varchar(2000)')
    .addColumn('canonical_url', 'varchar(2000)')
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id'))
    .addColumn('title', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ingested_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('declared_lang', 'varchar(20)')
    .addColumn('lang', 'varchar(10)')
    .addColumn('lang_confidence', 'real')
    .addColumn('likes', 'integer')
    .addColumn('reposts', 'integer')
    .addColumn('replies', 'integer')
    .addColumn('quotes', 'integer')
    .addUniqueConstraint('posts_platform_external_id', ['platform', 'external_id'])
    .execute()
  await db.schema.createIndex('posts_created_at').on('posts').columns(['created_at', 'id']).execute()
  await db.schema.createIndex('posts_author').on('posts').columns(['author_id', 'created_at']).execute()
  await db.schema.createIndex('posts_canonical_url').on('posts').column('canonical_url').execute()

  // Raw payloads live apart from posts so scans over posts stay small.
  await db.schema
    .createTable('post_raw')
    .addColumn('post_id', 'integer', (c) => c.primaryKey().references('posts.id').onDelete('cascade'))
    .addColumn('payload', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('post_relations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(10)', (c) => c.notNull().check(sql`kind in ('reply', 'repost', 'quote', 'mention')`))
    .addColumn('target_external_id', 'varchar(500)')
    .addColumn('target_post_id', 'integer', (c) => c.references('posts.id').onDelete('set null'))
    .addColumn('target_author_id', 'integer', (c) => c.references('authors.id'))
    .execute()
  await db.schema.createIndex('post_relations_post').on('post_relations').column('post_id').execute()
  await db.schema.createIndex('post_relations_target_author').on('post_relations').column('target_author_id').execute()
  // Relations whose target post has not arrived yet are resolved when it does.
  await db.schema.createIndex('post_relations_unresolved').on('post_relations').column('target_external_id')
    .where(sql.ref('target_post_id'), 'is', null).execute()

  await db.schema
    .createTable('post_hashtags')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('tag', 'varchar(200)', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_hashtags_pk', ['post_id', 'tag'])
    .execute()
  await db.schema.createIndex('post_hashtags_tag').on('post_hashtags').column('tag').execute()

  await db.schema
    .createTable('post_links')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('canonical_url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('url', 'varchar(2000)', (c) => c.notNull())
    .addColumn('domain', 'varchar(300)', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_links_pk', ['post_id', 'canonical_url'])
    .execute()
  await db.schema.createIndex('post_links_canonical').on('post_links').column('canonical_url').execute()
  await db.schema.createIndex('post_links_domain').on('post_links').column('domain').execute()

  await db.schema
    .createTable('ingest_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('cascade'))
    .addColumn('label', 'varchar(500)', (c) => c.notNull())
    .addColumn('trigger', 'varchar(20)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(30)')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('running', 'ok', 'failed', 'interrupted')`))
    .addColumn('pages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fetched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute()
  await db.schema.createIndex('ingest_runs_source').on('ingest_runs').columns(['source_id', 'id']).execute()

  await db.schema
    .createTable('ingest_failures')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('ingest_runs.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('raw', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('ingest_failures_run').on('ingest_failures').column('run_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['ingest_failures', 'ingest_runs', 'post_links', 'post_hashtags', 'post_relations', 'post_raw', 'posts', 'authors', 'sources']) {
    await db.schema.dropTable(table).execute()
  }
}
