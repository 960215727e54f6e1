import type { Db } from '../db'
import type { PublicUser } from '../db/repositories/users'
import type { IngestScheduler } from '../../ingest/scheduler'
import type { NlpService } from '../../ingest/nlp/service'
import type { SnapshotRunner } from '../snapshots/runner'

// The inner context holds everything a procedure needs; tests build it directly and call
// procedures through createCaller, with no HTTP in between.
export interface Context {
  db: Db
  user: PublicUser | null
  now: () => Date
  /** Runs sources in this process; absent where no ingest runs (some tests). */
  ingest: IngestScheduler | null
  /** The live tagger and background re-tag jobs; absent in tests that do not need them. */
  nlp: NlpService | null
  /** Computes queued network snapshots in the background; absent in tests that do not need it. */
  graph: SnapshotRunner | null
}

export function createInnerContext(opts: { db: Db, user?: PublicUser | null, now?: () => Date, ingest?: IngestScheduler | null, nlp?: NlpService | null, graph?: SnapshotRunner | null }): Context {
  return { db: opts.db, user: opts.user ?? null, now: opts.now ?? (() => new Date()), ingest: opts.ingest ?? null, nlp: opts.nlp ?? null, graph: opts.graph ?? null }
}
