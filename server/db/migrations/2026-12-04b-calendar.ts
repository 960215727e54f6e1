import { type Kysely, sql } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// The editorial calendar (PRODUCT.md §5): content items, their channels and linked influencers,
// one version per language with its own status and assignee, and each person's secret ICS feed.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('content_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('brief', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    // The planned moment as a UTC instant, and the zone it was planned in: the wall-clock time
    // people see and drag is read in that zone, so it survives daylight-saving changes.
    .addColumn('publish_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id').onDelete('set null'))
    // A free label until communities are computed by the influencer map; it will then point at one.
    .addColumn('community', 'varchar(200)')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('content_items_publish_at').on('content_items').column('publish_at').execute()
  await db.schema.createIndex('content_items_topic').on('content_items').columns(['topic_id', 'publish_at']).execute()

  // One row per channel rather than a list in a column, so filters stay plain SQL in any dialect.
  await db.schema
    .createTable('content_item_channels')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('channel', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_item_channels_pk', ['item_id', 'channel'])
    .execute()

  await db.schema
    .createTable('content_item_influencers')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('content_item_influencers_pk', ['item_id', 'author_id'])
    .execute()

  // The item's status is derived from these (the least advanced), never stored on the item.
  await db.schema
    .createTable('content_versions')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('content_items.id').onDelete('cascade'))
    .addColumn('lang', 'varchar(10)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(12)', (c) => c.notNull()
      .check(sql`status in ('idea', 'drafting', 'translating', 'review', 'scheduled', 'published')`))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('content_versions_pk', ['item_id', 'lang'])
    .execute()
  await db.schema.createIndex('content_versions_lang').on('content_versions').columns(['lang', 'item_id']).execute()

  // Only a hash of each feed's secret is kept: a copy of the database does not open anyone's feed.
  await db.schema
    .createTable('calendar_feeds')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_used_at', 'varchar(30)')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['calendar_feeds', 'content_versions', 'content_item_influencers', 'content_item_channels', 'content_items']) {
    await db.schema.dropTable(table).execute()
  }
}
