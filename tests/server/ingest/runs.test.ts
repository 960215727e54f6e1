import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { SourceBusyError, startRun } from '../../../server/db/repositories/ingest'
import { HEARTBEAT_MS, STALE_AFTER_MS, thisProcess } from '../../../server/db/liveness'
import { openRun, sweepDeadRuns } from '../../../ingest/run-record'

// Which unfinished runs belong to a live process, across processes and hosts sharing one
// database. The command line against a running server, with real processes: crash.test.ts.

const now = new Date('2026-12-06T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)
let db: Db

beforeEach(async () => {
  db = createDb(':memory:').db
  await migrateToLatest(db)
  const at = now.toISOString()
  await db.insertInto('sources').values({
    kind: 'rss', name: 'feed', intervalMinutes: 60, enabled: 1, consecutiveFailures: 0, createdAt: at, updatedAt: at,
    config: JSON.stringify({ url: 'https://news.example.org/feed.xml' }),
  }).execute()
})

/** A run of source 1 started by a process of `host`, whose last heartbeat was at `beat`. */
function runElsewhere(beat: Date, host = 'another-host', pid = 4242, instance = 'another process') {
  return startRun(db, { sourceId: 1, label: 'feed', trigger: 'cli', host, pid, instance }, beat)
}

const statuses = () => db.selectFrom('ingestRuns').select(['id', 'status', 'error']).orderBy('id').execute()

describe('runs of other processes', () => {
  it('leaves a run from another host alone while its heartbeat is recent, and does not start its source twice', async () => {
    const id = await runElsewhere(ago(STALE_AFTER_MS - 5_000))
    expect(await sweepDeadRuns(db, now)).toBe(0)
    const refused = await openRun(db, { sourceId: 1, label: 'feed', trigger: 'schedule' }, () => now).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(SourceBusyError)
    expect((refused as SourceBusyError).runId).toBe(id)
    expect(await statuses()).toEqual([{ id, status: 'running', error: null }])
    // Imports belong to no source: they never wait for one another.
    const imported = await openRun(db, { sourceId: null, label: 'posts.csv', trigger: 'import' }, () => now)
    await imported.finish({ status: 'ok' })
  })

  it('marks it interrupted once its heartbeat is too old, and the source can run again', async () => {
    const id = await runElsewhere(ago(STALE_AFTER_MS + 1_000))
    const next = await openRun(db, { sourceId: 1, label: 'feed', trigger: 'schedule' }, () => now)
    expect(await statuses()).toEqual([
      { id, status: 'interrupted', error: 'the process running it stopped before it finished' },
      { id: next.id, status: 'running', error: null },
    ])
    await next.finish({ status: 'ok' })
  })

  it('sees a process of this host gone at once, whatever its heartbeat says', async () => {
    const exited = spawnSync(process.execPath, ['-e', '']).pid
    const id = await runElsewhere(now, hostname(), exited)
    expect(await sweepDeadRuns(db, now)).toBe(1)
    expect((await statuses())[0]).toMatchObject({ id, status: 'interrupted' })
  })

  it('sees at once that our pid recorded by another instance is gone: a server restarted as a container\'s pid 1', async () => {
    const before = await runElsewhere(now, hostname(), process.pid, 'the server before the restart')
    // Recorded before instances: this pid's owner cannot be told, so it waits for the heartbeat to age.
    const unknown = await startRun(db, { sourceId: null, label: 'posts.csv', trigger: 'import', host: hostname(), pid: process.pid }, now)
    expect(await sweepDeadRuns(db, now)).toBe(1)
    expect(await statuses()).toEqual([
      { id: before, status: 'interrupted', error: 'the process running it stopped before it finished' },
      { id: unknown, status: 'running', error: null },
    ])
    const next = await openRun(db, { sourceId: 1, label: 'feed', trigger: 'schedule' }, () => now)
    await next.finish({ status: 'ok' })
    expect(await sweepDeadRuns(db, ago(-STALE_AFTER_MS - 1_000))).toBe(1)
  })

  it('keeps a live process of this host, and the caller\'s own runs, however old their heartbeat', async () => {
    const parent = await runElsewhere(now, hostname(), process.ppid)
    expect(await sweepDeadRuns(db, now)).toBe(0)
    // An import of ours whose beats went unanswered (a long stretch of work, a busy database).
    const own = await startRun(db, { sourceId: null, label: 'posts.csv', trigger: 'import', ...thisProcess() }, ago(STALE_AFTER_MS * 3))
    expect(await sweepDeadRuns(db, now, [own])).toBe(0)
    expect(await statuses()).toEqual([{ id: parent, status: 'running', error: null }, { id: own, status: 'running', error: null }])
  })

  it('takes runs recorded before heartbeats for dead, as before', async () => {
    const { id } = await db.insertInto('ingestRuns')
      .values({ sourceId: 1, label: 'feed', trigger: 'schedule', startedAt: ago(60_000).toISOString(), status: 'running', heartbeatAt: null, host: null, pid: null })
      .returning('id').executeTakeFirstOrThrow()
    expect(await sweepDeadRuns(db, now)).toBe(1)
    expect((await statuses())[0]).toMatchObject({ id, status: 'interrupted' })
  })
})

describe('a run of this process', () => {
  afterEach(() => vi.useRealTimers())

  it('beats while it lasts, so that others never take it for dead, and stops when it finishes', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    let clock = now
    const run = await openRun(db, { sourceId: 1, label: 'feed', trigger: 'schedule' }, () => clock)
    const beat = async () => (await db.selectFrom('ingestRuns').select(['heartbeatAt', 'host', 'pid', 'instance']).executeTakeFirstOrThrow())
    expect(await beat()).toEqual({ heartbeatAt: now.toISOString(), ...thisProcess() })
    clock = new Date(now.getTime() + 10 * STALE_AFTER_MS)
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS)
    expect((await beat()).heartbeatAt).toBe(clock.toISOString())
    // Ten grace periods after it started, its heartbeat is recent: alive.
    expect(await sweepDeadRuns(db, clock)).toBe(0)
    await run.finish({ status: 'ok' })
    const finishedAt = clock
    clock = new Date(clock.getTime() + STALE_AFTER_MS)
    await vi.advanceTimersByTimeAsync(HEARTBEAT_MS)
    expect((await beat()).heartbeatAt).toBe(finishedAt.toISOString())
  })
})
