import type { Kysely } from 'kysely'

// Frozen: never edit a migration that has shipped; add a new one.
// The process recorded with an ingest run, a re-tag job or a network snapshot also gets the id
// that process drew when it started (server/db/liveness.ts). Host name and pid alone cannot tell
// a server from the one it replaced under the same pid, which is the rule in a container (pid 1):
// a restarted server waited two minutes, until its predecessor's heartbeat aged, before it took
// up that work. Rows recorded before this column have no id and keep waiting, as they did.

const TABLES = ['ingest_runs', 'nlp_jobs', 'graph_snapshots']

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).addColumn('instance', 'varchar(40)').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) await db.schema.alterTable(table).dropColumn('instance').execute()
}
