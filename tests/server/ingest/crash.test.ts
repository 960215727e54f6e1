import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import { createInnerContext } from '../../../server/trpc/context'
import { createCallerFactory } from '../../../server/trpc/init'
import { appRouter } from '../../../server/trpc/routers'
import { HttpClient } from '../../../ingest/http'
import { createIngestContext } from '../../../ingest/runner'
import { IngestScheduler } from '../../../ingest/scheduler'
import { anAccount } from '../support'
import { makeStatuses, tagTimeline } from '../../support/mastodon-timeline'
import { type ReplayServer, startReplayServer } from '../../support/replay-server'

const CLI = resolve(import.meta.dirname, '../../../server/cli/chorus.mjs')
const statuses = makeStatuses(101)
let replay: ReplayServer

beforeAll(async () => {
  // The second request hangs, so the process is caught between two batches.
  replay = await startReplayServer([tagTimeline(statuses, { delayMs: (n) => (n === 2 ? 60_000 : 0) })])
})
afterAll(() => replay.close())

function ingest(dbFile: string) {
  return spawn(process.execPath, [CLI, 'ingest', '--source', '1', '--db', dbFile], {
    env: { ...process.env, CHORUS_ALLOW_PRIVATE_HOSTS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** A database with one Mastodon source, listening since the first status: the hundred after it are new. */
async function databaseWithSource(prefix: string, instance: string) {
  const dbFile = join(mkdtempSync(join(tmpdir(), prefix)), 'chorus.db')
  const { db, sqlite } = createDb(dbFile)
  await migrateToLatest(db)
  const at = new Date().toISOString()
  await db.insertInto('sources').values({
    kind: 'mastodon', name: 'crash test', intervalMinutes: 60, enabled: 1, consecutiveFailures: 0, createdAt: at, updatedAt: at,
    config: JSON.stringify({ mode: 'hashtag', tag: 'climat', instance, limit: 40 }),
    cursor: JSON.stringify({ minId: statuses[0]!.id }),
  }).execute()
  return { dbFile, db, sqlite }
}

/** Waits until the process has stored its first batch and its next request is under way. */
async function caughtBetweenBatches(db: ReturnType<typeof createDb>['db'], server: ReplayServer) {
  for (let i = 0; i < 200; i++) {
    const run = await db.selectFrom('ingestRuns').select(['pages']).executeTakeFirst()
    if (run && run.pages >= 1 && server.requests.length >= 2) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('the ingest never reached its second request')
}

function outputOf(child: ReturnType<typeof ingest>) {
  let output = ''
  child.stdout.on('data', (chunk) => { output += chunk })
  child.stderr.on('data', (chunk) => { output += chunk })
  return new Promise<{ code: number | null, output: string }>((done) => child.on('exit', (code) => done({ code, output })))
}

describe('a crash during ingest', () => {
  it('loses nothing and duplicates nothing: the next run continues from the last stored batch', async () => {
    const { dbFile, db, sqlite } = await databaseWithSource('chorus-crash-', replay.url)

    const first = ingest(dbFile)
    const exited = new Promise((done) => first.on('exit', done))
    await caughtBetweenBatches(db, replay)
    first.kill('SIGKILL')
    await exited
    const afterCrash = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(afterCrash.n).toBe(40)

    const { code, output } = await outputOf(ingest(dbFile))
    expect(code, output).toBe(0)
    const runs = await db.selectFrom('ingestRuns').select(['pages', 'inserted', 'duplicates', 'status']).orderBy('id').execute()
    // The next run saw the first one's process gone and said so.
    expect(runs).toEqual([
      { pages: 1, inserted: 40, duplicates: 0, status: 'interrupted' },
      { pages: 2, inserted: 60, duplicates: 0, status: 'ok' },
    ])
    const stored = await db.selectFrom('posts').select('externalId').execute()
    expect(new Set(stored.map((p) => p.externalId)).size).toBe(100)
    expect(stored.map((p) => p.externalId).sort()).toEqual(statuses.slice(1).map((s) => s.uri).sort())
    sqlite.close()
  }, 60_000)
})

describe('a source fetched from the command line while the server runs', () => {
  let slow: ReplayServer
  beforeAll(async () => {
    slow = await startReplayServer([tagTimeline(statuses, { delayMs: (n) => (n === 2 ? 60_000 : 0) })])
  })
  afterAll(() => slow.close())

  it('is left running and not fetched twice; once its process is gone, the server marks it interrupted and takes over', async () => {
    const { dbFile, db, sqlite } = await databaseWithSource('chorus-live-', slow.url)
    const cli = ingest(dbFile)
    const exited = new Promise((done) => cli.on('exit', done))
    await caughtBetweenBatches(db, slow)

    // The server starts meanwhile: the source is due, and the command line's run is unfinished.
    const logs: string[] = []
    const http = new HttpClient({ allowPrivateHosts: false, allowedHosts: [slow.host], sleep: async () => {} })
    const now = () => new Date()
    const scheduler = new IngestScheduler(createIngestContext(db, sqlite, { http, now }), { log: (line) => logs.push(line) })
    await scheduler.start()
    await scheduler.tick()
    const runs = () => db.selectFrom('ingestRuns').select(['trigger', 'status', 'pages', 'inserted']).orderBy('id').execute()
    expect(await runs()).toEqual([{ trigger: 'cli', status: 'running', pages: 1, inserted: 40 }])
    expect(slow.requests).toHaveLength(2)
    // The Sources page shows it running, and "Run now" follows that run instead of starting one.
    const caller = createCallerFactory(appRouter)(createInnerContext({ db, user: await anAccount(db, 'admin'), ingest: scheduler, now }))
    expect((await caller.sources.get({ id: 1 })).running).toBe(true)
    expect(await caller.sources.runNow({ id: 1 })).toEqual({ runId: 1 })

    // A second command-line ingest of the source is refused, and says why.
    const second = await outputOf(ingest(dbFile))
    expect(second.code).toBe(1)
    expect(second.output).toContain('skipped: source 1 is being fetched already (run 1, in another process)')
    expect(await runs()).toHaveLength(1)

    cli.kill('SIGKILL')
    await exited
    // On the same host the process is seen gone at once (elsewhere, once its heartbeat is old:
    // runs.test.ts): the next tick marks the run interrupted, and the server fetches the source
    // itself, from where the dead process's last batch left it.
    await scheduler.tick()
    expect(await runs()).toEqual([
      { trigger: 'cli', status: 'interrupted', pages: 1, inserted: 40 },
      { trigger: 'schedule', status: 'ok', pages: 2, inserted: 60 },
    ])
    expect(logs).toContain('chorus ingest: marked 1 unfinished run(s) as interrupted')
    scheduler.stop()
    await http.close()
    sqlite.close()
  }, 60_000)
})
