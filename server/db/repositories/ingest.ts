import type { Db } from '../index'
import { liveSince } from '../liveness'
import type { IngestRunTable, RunStatus } from '../schema'
import type { Insertable } from 'kysely'

const RUN_COLUMNS = ['id', 'sourceId', 'label', 'trigger', 'startedAt', 'finishedAt', 'status', 'pages', 'fetched',
  'inserted', 'duplicates', 'failed', 'error', 'notes'] as const

/** Starting a source that a live process is fetching already: that run's id. */
export class SourceBusyError extends Error {
  constructor(readonly sourceId: number, readonly runId: number) {
    super(`source ${sourceId} is being fetched already (run ${runId}, in another process)`)
    this.name = 'SourceBusyError'
  }
}

/** The sources' runs under way in processes that are still alive, newest first. */
export function liveRuns(db: Db, now: Date) {
  return running(db, now).select(['id', 'sourceId']).where('sourceId', 'is not', null).orderBy('id', 'desc').execute()
}

/** Runs under way in a live process, as a query to narrow. */
function running(db: Db, now: Date) {
  return db.selectFrom('ingestRuns').where('status', '=', 'running').where('heartbeatAt', '>=', liveSince(now))
}

/**
 * Records a run as started. A source's run is refused (SourceBusyError) while another process's
 * run of it is alive: the check and the insert are one statement, so that two processes starting
 * the same source at once cannot both get through.
 */
export async function startRun(db: Db, run: Pick<Insertable<IngestRunTable>, 'sourceId' | 'label' | 'trigger' | 'host' | 'pid' | 'instance'>, now: Date): Promise<number> {
  const at = now.toISOString()
  const { sourceId = null } = run
  const row = await db.insertInto('ingestRuns')
    .columns(['sourceId', 'label', 'trigger', 'startedAt', 'status', 'heartbeatAt', 'host', 'pid', 'instance'])
    .expression(db.selectNoFrom((eb) => [
      eb.val(sourceId).as('sourceId'), eb.val(run.label).as('label'), eb.val(run.trigger).as('trigger'),
      eb.val(at).as('startedAt'), eb.val('running').as('status'), eb.val(at).as('heartbeatAt'),
      eb.val(run.host ?? null).as('host'), eb.val(run.pid ?? null).as('pid'), eb.val(run.instance ?? null).as('instance'),
    ]).where((eb) => eb.not(eb.exists(running(db, now).select('id').where('sourceId', '=', sourceId)))))
    .returning('id')
    .executeTakeFirst()
  if (row) return row.id
  const live = (await liveRuns(db, now)).find((r) => r.sourceId === sourceId)
  // Gone between the two statements: it just finished, so try again.
  if (!live) return startRun(db, run, now)
  throw new SourceBusyError(sourceId!, live.id)
}

/** A sign of life from the process running the run. */
export async function beatRun(db: Db, id: number, now: Date) {
  await db.updateTable('ingestRuns').set({ heartbeatAt: now.toISOString() }).where('id', '=', id).where('status', '=', 'running').execute()
}

export async function finishRun(db: Db, id: number, outcome: { status: RunStatus, error?: string | null, notes?: string[] }, now: Date) {
  await db.updateTable('ingestRuns')
    .set({ status: outcome.status, error: outcome.error ?? null, notes: JSON.stringify(outcome.notes ?? []), finishedAt: now.toISOString() })
    .where('id', '=', id)
    .execute()
}

/** The runs not finished yet, with what tells whether their process lives (server/db/liveness.ts). */
export function unfinishedRuns(db: Db) {
  return db.selectFrom('ingestRuns').select(['id', 'heartbeatAt', 'host', 'pid', 'instance']).where('status', '=', 'running').execute()
}

/** Runs left 'running' by a process that died: they did not finish, say so. */
export async function markRunsInterrupted(db: Db, ids: readonly number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0
  const result = await db.updateTable('ingestRuns')
    .set({ status: 'interrupted', finishedAt: now.toISOString(), error: 'the process running it stopped before it finished' })
    .where('status', '=', 'running')
    .where('id', 'in', ids)
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

/** How each source's latest finished run ended (or the one source's), by source id. */
export async function lastOutcomes(db: Db, sourceId?: number): Promise<Map<number, RunStatus>> {
  let latest = db.selectFrom('ingestRuns').select((eb) => eb.fn.max('id').as('id')).where('status', '!=', 'running').groupBy('sourceId')
  latest = sourceId === undefined ? latest.where('sourceId', 'is not', null) : latest.where('sourceId', '=', sourceId)
  const rows = await db.selectFrom('ingestRuns').select(['sourceId', 'status']).where('id', 'in', latest).execute()
  return new Map(rows.map((row) => [row.sourceId!, row.status]))
}

export function listFailures(db: Db, runId: number, limit = 100) {
  return db.selectFrom('ingestFailures').select(['id', 'reason', 'raw']).where('runId', '=', runId)
    .orderBy('id').limit(limit).execute()
}

export type RunRow = NonNullable<Awaited<ReturnType<typeof getRun>>>
