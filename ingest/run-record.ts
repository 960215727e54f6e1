import { hostname } from 'node:os'
import type { Insertable } from 'kysely'
import {
  beatIsRecent, beatRun, finishRun, markRunsInterrupted, RUN_STALE_AFTER_MS, startRun, unfinishedRuns,
} from '../server/db/repositories/ingest'
import type { Db } from '../server/db'
import type { IngestRunTable, RunStatus } from '../server/db/schema'

// The server, the scheduler and `chorus ingest` / `import` / `demo` may all write one database.
// A run records its process (host name and pid), and the process writes a heartbeat into it
// while the run lasts, so that the others can tell a run under way elsewhere (leave it be, do not
// start its source twice) from one whose process died (mark it interrupted). On the same host a
// dead process is seen at once; elsewhere, once its heartbeat is RUN_STALE_AFTER_MS old. A missed
// beat is harmless: the next one comes long before that.
export const HEARTBEAT_MS = Math.floor(RUN_STALE_AFTER_MS / 8)

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
  const id = await startRun(db, { ...run, host: hostname(), pid: process.pid }, now())
  // A failed beat (the database busy past its timeout, say) is retried by the next.
  const timer = setInterval(() => void beatRun(db, id, now()).catch(() => {}), HEARTBEAT_MS)
  timer.unref()
  return {
    id,
    async finish(outcome) {
      clearInterval(timer)
      await finishRun(db, id, outcome, now())
    },
  }
}

/** Marks interrupted the unfinished runs whose process is gone; `except` names the caller's own. Answers how many. */
export async function sweepDeadRuns(db: Db, now: Date, except: readonly number[] = []): Promise<number> {
  const dead = (await unfinishedRuns(db))
    .filter((run) => !except.includes(run.id) && (!beatIsRecent(run.heartbeatAt, now) || exitedHere(run)))
  return markRunsInterrupted(db, dead.map((run) => run.id), now)
}

/** A process of this host that no longer exists. Ours never counts: a run with our pid is ours or, under a reused pid, waits for its heartbeat to age. */
function exitedHere(run: { host: string | null, pid: number | null }): boolean {
  if (run.host !== hostname() || run.pid === null || run.pid === process.pid) return false
  try {
    process.kill(run.pid, 0)
    return false
  }
  catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
