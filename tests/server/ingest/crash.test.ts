import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
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

describe('a crash during ingest', () => {
  it('loses nothing and duplicates nothing: the next run continues from the last stored batch', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'chorus-crash-')), 'chorus.db')
    const { db, sqlite } = createDb(dbFile)
    await migrateToLatest(db)
    const at = new Date().toISOString()
    await db.insertInto('sources').values({
      kind: 'mastodon', name: 'crash test', intervalMinutes: 60, enabled: 1, consecutiveFailures: 0, createdAt: at, updatedAt: at,
      config: JSON.stringify({ mode: 'hashtag', tag: 'climat', instance: replay.url, limit: 40 }),
      // Listening started at the first status: the hundred after it are new.
      cursor: JSON.stringify({ minId: statuses[0]!.id }),
    }).execute()

    const first = ingest(dbFile)
    const exited = new Promise((done) => first.on('exit', done))
    for (let i = 0; i < 200; i++) {
      const run = await db.selectFrom('ingestRuns').select(['pages']).executeTakeFirst()
      // Killed once the first batch is stored and the next request is under way.
      if (run && run.pages >= 1 && replay.requests.length >= 2) break
      await new Promise((r) => setTimeout(r, 100))
    }
    first.kill('SIGKILL')
    await exited
    const afterCrash = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(afterCrash.n).toBe(40)

    const second = ingest(dbFile)
    let output = ''
    second.stdout.on('data', (chunk) => { output += chunk })
    second.stderr.on('data', (chunk) => { output += chunk })
    const code = await new Promise((done) => second.on('exit', done))
    expect(code, output).toBe(0)
    const runs = await db.selectFrom('ingestRuns').select(['pages', 'inserted', 'duplicates', 'status']).orderBy('id').execute()
    expect(runs).toEqual([
      { pages: 1, inserted: 40, duplicates: 0, status: 'running' },
      { pages: 2, inserted: 60, duplicates: 0, status: 'ok' },
    ])
    const stored = await db.selectFrom('posts').select('externalId').execute()
    expect(new Set(stored.map((p) => p.externalId)).size).toBe(100)
    expect(stored.map((p) => p.externalId).sort()).toEqual(statuses.slice(1).map((s) => s.uri).sort())
    sqlite.close()
  }, 60_000)
})
