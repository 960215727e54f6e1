import { createDb, type Db } from '../../server/db'
import { migrateToLatest } from '../../server/db/migrations'
import { createAccount } from '../../server/auth/accounts'
import { CLI_ACTOR } from '../../server/db/repositories/audit'
import type { Role } from '../../shared/roles'
import { createInnerContext } from '../../server/trpc/context'
import { createCallerFactory } from '../../server/trpc/init'
import { appRouter } from '../../server/trpc/routers'
import type { PublicUser } from '../../server/db/repositories/users'
import { startRun } from '../../server/db/repositories/ingest'
import type { SqliteHandle } from '../../server/db/sqlite'
import { BatchWriter } from '../../ingest/pipeline'
import type { Tagger } from '../../ingest/nlp/tagger'
import type { NormalisedPost } from '../../ingest/types'

export const PASSWORD = 'correct horse battery'

export async function freshDb(): Promise<Db> {
  const { db } = createDb(':memory:')
  await migrateToLatest(db)
  return db
}

export function anAccount(db: Db, role: Role, email = `${role}@example.org`) {
  return createAccount(db, CLI_ACTOR, { email, role, password: PASSWORD })
}

const createCaller = createCallerFactory(appRouter)

export function callerAs(db: Db, user: PublicUser | null, now = () => new Date('2026-11-22T10:00:00Z')) {
  return createCaller(createInnerContext({ db, user, now }))
}

/** Stores posts as one ingest batch tagged by `tagger`, the way a source's run does. */
export async function storePosts(target: { db: Db, sqlite: SqliteHandle }, tagger: Tagger, posts: NormalisedPost[], now: Date) {
  const writer = new BatchWriter(target.sqlite, target.db, tagger.tagBatch)
  const runId = await startRun(target.db, { sourceId: null, label: 'test', trigger: 'import' }, now)
  return writer.store({ runId, sourceId: null, now, page: { posts, failures: [], nextCursor: null } })
}

/** A re-tag job's or a network snapshot's columns while a runner of another host works on it, its last heartbeat at `beat`. */
export function heldElsewhere(beat: Date) {
  return { status: 'running' as const, claim: 'a runner on another host', host: 'another-host', pid: 4242, heartbeatAt: beat.toISOString() }
}
