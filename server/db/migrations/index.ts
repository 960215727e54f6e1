import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely'
import type { Db } from '../index'
import * as accounts from './2026-11-22-accounts'
import * as ingest from './2026-11-22b-ingest'
import * as nlp from './2026-11-22c-nlp'
import * as monitor from './2026-12-04-monitor'
import * as calendar from './2026-12-04b-calendar'
import * as influencers from './2026-12-04c-influencers'
import * as digest from './2026-12-04d-digest'
import * as leanIndexes from './2026-12-05-lean-indexes'
import * as heartbeats from './2026-12-06-heartbeats'
import * as processInstances from './2026-12-06b-process-instances'

// One static registry: the bundled server has no migrations folder to scan, so each
// migration is imported here, keyed by a date-prefixed name that sorts in order.
export const migrations: Record<string, Migration> = {
  '2026-11-22-accounts': accounts,
  '2026-11-22b-ingest': ingest,
  '2026-11-22c-nlp': nlp,
  '2026-12-04-monitor': monitor,
  '2026-12-04b-calendar': calendar,
  '2026-12-04c-influencers': influencers,
  '2026-12-04d-digest': digest,
  '2026-12-05-lean-indexes': leanIndexes,
  '2026-12-06-heartbeats': heartbeats,
  '2026-12-06b-process-instances': processInstances,
}

const provider: MigrationProvider = { getMigrations: async () => migrations }

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider })
}

export class MigrationError extends Error {}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  const result = await createMigrator(db).migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const reason = result.error instanceof Error ? result.error.message : String(result.error)
    throw new MigrationError(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`)
  }
  return result
}

export async function schemaStatus(db: Db): Promise<{ applied: string[]; pending: string[] }> {
  const all = await createMigrator(db).getMigrations()
  return {
    applied: all.filter((m) => m.executedAt).map((m) => m.name),
    pending: all.filter((m) => !m.executedAt).map((m) => m.name),
  }
}
