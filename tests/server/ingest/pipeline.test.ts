import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { startRun, getRun } from '../../../server/db/repositories/ingest'
import { BatchWriter, ImportBatcher, newsByCanonicalUrl } from '../../../ingest/pipeline'
import { aPost, anAuthor } from './builders'

let db: Db
let sqlite: SqliteHandle
let sourceId: number
const now = new Date('2026-11-22T10:00:00Z')

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  const source = await db.insertInto('sources').values({
    kind: 'mastodon', name: 'test', config: '{}', intervalMinutes: 60, enabled: 1, cursor: 'start',
    consecutiveFailures: 0, createdAt: now.toISOString(), updatedAt: now.toISOString(),
  }).returning('id').executeTakeFirstOrThrow()
  sourceId = source.id
})

async function newRun() {
  return startRun(db, { sourceId, label: 'test', trigger: 'manual' }, now)
}

async function cursor() {
  return (await db.selectFrom('sources').select('cursor').where('id', '=', sourceId).executeTakeFirstOrThrow()).cursor
}

describe('BatchWriter', () => {
  it('stores posts with their authors, hashtags, links and raw payloads, and moves the cursor', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const counts = writer.store({
      runId, sourceId, now,
      page: { posts: [aPost('1', { hashtags: ['refugees', 'refugees'], links: ['https://www.un.org/x?utm_source=m'] })], failures: [], nextCursor: 'c1' },
    })
    expect(counts).toEqual({ fetched: 1, inserted: 1, duplicates: 0, failed: 0 })
    const post = await db.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.authorId')
      .select(['posts.text', 'authors.handle', 'posts.ingestedAt']).executeTakeFirstOrThrow()
    expect(post).toEqual({ text: 'post 1', handle: '@a@example.social', ingestedAt: now.toISOString() })
    expect(await db.selectFrom('postHashtags').select('tag').execute()).toEqual([{ tag: 'refugees' }])
    expect(await db.selectFrom('postLinks').select(['canonicalUrl', 'domain']).execute())
      .toEqual([{ canonicalUrl: 'https://un.org/x', domain: 'un.org' }])
    expect(JSON.parse((await db.selectFrom('postRaw').select('payload').executeTakeFirstOrThrow()).payload)).toEqual({ id: '1' })
    expect(await cursor()).toBe('c1')
    expect(await getRun(db, runId)).toMatchObject({ pages: 1, fetched: 1, inserted: 1 })
  })

  it('inserts nothing twice when the same page comes again', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const page = { posts: [aPost('1'), aPost('2')], failures: [], nextCursor: null }
    writer.store({ runId, sourceId, now, page })
    expect(writer.store({ runId, sourceId, now, page })).toEqual({ fetched: 2, inserted: 0, duplicates: 2, failed: 0 })
    expect(await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 2 })
  })

  it('records failed items with their reason and keeps the rest of the batch', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const counts = writer.store({ runId, sourceId, now, page: {
      posts: [aPost('1')], failures: [{ reason: 'status has no uri', raw: '{"id":"9"}' }], nextCursor: 'c2',
    } })
    expect(counts).toEqual({ fetched: 2, inserted: 1, duplicates: 0, failed: 1 })
    expect(await db.selectFrom('ingestFailures').select(['reason', 'raw']).execute()).toEqual([{ reason: 'status has no uri', raw: '{"id":"9"}' }])
  })

  it('writes nothing and keeps the cursor when the batch fails part-way', async () => {
    let calls = 0
    const writer = new BatchWriter(sqlite, db, (posts) => {
      calls++
      if (calls === 2) throw new Error('tagger crashed')
      return posts.map(() => ({ lang: 'en', langConfidence: 0.9, sentiment: null, topics: [], terms: [], surfaces: [] }))
    })
    const runId = await newRun()
    writer.store({ runId, sourceId, now, page: { posts: [aPost('1')], failures: [], nextCursor: 'c1' } })
    expect(() => writer.store({ runId, sourceId, now, page: { posts: [aPost('2'), aPost('3')], failures: [], nextCursor: 'c2' } })).toThrow('tagger crashed')
    expect((await db.selectFrom('posts').select('externalId').execute()).length).toBe(1)
    expect(await cursor()).toBe('c1')
    expect(await getRun(db, runId)).toMatchObject({ pages: 1, inserted: 1 })
    expect(await db.selectFrom('posts').select(['lang', 'langConfidence']).executeTakeFirstOrThrow()).toEqual({ lang: 'en', langConfidence: 0.9 })
  })

  it('stores tagged repeats as duplicates, and refuses a post left untagged as a repeat that turns out to be new', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const tags = { lang: 'pt', langConfidence: 0.9, sentiment: null, topics: [], terms: [], surfaces: [] }
    writer.store({ runId, sourceId, now, page: { posts: [aPost('1')], failures: [], nextCursor: 'c1' }, tags: [tags] })
    // The repeat of post 1 is a duplicate as promised; post 2 was never stored before.
    expect(writer.store({ runId, sourceId, now, page: { posts: [aPost('1')], failures: [], nextCursor: 'c2' }, tags: [null] }))
      .toMatchObject({ inserted: 0, duplicates: 1 })
    expect(() => writer.store({ runId, sourceId, now, page: { posts: [aPost('3'), aPost('2')], failures: [], nextCursor: 'c3' }, tags: [tags, null] }))
      .toThrow(/mastodon post .*2 came as a repeat, untagged, yet was new/)
    expect((await db.selectFrom('posts').select(['externalId', 'lang']).execute()).map((p) => p.lang)).toEqual(['pt'])
    expect(await cursor()).toBe('c2')
  })

  it('links a repost to its original even when the original arrives later', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const original = aPost('orig', { author: anAuthor('b') })
    const boost = aPost('boost', { kind: 'repost', text: '', relations: [{ kind: 'repost', targetPostExternalId: original.externalId, targetAuthor: anAuthor('b') }] })
    writer.store({ runId, sourceId, now, page: { posts: [boost], failures: [], nextCursor: null } })
    writer.store({ runId, sourceId, now, page: { posts: [original], failures: [], nextCursor: null } })
    const relation = await db.selectFrom('postRelations')
      .innerJoin('posts as target', 'target.id', 'postRelations.targetPostId')
      .innerJoin('authors', 'authors.id', 'postRelations.targetAuthorId')
      .select(['postRelations.kind', 'target.text', 'authors.handle']).executeTakeFirstOrThrow()
    expect(relation).toEqual({ kind: 'repost', text: 'post orig', handle: '@b@example.social' })
  })

  it('links posts of one batch to each other, whichever of the two comes first', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const early = aPost('early')
    const late = aPost('late')
    const replyFirst = aPost('reply-first', { relations: [{ kind: 'reply', targetPostExternalId: late.externalId }] })
    const replyAfter = aPost('reply-after', { relations: [{ kind: 'reply', targetPostExternalId: early.externalId }] })
    writer.store({ runId, sourceId, now, page: { posts: [replyFirst, early, replyAfter, late], failures: [], nextCursor: null } })
    const links = await db.selectFrom('postRelations')
      .innerJoin('posts as reply', 'reply.id', 'postRelations.postId')
      .leftJoin('posts as target', 'target.id', 'postRelations.targetPostId')
      .select(['reply.text as reply', 'target.text as target']).orderBy('reply.text').execute()
    expect(links).toEqual([{ reply: 'post reply-after', target: 'post early' }, { reply: 'post reply-first', target: 'post late' }])
  })

  it('indexes a batch that comes in any time order newest first, and moves a clashing key to the next slot', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const at = (hour: number) => `2026-11-20T${String(hour).padStart(2, '0')}:00:00.000Z`
    writer.store({ runId, sourceId, now, page: { posts: [aPost('first', { createdAt: at(10) })], failures: [], nextCursor: null } })
    // The next post's id shares the low bits of the first one's, in the same second: the same key.
    sqlite.prepare(`update sqlite_sequence set seq = seq + ${2 ** 20 - 1} where name = 'posts'`).run()
    const batch = [aPost('clash', { createdAt: at(10) }), aPost('earlier', { createdAt: at(8) }), aPost('later', { createdAt: at(12) })]
    writer.store({ runId, sourceId, now, page: { posts: batch, failures: [], nextCursor: null } })
    const found = sqlite.prepare(`select posts.text from post_search join posts on posts.id = post_search.post_id
      where post_search match 'post' order by post_search.rowid desc`).pluck().all()
    expect(found).toEqual(['post later', 'post clash', 'post first', 'post earlier'])
  })

  it('recognises the same news article from two feeds by its canonical URL', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const feedAuthor = anAuthor('feed', { platform: 'rss' })
    const a = aPost('a', { platform: 'rss', externalId: 'guid-a', url: 'https://www.news.org/story?utm_source=rss', author: feedAuthor })
    const b = aPost('b', { platform: 'rss', externalId: 'guid-b', url: 'https://news.org/story#top', author: feedAuthor })
    expect(writer.store({ runId, sourceId, now, page: { posts: [a, b], failures: [], nextCursor: null } }))
      .toMatchObject({ inserted: 1, duplicates: 1 })
  })

  it('finds a news article by its canonical URL through an index of news posts, not by reading every post', () => {
    const { sql, parameters } = newsByCanonicalUrl(db, 'https://news.org/story').compile()
    const plan = sqlite.prepare(`explain query plan ${sql}`).all(...parameters) as { detail: string }[]
    expect(plan.map((step) => step.detail)).toEqual([expect.stringMatching(/^SEARCH posts USING (COVERING )?INDEX posts_news_canonical_url/)])
  })

  it('updates an author seen again without losing what only the first sighting knew', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    writer.store({ runId, sourceId, now, page: { posts: [aPost('1', { author: anAuthor('a', { followers: 10 }) })], failures: [], nextCursor: null } })
    writer.store({ runId, sourceId, now, page: { posts: [aPost('2', { author: anAuthor('a', { followers: null, name: 'Amina' }) })], failures: [], nextCursor: null } })
    expect(await db.selectFrom('authors').select(['name', 'followers']).execute()).toEqual([{ name: 'Amina', followers: 10 }])
  })

  it('stores a profile change that comes after a mention of the same account, which carries its handle alone', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const mentioned = anAuthor('a', { name: null, profileUrl: null, followers: null })
    const page = (...posts: ReturnType<typeof aPost>[]) => ({ posts, failures: [], nextCursor: null })
    writer.store({ runId, sourceId, now, page: page(
      aPost('1', { author: anAuthor('a', { followers: 10 }) }),
      aPost('2', { author: anAuthor('b'), relations: [{ kind: 'mention', targetAuthor: mentioned }] }),
      aPost('3', { author: anAuthor('a', { followers: 10 }) }),
      aPost('4', { author: anAuthor('b'), relations: [{ kind: 'mention', targetAuthor: mentioned }] }),
      aPost('5', { author: anAuthor('a', { followers: 25, name: 'Amina' }) }),
    ) })
    expect(await db.selectFrom('authors').select(['handle', 'name', 'followers']).orderBy('handle').execute()).toEqual([
      { handle: '@a@example.social', name: 'Amina', followers: 25 },
      { handle: '@b@example.social', name: 'b', followers: 10 },
    ])
  })

  it('stores a profile change again after the batch that first brought it was rolled back', async () => {
    const writer = new BatchWriter(sqlite, db)
    const runId = await newRun()
    const followers = async () => (await db.selectFrom('authors').select('followers').executeTakeFirstOrThrow()).followers
    writer.store({ runId, sourceId, now, page: { posts: [aPost('1', { author: anAuthor('a', { followers: 10 }) })], failures: [], nextCursor: null } })
    // The author's row is updated, then the next post cannot be stored: the whole batch goes.
    const broken = aPost('3', { text: null as unknown as string })
    expect(() => writer.store({ runId, sourceId, now, page: { posts: [aPost('2', { author: anAuthor('a', { followers: 20 }) }), broken], failures: [], nextCursor: null } })).toThrow(/NOT NULL/)
    expect(await followers()).toBe(10)
    writer.store({ runId, sourceId, now, page: { posts: [aPost('4', { author: anAuthor('a', { followers: 20 }) })], failures: [], nextCursor: null } })
    expect(await followers()).toBe(20)
  })
})

describe('ImportBatcher', () => {
  // A database file, so that a second connection sees what is committed and nothing else.
  async function twoConnections() {
    const file = join(mkdtempSync(join(tmpdir(), 'chorus-batcher-')), 'chorus.db')
    const writing = createDb(file)
    await migrateToLatest(writing.db)
    const reading = createDb(file)
    const committed = (table: 'posts' | 'authors' | 'ingest_failures') => reading.sqlite.prepare(`select count(*) from ${table}`).pluck().get() as number
    const runId = await startRun(writing.db, { sourceId: null, label: 'import', trigger: 'import' }, now)
    return { writing, committed, runId }
  }
  const tagged = (lang: string) => ({ lang, langConfidence: 0.9, sentiment: null, topics: [], terms: [], surfaces: [] })

  it('writes each page as it comes into one transaction, committed once the batch holds enough posts', async () => {
    const { writing, committed, runId } = await twoConnections()
    const batcher = new ImportBatcher(new BatchWriter(writing.sqlite, writing.db), { runId, now: () => now }, 3)
    batcher.add({ posts: [aPost('1'), aPost('2')], failures: [] })
    // Written at once, so that the page need not wait in memory; committed with its batch.
    expect(writing.sqlite.prepare('select count(*) from posts').pluck().get()).toBe(2)
    expect(committed('posts')).toBe(0)
    batcher.add({ posts: [aPost('3')], failures: [{ reason: 'status has no uri', raw: '{}' }] })
    expect(committed('posts')).toBe(3)
    expect(committed('ingest_failures')).toBe(1)
    batcher.add({ posts: [aPost('4'), aPost('1')], failures: [] })
    expect(committed('posts')).toBe(3)
    expect(batcher.flush()).toEqual({ fetched: 2, inserted: 1, duplicates: 1, failed: 0 })
    expect(committed('posts')).toBe(4)
    expect(batcher.flush()).toEqual({ fetched: 0, inserted: 0, duplicates: 0, failed: 0 })
    expect(batcher.totals).toEqual({ fetched: 6, inserted: 4, duplicates: 1, failed: 1 })
    expect(await getRun(writing.db, runId)).toMatchObject({ pages: 2, fetched: 6, inserted: 4, duplicates: 1, failed: 1 })
    // Tags given with a page are stored with its posts; the full-text index holds every post.
    batcher.add({ posts: [aPost('5')], failures: [], tags: [tagged('pt')] })
    batcher.flush()
    expect(await writing.db.selectFrom('posts').select('lang').where('externalId', 'like', '%/5').executeTakeFirstOrThrow()).toEqual({ lang: 'pt' })
    expect(writing.sqlite.prepare('select count(*) from post_search').pluck().get()).toBe(5)
  })

  it('rolls back every page of the batch when one fails, and stores them whole when the import runs again', async () => {
    const { writing, committed, runId } = await twoConnections()
    const writer = new BatchWriter(writing.sqlite, writing.db)
    const pages = () => [
      { posts: [aPost('1', { author: anAuthor('first') }), aPost('2', { author: anAuthor('second') })], failures: [] },
      { posts: [aPost('3')], failures: [], tags: [null] },
    ]
    const failing = new ImportBatcher(writer, { runId, now: () => now }, 100)
    const [first, second] = pages()
    failing.add(first!)
    expect(() => failing.add(second!)).toThrow(/came as a repeat, untagged, yet was new/)
    expect(writing.sqlite.inTransaction).toBe(false)
    expect(committed('posts')).toBe(0)
    expect(committed('authors')).toBe(0)
    expect(failing.flush()).toEqual({ fetched: 0, inserted: 0, duplicates: 0, failed: 0 })

    // The authors first seen in the rolled-back batch are not taken for stored ones.
    const again = new ImportBatcher(writer, { runId, now: () => now }, 100)
    again.add(pages()[0]!)
    again.add({ posts: [aPost('3')], failures: [], tags: [tagged('en')] })
    expect(again.flush()).toMatchObject({ inserted: 3 })
    const stored = await writing.db.selectFrom('posts').innerJoin('authors', 'authors.id', 'posts.authorId')
      .select(['posts.externalId', 'authors.handle']).orderBy('posts.id').execute()
    expect(stored.map((row) => row.handle)).toEqual(['@first@example.social', '@second@example.social', '@a@example.social'])
  })

  it('stores nothing of the open batch when the import is abandoned, and the writer stores pages again after', async () => {
    const { writing, committed, runId } = await twoConnections()
    const writer = new BatchWriter(writing.sqlite, writing.db)
    const batcher = new ImportBatcher(writer, { runId, now: () => now }, 100)
    batcher.add({ posts: [aPost('1')], failures: [] })
    expect(() => writer.store({ runId, sourceId: null, now, page: { posts: [aPost('2')], failures: [], nextCursor: null } })).toThrow(/a batch is open/)
    batcher.abandon()
    expect(writing.sqlite.inTransaction).toBe(false)
    expect(committed('posts')).toBe(0)
    writer.store({ runId, sourceId: null, now, page: { posts: [aPost('2')], failures: [], nextCursor: null } })
    expect(committed('posts')).toBe(1)
  })
})
