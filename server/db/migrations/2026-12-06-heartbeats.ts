import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// Ingest runs, re-tag jobs and network snapshots record the process running them (host name and
// pid), and that process writes the time into heartbeat_at while it works
// (server/db/liveness.ts). Another process (the server, a second web process, `chorus ingest`)
// can then tell work under way elsewhere from work whose process died: until now a server took
// every unfinished run for a dead one when it started, and ran any unfinished job or snapshot
// again beside its owner. A job's or snapshot's claim tells which runner took it. Work recorded
// before these columns has no heartbeat and reads as abandoned, as it did.

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['ingest_runs', 'nlp_jobs', 'graph_snapshots']) {
    await db.schema.alterTable(table).addColumn('heartbeat_at', 'varchar(30)').execute()
    await db.schema.alterTable(table).addColumn('host', 'varchar(255)').execute()
    await db.schema.alterTable(table).addColumn('pid', 'integer').execute()
  }
  for (const table of ['nlp_jobs', 'graph_snapshots']) await db.schema.alterTable(table).addColumn('claim', 'varchar(100)').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['graph_snapshots', 'nlp_jobs']) await db.schema.alterTable(table).dropColumn('claim').execute()
  for (const table of ['graph_snapshots', 'nlp_jobs', 'ingest_runs']) {
    for (const column of ['pid', 'host', 'heartbeat_at']) await db.schema.alterTable(table).dropColumn(column).execute()
  }
}
