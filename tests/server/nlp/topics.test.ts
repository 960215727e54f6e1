import { TRPCError } from '@trpc/server'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { startRun } from '../../../server/db/repositories/ingest'
import { createInnerContext } from '../../../server/trpc/context'
import { createCallerFactory } from '../../../server/trpc/init'
import { appRouter } from '../../../server/trpc/routers'
import { BatchWriter } from '../../../ingest/pipeline'
import { NlpService } from '../../../ingest/nlp/service'
import { Tagger } from '../../../ingest/nlp/tagger'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount } from '../support'

// Topics end to end on the server: define, tag new posts, re-tag history in the background,
// preview, and the rollups the charts read.

let db: Db
let sqlite: SqliteHandle
let nlp: NlpService
const now = new Date('2026-11-22T10:00:00Z')
const createCaller = createCallerFactory(appRouter)
let tagger: Tagger

beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
})

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  nlp = new NlpService(db, { now: () => now })
  await nlp.ready()
})

async function callerFor(role: 'admin' | 'analyst' | 'editor' | 'viewer') {
  const user = await anAccount(db, role)
  return createCaller(createInnerContext({ db, user, now: () => now, nlp }))
}

const POSTS = [
  aPost('1', { text: 'Thousands of refugees crossed the border this week, aid groups say.', createdAt: '2026-11-20T09:10:00.000Z' }),
  aPost('2', { text: 'Des milliers de réfugiés ont franchi la frontière cette semaine.', declaredLang: 'en', createdAt: '2026-11-20T09:40:00.000Z' }),
  aPost('3', { text: 'Climate finance talks stalled again in Bonn today.', createdAt: '2026-11-20T11:00:00.000Z' }),
  aPost('4', { text: 'Wakimbizi wengi wamewasili kambini leo, shirika la misaada limesema.', author: anAuthor('b'), declaredLang: 'en', createdAt: '2026-11-21T08:00:00.000Z' }),
]

async function storePosts(posts = POSTS, withTagger: Tagger | NlpService = tagger) {
  const writer = new BatchWriter(sqlite, db, withTagger.tagBatch)
  const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
  return writer.store({ runId, sourceId: null, now, page: { posts, failures: [], nextCursor: null } })
}

const refugees = {
  name: 'Refugees', color: '#0f766e',
  queries: [{ lang: 'en', query: 'refugee* OR asylum' }, { lang: 'fr', query: 'réfugié* OR "demandeurs d\'asile"' }],
}

async function topicPosts(topicId: number) {
  return (await db.selectFrom('postTopics').innerJoin('posts', 'posts.id', 'postTopics.postId')
    .select(['posts.externalId', 'postTopics.terms']).where('topicId', '=', topicId).orderBy('posts.id').execute())
    .map((row) => ({ post: row.externalId.split('/').at(-1), terms: JSON.parse(row.terms) as string[] }))
}

describe('the NLP pass at ingest', () => {
  it('stores the detected language, not the declared one, with sentiment only where a lexicon exists', async () => {
    await storePosts()
    const rows = await db.selectFrom('posts').select(['externalId', 'declaredLang', 'lang', 'langConfidence', 'sentimentLabel', 'sentimentScore']).orderBy('id').execute()
    expect(rows.map((r) => r.lang)).toEqual(['en', 'fr', 'en', 'sw'])
    expect(rows[1]!.declaredLang).toBe('en')
    for (const row of rows) expect(row.langConfidence).toBeGreaterThan(0.5)
    // Swahili has no sentiment lexicon: not scored, never a made-up neutral.
    expect(rows[3]).toMatchObject({ sentimentLabel: null, sentimentScore: null })
  })

  it('counts every stored post in the hourly rollup once, by detected language and platform', async () => {
    await storePosts()
    await storePosts() // the same page again: duplicates add nothing
    const volume = await db.selectFrom('volumeHourly').select(['hour', 'topicId', 'lang', 'platform', 'posts']).orderBy('hour').orderBy('lang').execute()
    expect(volume).toEqual([
      { hour: '2026-11-20T09', topicId: 0, lang: 'en', platform: 'mastodon', posts: 1 },
      { hour: '2026-11-20T09', topicId: 0, lang: 'fr', platform: 'mastodon', posts: 1 },
      { hour: '2026-11-20T11', topicId: 0, lang: 'en', platform: 'mastodon', posts: 1 },
      { hour: '2026-11-21T08', topicId: 0, lang: 'sw', platform: 'mastodon', posts: 1 },
    ])
    const terms = await db.selectFrom('termDaily').select(['term', 'docs']).where('lang', '=', 'en').where('day', '=', '2026-11-20').execute()
    expect(terms.length).toBeGreaterThan(3)
    expect(Math.max(...terms.map((t) => t.docs))).toBe(1)
  })
})

describe('topics', () => {
  it('are read by every role and defined by admins and analysts only', async () => {
    const viewer = await callerFor('viewer')
    expect(await viewer.topics.list()).toEqual([])
    await expect(viewer.topics.create(refugees)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect((await callerFor('editor')).topics.create(refugees)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const { id } = await (await callerFor('analyst')).topics.create(refugees)
    expect((await viewer.topics.list()).map((t) => t.id)).toEqual([id])
  })

  it('refuses a query that does not parse, saying where and what was expected', async () => {
    const error = await (await callerFor('analyst')).topics
      .create({ ...refugees, queries: [{ lang: 'en', query: 'refugees AND (camp OR' }] })
      .then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(TRPCError)
    expect((error as TRPCError).code).toBe('BAD_REQUEST')
    expect((error as TRPCError).message).toMatch(/\d/)
  })

  it('re-tags history in the background after a topic is created, per language', async () => {
    await storePosts()
    const analyst = await callerFor('analyst')
    const { id } = await analyst.topics.create(refugees)
    const queued = (await analyst.topics.list())[0]!.job
    expect(queued).toMatchObject({ status: 'queued' })
    await nlp.runJobs()
    expect(await analyst.topics.job({ id: queued!.id })).toMatchObject({ status: 'ok', total: 4, done: 4, matched: 2 })
    // The English query tags the English post, the French query the French one; the Swahili post matches neither.
    expect(await topicPosts(id)).toEqual([{ post: '1', terms: ['refugee*'] }, { post: '2', terms: ['réfugié*'] }])
    const volume = await db.selectFrom('volumeHourly').select(['lang', 'posts']).where('topicId', '=', id).orderBy('lang').execute()
    expect(volume).toEqual([{ lang: 'en', posts: 1 }, { lang: 'fr', posts: 1 }])
    expect((await analyst.topics.list())[0]!.postsLast7Days).toBe(2)
  })

  it('tags new posts with the new queries at once, and re-tags only when the queries change', async () => {
    const analyst = await callerFor('analyst')
    const { id } = await analyst.topics.create(refugees)
    await nlp.runJobs()
    await storePosts(POSTS, nlp)
    expect((await topicPosts(id)).map((p) => p.post)).toEqual(['1', '2'])

    const same = await analyst.topics.update({ id, ...refugees, name: 'Refugees and asylum' })
    expect(same.retag).toBe(false)
    const changed = await analyst.topics.update({ id, ...refugees, queries: [...refugees.queries, { lang: 'sw', query: 'wakimbizi' }] })
    expect(changed.retag).toBe(true)
    await nlp.runJobs()
    expect((await topicPosts(id)).map((p) => p.post)).toEqual(['1', '2', '4'])
    const audit = await db.selectFrom('auditLog').select('action').where('targetType', '=', 'topic').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['topic.create', 'topic.update', 'topic.update'])
  })

  it('gives the same tags when an interrupted re-tag runs again', async () => {
    await storePosts()
    const analyst = await callerFor('analyst')
    const { id } = await analyst.topics.create(refugees)
    await nlp.runJobs()
    const before = await topicPosts(id)
    // As after a crash mid-job: the job is left running with its work half there.
    await db.updateTable('nlpJobs').set({ status: 'running' }).where('topicId', '=', id).execute()
    await db.deleteFrom('postTopics').where('topicId', '=', id).where('postId', '=', 2).execute()
    await nlp.runJobs()
    expect(await topicPosts(id)).toEqual(before)
    const volume = await db.selectFrom('volumeHourly').select((eb) => eb.fn.sum<number>('posts').as('n')).where('topicId', '=', id).executeTakeFirstOrThrow()
    expect(Number(volume.n)).toBe(2)
  })

  it('previews queries as typed against the latest posts, reporting the ones that do not parse', async () => {
    await storePosts()
    const preview = await (await callerFor('analyst')).topics.preview({
      queries: [{ lang: '*', query: 'refugee* OR réfugié* OR wakimbizi' }, { lang: 'fr', query: '"unclosed' }], limit: 10,
    })
    expect(preview.scanned).toBe(4)
    expect(preview.matched).toBe(3)
    expect(preview.posts.map((p) => p.text.slice(0, 11))).toEqual(['Wakimbizi w', 'Des millier', 'Thousands o'])
    expect(preview.invalid).toEqual([expect.objectContaining({ lang: 'fr', position: expect.any(Number) })])
    await expect((await callerFor('viewer')).topics.preview({ queries: [], limit: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' })
  })

  it('removes a topic with its tags and rollups', async () => {
    await storePosts()
    const analyst = await callerFor('analyst')
    const { id } = await analyst.topics.create(refugees)
    await nlp.runJobs()
    await analyst.topics.remove({ id })
    expect(await db.selectFrom('postTopics').selectAll().execute()).toEqual([])
    expect(await db.selectFrom('volumeHourly').selectAll().where('topicId', '=', id).execute()).toEqual([])
  })
})

describe('sentiment corrections', () => {
  it('let an analyst relabel a post, audited, while viewers cannot', async () => {
    await storePosts()
    const post = await db.selectFrom('posts').select(['id', 'sentimentLabel']).where('lang', '=', 'sw').executeTakeFirstOrThrow()
    await expect((await callerFor('viewer')).posts.setSentiment({ id: post.id, label: 'negative' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const result = await (await callerFor('analyst')).posts.setSentiment({ id: post.id, label: 'negative' })
    expect(result).toEqual({ id: post.id, sentimentLabel: null, sentimentCorrected: 'negative' })
    const audit = await db.selectFrom('auditLog').select(['action', 'details']).where('action', '=', 'post.sentiment').executeTakeFirstOrThrow()
    expect(JSON.parse(audit.details)).toEqual({ computed: null, from: null, to: 'negative' })
  })
})
