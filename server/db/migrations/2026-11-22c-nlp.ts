import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// The NLP pass (PRODUCT.md §2): topics and their per-language queries, what each post was
// tagged with, the rollups the charts and spike detection read, spikes, alerts and the
// background re-tag jobs.

export async function up(db: Kysely<any>): Promise<void> {
  // Sentiment is null when the language has no lexicon or the lexicon says nothing about the
  // text: "not scored" is kept apart from "neutral". An analyst's correction wins over the label.
  await db.schema.alterTable('posts').addColumn('sentiment_score', 'real').execute()
  await db.schema.alterTable('posts').addColumn('sentiment_label', 'varchar(10)').execute()
  await db.schema.alterTable('posts').addColumn('sentiment_corrected', 'varchar(10)').execute()
  await db.schema.alterTable('posts').addColumn('sentiment_corrected_by', 'integer', (c) => c.references('users.id').onDelete('set null')).execute()
  await db.schema.alterTable('posts').addColumn('sentiment_corrected_at', 'varchar(30)').execute()
  await db.schema.createIndex('posts_lang').on('posts').columns(['lang', 'created_at']).execute()

  await db.schema
    .createTable('topics')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('color', 'varchar(20)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // Bumped on every change to the queries; the tags of a post name the version they came from.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('alerts_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('alert_emails', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('alert_webhook_url', 'varchar(2000)')
    .addColumn('alert_webhook_secret', 'varchar(200)')
    .addColumn('alert_cooldown_minutes', 'integer', (c) => c.notNull().defaultTo(360))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('topic_queries')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    // An ISO 639-1 code, or '*' for the query every language is tested against.
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_queries_pk', ['topic_id', 'lang'])
    .execute()

  // created_at is copied from the post so a topic's posts in a window are one index range.
  await db.schema
    .createTable('post_topics')
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addPrimaryKeyConstraint('post_topics_pk', ['topic_id', 'post_id'])
    .execute()
  await db.schema.createIndex('post_topics_window').on('post_topics').columns(['topic_id', 'created_at']).execute()
  await db.schema.createIndex('post_topics_post').on('post_topics').column('post_id').execute()

  // Hourly post counts (UTC hours, 'YYYY-MM-DDTHH') per language and platform, for every post
  // (topic_id 0) and per topic: charts and spike detection read these, never GROUP BY on posts.
  await db.schema
    .createTable('volume_hourly')
    .addColumn('hour', 'varchar(13)', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.notNull())
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('platform', 'varchar(20)', (c) => c.notNull())
    .addColumn('posts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('volume_hourly_pk', ['topic_id', 'hour', 'lang', 'platform'])
    .execute()
  // Posts stored before this migration count too.
  await sql`insert into volume_hourly (hour, topic_id, lang, platform, posts)
    select substr(created_at, 1, 13), 0, coalesce(lang, 'und'), platform, count(*) from posts group by 1, 3, 4`.execute(db)

  // Daily document counts of each term (a stem or '#hashtag') per language: the document
  // frequencies of TF-IDF, and the series of emerging terms and spike drivers.
  await db.schema
    .createTable('term_daily')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('term', 'varchar(200)', (c) => c.notNull())
    .addColumn('surface', 'varchar(200)', (c) => c.notNull())
    .addColumn('docs', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('term_daily_pk', ['lang', 'term', 'day'])
    .execute()
  await db.schema.createIndex('term_daily_day').on('term_daily').columns(['day', 'lang']).execute()

  await db.schema
    .createTable('spikes')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    // A language code, or '*' for the topic across all languages.
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('granularity', 'varchar(5)', (c) => c.notNull().check(sql`granularity in ('hour', 'day')`))
    .addColumn('start', 'varchar(30)', (c) => c.notNull())
    .addColumn('end', 'varchar(30)', (c) => c.notNull())
    .addColumn('peak_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('peak_count', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('baseline', 'real', (c) => c.notNull())
    .addColumn('z', 'real', (c) => c.notNull())
    .addColumn('drivers', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('spikes_event', ['topic_id', 'lang', 'granularity', 'start'])
    .execute()
  await db.schema.createIndex('spikes_recent').on('spikes').columns(['start']).execute()

  // Every alert raised, per channel: the in-app list reads it, and the cooldown looks back at it.
  await db.schema
    .createTable('alerts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('spike_id', 'integer', (c) => c.notNull().references('spikes.id').onDelete('cascade'))
    .addColumn('topic_id', 'integer', (c) => c.notNull().references('topics.id').onDelete('cascade'))
    .addColumn('channel', 'varchar(10)', (c) => c.notNull().check(sql`channel in ('app', 'email', 'webhook')`))
    .addColumn('status', 'varchar(10)', (c) => c.notNull().check(sql`status in ('sent', 'failed', 'skipped')`))
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .execute()
  await db.schema.createIndex('alerts_topic').on('alerts').columns(['topic_id', 'created_at']).execute()

  await db.schema
    .createTable('nlp_jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'varchar(20)', (c) => c.notNull().check(sql`kind in ('retag')`))
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id').onDelete('cascade'))
    .addColumn('topic_version', 'integer')
    .addColumn('status', 'varchar(20)', (c) => c.notNull().check(sql`status in ('queued', 'running', 'ok', 'failed', 'cancelled')`))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('matched', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)')
    .addColumn('finished_at', 'varchar(30)')
    .execute()
  await db.schema.createIndex('nlp_jobs_status').on('nlp_jobs').columns(['status', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['nlp_jobs', 'alerts', 'spikes', 'term_daily', 'volume_hourly', 'post_topics', 'topic_queries', 'topics']) {
    await db.schema.dropTable(table).execute()
  }
  await db.schema.dropIndex('posts_lang').execute()
  for (const column of ['sentiment_corrected_at', 'sentiment_corrected_by', 'sentiment_corrected', 'sentiment_label', 'sentiment_score']) {
    await db.schema.alterTable('posts').dropColumn(column).execute()
  }
}
