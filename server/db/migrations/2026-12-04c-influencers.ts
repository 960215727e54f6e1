import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Influencers (PRODUCT.md §4): a network snapshot is computed in the background for a topic,
// language and period, and the pages read what it stored: each author's metrics, score and its
// explanation, community and map position; the weighted edges; each community's description.
// The watchlist is the team's, shared across snapshots.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('graph_snapshots')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('topic_id', 'integer', (c) => c.references('topics.id').onDelete('cascade'))
    .addColumn('lang', 'varchar(10)')
    .addColumn('from_day', 'varchar(10)', (c) => c.notNull())
    .addColumn('to_day', 'varchar(10)', (c) => c.notNull())
    // queued | running | done | failed
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('phase', 'varchar(20)')
    .addColumn('done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('requested_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(30)')
    .addColumn('finished_at', 'varchar(30)')
    .addColumn('node_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('edge_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('community_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('modularity', 'real')
    // JSON: how betweenness was computed (exact, or sampled from k sources) and the score's formula.
    .addColumn('method', 'text')
    .execute()
  await db.schema.createIndex('graph_snapshots_scope').on('graph_snapshots').columns(['status', 'topic_id', 'lang', 'finished_at']).execute()

  await db.schema
    .createTable('graph_nodes')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('graph_snapshots.id').onDelete('cascade'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('authors.id').onDelete('cascade'))
    .addColumn('community', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('pagerank', 'real', (c) => c.notNull())
    .addColumn('in_degree', 'real', (c) => c.notNull())
    .addColumn('reach', 'integer', (c) => c.notNull())
    .addColumn('engagement', 'integer', (c) => c.notNull())
    .addColumn('activity', 'integer', (c) => c.notNull())
    .addColumn('betweenness', 'real', (c) => c.notNull())
    .addColumn('lang', 'varchar(10)')
    .addColumn('x', 'real', (c) => c.notNull())
    .addColumn('y', 'real', (c) => c.notNull())
    // JSON: the score's parts, who interacts with them most, the communities they connect.
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('graph_nodes_pk', ['snapshot_id', 'author_id'])
    .execute()
  await db.schema.createIndex('graph_nodes_rank').on('graph_nodes').columns(['snapshot_id', 'rank']).execute()
  await db.schema.createIndex('graph_nodes_community').on('graph_nodes').columns(['snapshot_id', 'community', 'rank']).execute()
  await db.schema.createIndex('graph_nodes_author').on('graph_nodes').columns(['author_id']).execute()

  await db.schema
    .createTable('graph_edges')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('graph_snapshots.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('mentions', 'integer', (c) => c.notNull())
    .addColumn('replies', 'integer', (c) => c.notNull())
    .addColumn('reposts', 'integer', (c) => c.notNull())
    .addColumn('quotes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('graph_edges_pk', ['snapshot_id', 'source_id', 'target_id'])
    .execute()
  await db.schema.createIndex('graph_edges_target').on('graph_edges').columns(['snapshot_id', 'target_id']).execute()

  await db.schema
    .createTable('graph_communities')
    .addColumn('snapshot_id', 'integer', (c) => c.notNull().references('graph_snapshots.id').onDelete('cascade'))
    .addColumn('community', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // JSON arrays: distinctive terms and hashtags (TF-IDF against the other communities),
    // languages with their share, key members (author ids by score).
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('hashtags', 'text', (c) => c.notNull())
    .addColumn('languages', 'text', (c) => c.notNull())
    .addColumn('members', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('graph_communities_pk', ['snapshot_id', 'community'])
    .execute()

  await db.schema
    .createTable('watchlist')
    .addColumn('author_id', 'integer', (c) => c.primaryKey().references('authors.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of short labels.
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('added_by', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['watchlist', 'graph_communities', 'graph_edges', 'graph_nodes', 'graph_snapshots']) {
    await db.schema.dropTable(table).execute()
  }
}
