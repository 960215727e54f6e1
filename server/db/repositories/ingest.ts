import type { Db } from '../index'
import type { IngestRunTable, RunStatus } from '../schema'
import type { Insertable } from 'kysely'

const RUN_COLUMNS = ['id', 'sourceId', 'label', 'trigger', 'startedAt', 'finishedAt', 'status', 'pages', 'fetched',
  'inserted', 'duplicates', 'failed', 'error', 'notes'] as const

export async function startRun(db: Db, run: Pick<Insertable<IngestRunTable>, 'sourceId' | 'label' | 'trigger'>, now: Date): Promise<number> {
  const row = await db.insertInto('ingestRuns')
    .values({ ...run, startedAt: now.toISOString(), status: 'running' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export async function finishRun(db: Db, id: number, outcome: { status: RunStatus, error?: string | null, notes?: string[] }, now: Date) {
  await db.updateTable('ingestRuns')
    .set({ status: outcome.status, error: outcome.error ?? null, notes: JSON.stringify(outcome.notes ?? []), finishedAt: now.toISOString() })
    .where('id', '=', id)
    .execute()
}

/** Runs left 'running' by a process that died: they did not finish, say so. */
export async function markInterruptedRuns(db: Db, now: Date): Promise<number> {
  const result = await db.updateTable('ingestRuns')
    .set({ status: 'interrupted', finishedAt: now.toISOString(), error: 'the process stopped before the run finished' })
    .where('status', '=', 'running')
    .executeTakeFirst()
  return Number(result.numUpdatedRows)
}

export function getRun(db: Db, id: number) {
  return db.selectFrom('ingestRuns').select(RUN_COLUMNS).where('id', '=', id).executeTakeFirst()
}

/** A source's runs, newest first; with null, the imports (`chorus import`, `chorus demo`), which belong to no source. */
export function listRuns(db: Db, sourceId: number | null, limit = 20) {
  return db.selectFrom('ingestRuns').select(RUN_COLUMNS).where('sourceId', sourceId === null ? 'is' : '=', sourceId)
    .orderBy('id', 'desc').limit(limit).execute()
}

export function listFailures(db: Db, runId: number, limit = 100) {
  return db.selectFrom('ingestFailures').select(['id', 'reason', 'raw']).where('runId', '=', runId)
    .orderBy('id').limit(limit).execute()
}

export type RunRow = NonNullable<Awaited<ReturnType<typeof getRun>>>
