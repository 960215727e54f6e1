import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { createTopics, queueRetag } from '../../../server/db/repositories/topics'
import { STALE_AFTER_MS, thisProcess } from '../../../server/db/liveness'
import { NlpService } from '../../../ingest/nlp/service'
import { runRetag } from '../../../ingest/nlp/retag'
import { Tagger } from '../../../ingest/nlp/tagger'
import { aPost } from '../ingest/builders'
import { heldElsewhere, storePosts } from '../support'

// Re-tag jobs when more than one process runs jobs on one database (a second web process, a
// server restarted while the first still stops): each job is worked on by one runner, a job
// whose runner died is taken over, and a runner that lost its job writes nothing more.

const now = new Date('2026-11-22T10:00:00Z')
let db: Db
let sqlite: SqliteHandle
let tagger: Tagger
let topicId: number
let jobId: number

beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
})

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  const posts = [
    aPost('1', { text: 'Thousands of refugees crossed the border this week, aid groups say.', createdAt: '2026-11-20T09:10:00.000Z' }),
    aPost('2', { text: 'Des milliers de réfugiés ont franchi la frontière cette semaine.', createdAt: '2026-11-20T09:40:00.000Z' }),
    aPost('3', { text: 'Climate finance talks stalled again in Bonn today.', createdAt: '2026-11-20T11:00:00.000Z' }),
  ]
  await storePosts({ db, sqlite }, tagger, posts, now)
  const [topic] = await createTopics(db, [{
    name: 'Refugees', color: '#0f766e', queries: [{ lang: 'en', query: 'refugee*' }, { lang: 'fr', query: 'réfugié*' }],
  }], now)
  topicId = topic!.id
  jobId = await queueRetag(db, topicId, 1, now)
})

/** What the charts read for the topic: tagged posts, and the posts counted in each rollup. */
async function counted() {
  const sum = async (table: 'volumeHourly' | 'dailyStats') => Number((await db.selectFrom(table)
    .select((eb) => eb.fn.sum<number>('posts').as('n')).where('topicId', '=', topicId).executeTakeFirstOrThrow()).n ?? 0)
  const tagged = await db.selectFrom('postTopics').select((eb) => eb.fn.countAll<number>().as('n')).where('topicId', '=', topicId).executeTakeFirstOrThrow()
  return { tagged: Number(tagged.n), hourly: await sum('volumeHourly'), daily: await sum('dailyStats') }
}

const job = () => db.selectFrom('nlpJobs').select(['status', 'done', 'matched']).where('id', '=', jobId).executeTakeFirstOrThrow()

describe('re-tag jobs across job runners', () => {
  it('are run once when two runners work the queue at the same time', async () => {
    const first = new NlpService(db, { now: () => now })
    const second = new NlpService(db, { now: () => now })
    await Promise.all([first.runJobs(), second.runJobs()])
    expect(await job()).toEqual({ status: 'ok', done: 3, matched: 2 })
    expect(await counted()).toEqual({ tagged: 2, hourly: 2, daily: 2 })
  })

  it('are left to a live runner elsewhere, and taken over once its heartbeat is old', async () => {
    await db.updateTable('nlpJobs')
      .set(heldElsewhere(new Date(now.getTime() - 60_000)))
      .where('id', '=', jobId).execute()
    let clock = now
    const runner = new NlpService(db, { now: () => clock })
    await runner.runJobs()
    expect((await job()).status).toBe('running')
    expect(await counted()).toEqual({ tagged: 0, hourly: 0, daily: 0 })
    clock = new Date(now.getTime() + STALE_AFTER_MS)
    await runner.runJobs()
    expect(await job()).toEqual({ status: 'ok', done: 3, matched: 2 })
    expect(await counted()).toEqual({ tagged: 2, hourly: 2, daily: 2 })
  })

  it('are taken over at once from the process this one replaced under the same pid (a container\'s pid 1)', async () => {
    await db.updateTable('nlpJobs')
      .set({ status: 'running', claim: 'the server before the restart', ...thisProcess(), instance: 'the server before the restart', heartbeatAt: now.toISOString() })
      .where('id', '=', jobId).execute()
    await new NlpService(db, { now: () => now }).runJobs()
    expect(await job()).toEqual({ status: 'ok', done: 3, matched: 2 })
    expect(await counted()).toEqual({ tagged: 2, hourly: 2, daily: 2 })
  })

  it('never end the process when one cannot run: the runner says why', async () => {
    // A job without its topic, as only a damaged database would hold.
    await db.updateTable('nlpJobs').set({ topicId: null }).where('id', '=', jobId).execute()
    const logged: unknown[] = []
    const spy = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(line))
    try {
      await expect(new NlpService(db, { now: () => now }).runJobs()).resolves.toBeUndefined()
    }
    finally {
      spy.mockRestore()
    }
    expect(logged).toEqual([`chorus: re-tag jobs stopped: no re-tag job with id ${jobId}`])
  })

  it('write nothing more once another runner took them over', async () => {
    await db.updateTable('nlpJobs').set({ status: 'running', claim: 'the runner that took it over' }).where('id', '=', jobId).execute()
    const stale = await runRetag(db, jobId, { now: () => now, claim: 'the runner that lost it' })
    expect(stale).toMatchObject({ status: 'running', done: 0, matched: 0 })
    expect(await counted()).toEqual({ tagged: 0, hourly: 0, daily: 0 })
  })
})
