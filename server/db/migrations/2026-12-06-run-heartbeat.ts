import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// A run records the process running it (host name and pid), and that process writes the time
// into heartbeat_at while it works. Another process (the server, a second `chorus ingest`) can
// then tell a run under way elsewhere from one whose process died: until now the server took
// every unfinished run for a dead one when it started. Runs recorded before these columns have
// no heartbeat and read as dead, as they did.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('ingest_runs').addColumn('heartbeat_at', 'varchar(30)').execute()
  await db.schema.alterTable('ingest_runs').addColumn('host', 'varchar(255)').execute()
  await db.schema.alterTable('ingest_runs').addColumn('pid', 'integer').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['pid', 'host', 'heartbeat_at']) await db.schema.alterTable('ingest_runs').dropColumn(column).execute()
}
