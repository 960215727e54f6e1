import type { Insertable } from 'kysely'
import { beatRun, finishRun, markRunsInterrupted, startRun, unfinishedRuns } from '../server/db/repositories/ingest'
import { keepBeating, ownerAlive, thisProcess } from '../server/db/liveness'
import type { Db } from '../server/db'
import type { IngestRunTable, RunStatus } from '../server/db/schema'

// The server, the scheduler and `chorus ingest` / `import` / `demo` may all write one database.
// Each run records its process and beats while it lasts (server/db/liveness.ts), so that the
// others can tell a run under way elsewhere (leave it be, do not start its source twice) from
// one whose process died (mark it interrupted).

export interface OpenRun {
  readonly id: number
  /** Records the outcome and stops the heartbeat. */
  finish(outcome: { status: RunStatus, error?: string | null, notes?: string[] }): Promise<void>
}

/**
 * Starts a run and its heartbeat, once the runs of dead processes are marked interrupted; throws
 * SourceBusyError when a live process is fetching its source.
 */
export async function openRun(db: Db, run: Pick<Insertable<IngestRunTable>, 'sourceId' | 'label' | 'trigger'>, now: () => Date): Promise<OpenRun> {
  await sweepDeadRuns(db, now())
  const id = await startRun(db, { ...run, ...thisProcess() }, now())
  const stopBeating = keepBeating(() => beatRun(db, id, now()))
  return {
    id,
    async finish(outcome) {
      stopBeating()
      await finishRun(db, id, outcome, now())
    },
  }
}

/** Marks interrupted the unfinished runs whose process is gone; `except` names the caller's own. Answers how many. */
export async function sweepDeadRuns(db: Db, now: Date, except: readonly number[] = []): Promise<number> {
  const dead = (await unfinishedRuns(db)).filter((run) => !except.includes(run.id) && !ownerAlive(run, now))
  return markRunsInterrupted(db, dead.map((run) => run.id), now)
}
