import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { Tagger } from '../../../ingest/nlp/tagger'
import type { NormalisedPost } from '../../../ingest/types'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount, callerAs, storePosts } from '../support'

// The conversation stream on the server: full-text search in many scripts through the FTS5
// index, confirmed by the topic matcher; filters; keyset pages in both orders; saved searches.

let db: Db
let sqlite: SqliteHandle
let tagger: Tagger
const now = new Date('2026-11-22T10:00:00Z')
const filters = { from: '2026-11-01', to: '2026-11-22' }

// Loading the language models takes seconds on a busy machine.
beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
  tagger.tagBatch(CORPUS)
}, 60_000)

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
})

const store = (posts: NormalisedPost[]) => storePosts({ db, sqlite }, tagger, posts, now)

const at = (day: number, hour = 10) => `2026-11-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`

const CORPUS = [
  aPost('en1', { text: 'Thousands of refugees crossed the border this week, aid groups say.', createdAt: at(20), metrics: { likes: 40, reposts: 2, replies: 1, quotes: 0 } }),
  aPost('en2', { text: 'The refugee camp needs clean water and shelter before winter.', createdAt: at(19), metrics: { likes: 3, reposts: 0, replies: 0, quotes: 0 } }),
  aPost('fr1', { text: 'Des milliers de réfugiés ont franchi la frontière cette semaine.', declaredLang: 'fr', createdAt: at(18) }),
  aPost('fr2', { text: 'Les demandeurs d’asile attendent toujours une réponse.', declaredLang: 'fr', createdAt: at(17) }),
  aPost('ar1', { text: 'آلاف اللاجئين عبروا الحدود هذا الأسبوع بحسب منظمات الإغاثة.', declaredLang: 'ar', createdAt: at(16) }),
  aPost('ja1', { text: '東京で難民支援の集会が開かれ、多くの市民が参加しました。', declaredLang: 'ja', createdAt: at(15) }),
  aPost('ja2', { text: '京都の紅葉は今が見頃です。', declaredLang: 'ja', createdAt: at(14) }),
  aPost('ja3', { text: '東京都の職員が避難所を訪れました。', declaredLang: 'ja', createdAt: at(14, 9) }),
  aPost('zh1', { text: '联合国呼吁各国为难民提供更多援助。', declaredLang: 'zh', createdAt: at(13) }),
  aPost('th1', { text: 'ผู้ลี้ภัยจำนวนมากข้ามพรมแดนในสัปดาห์นี้', declaredLang: 'th', createdAt: at(12) }),
  aPost('tag1', { text: 'Solidarity today #Refugees', hashtags: ['refugees'], createdAt: at(11) }),
  aPost('men1', { text: 'Thanks @refugees for the update', createdAt: at(10) }),
  aPost('cf1', { text: 'Climate finance talks stalled again in Bonn today.', createdAt: at(9), author: anAuthor('b') }),
  aPost('cf2', { text: 'Finance ministers met; the climate was not on the agenda.', createdAt: at(8), author: anAuthor('b') }),
]

async function searchIds(q: string, extra: Record<string, unknown> = {}) {
  const viewer = await anAccount(db, 'viewer', `viewer-${Math.random()}@example.org`)
  const result = await callerAs(db, viewer, () => now).conversations.search({ filters, q, ...extra })
  return result.posts.map((post) => post.url!.split('/').at(-1))
}

describe('full-text search', () => {
  beforeEach(async () => {
    await store(CORPUS)
  })

  it('finds words with accents folded, in both directions, newest first', async () => {
    expect(await searchIds('réfugiés')).toEqual(['fr1'])
    expect(await searchIds('refugies')).toEqual(['fr1'])
    expect(await searchIds('DEMANDEURS')).toEqual(['fr2'])
  })

  it('finds Arabic, Japanese, Chinese and Thai words, including two-character words', async () => {
    expect(await searchIds('اللاجئين')).toEqual(['ar1'])
    expect(await searchIds('難民')).toEqual(['ja1'])
    expect(await searchIds('东京')).toEqual([])
    expect(await searchIds('难民')).toEqual(['zh1'])
    expect(await searchIds('ผู้ลี้ภัย')).toEqual(['th1'])
  })

  it('keeps word boundaries in unspaced scripts: 京都 is not found inside 東京都', async () => {
    // The index finds 京都 inside 東京都 too; the matcher, cutting words as topics do, sets it aside.
    expect(await searchIds('京都')).toEqual(['ja2'])
    expect(await searchIds('東京都')).toEqual(['ja3'])
  })

  it('speaks the topic query language: phrases, prefixes, OR, NOT, hashtags and mentions', async () => {
    expect(await searchIds('"climate finance"')).toEqual(['cf1'])
    expect(await searchIds('climate finance')).toEqual(['cf1', 'cf2'])
    expect(await searchIds('climate NOT agenda')).toEqual(['cf1'])
    // Accents are folded before the prefix is compared: refug* also finds réfugiés.
    expect(await searchIds('refug*')).toEqual(['en1', 'en2', 'fr1', 'tag1'])
    // A plain word also finds a hashtag of the same word, never a mention; #tag and @user are specific.
    expect(await searchIds('refugees')).toEqual(['en1', 'tag1'])
    expect(await searchIds('#refugees')).toEqual(['tag1'])
    expect(await searchIds('@refugees')).toEqual(['men1'])
    expect(await searchIds('asile OR اللاجئين')).toEqual(['fr2', 'ar1'])
  })

  it('answers an unreadable query with 400 and the position in the text as typed', async () => {
    const viewer = await anAccount(db, 'viewer')
    const error = await callerAs(db, viewer).conversations.search({ filters, q: 'climate finance AND (' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'BAD_REQUEST' })
    expect((error as Error).message).toMatch(/at 21$/)
  })

  it('applies the filters: language, period, author, sentiment', async () => {
    expect(await searchIds('refugees OR réfugiés', { filters: { ...filters, langs: ['fr'] } })).toEqual(['fr1'])
    expect(await searchIds('refug*', { filters: { from: '2026-11-19', to: '2026-11-19' } })).toEqual(['en2'])
    const author = await db.selectFrom('authors').select('id').where('handle', '=', '@b@example.social').executeTakeFirstOrThrow()
    expect(await searchIds('', { authorId: author.id })).toEqual(['cf1', 'cf2'])
    const labels = await db.selectFrom('posts').select(['url', 'sentimentLabel']).orderBy('createdAt', 'desc').execute()
    const withLabel = (label: string | null) => labels.filter((p) => p.sentimentLabel === label).map((p) => p.url!.split('/').at(-1))
    expect(withLabel(null)).toContain('ja1')
    expect(await searchIds('', { filters: { ...filters, sentiments: ['none'] } })).toEqual(withLabel(null))
    expect(await searchIds('', { filters: { ...filters, sentiments: ['negative', 'positive'] } }))
      .toEqual(labels.filter((p) => p.sentimentLabel === 'negative' || p.sentimentLabel === 'positive').map((p) => p.url!.split('/').at(-1)))
  })

  it('keeps to the authors of one community of a network snapshot', async () => {
    const author = await db.selectFrom('authors').select('id').where('handle', '=', '@b@example.social').executeTakeFirstOrThrow()
    const others = await db.selectFrom('authors').select('id').where('id', '!=', author.id).execute()
    const snapshot = await db.insertInto('graphSnapshots').values({
      topicId: null, lang: null, fromDay: filters.from, toDay: filters.to, status: 'done', phase: null, error: null, requestedBy: null,
      requestedAt: now.toISOString(), startedAt: null, finishedAt: now.toISOString(), modularity: 0.4, method: null,
    }).returning('id').executeTakeFirstOrThrow()
    const node = (authorId: number, community: number, rank: number) => ({
      snapshotId: snapshot.id, authorId, community, rank, score: 1 / rank, pagerank: 0, inDegree: 0, reach: 0, engagement: 0,
      activity: 0, betweenness: 0, lang: null, x: 0, y: 0, explanation: '{}',
    })
    await db.insertInto('graphNodes').values([node(author.id, 2, 1), ...others.map((other, i) => node(other.id, 1, i + 2))]).execute()
    expect(await searchIds('', { community: { snapshotId: snapshot.id, community: 2 } })).toEqual(['cf1', 'cf2'])
    expect(await searchIds('climate', { community: { snapshotId: snapshot.id, community: 1 } })).toEqual([])
  })
})

describe('pages of the stream', () => {
  it('walk every match once, newest first, even when older posts were ingested later', async () => {
    // Stored out of time order, as a backfill would: the index still answers newest first.
    const posts = Array.from({ length: 130 }, (_, i) => aPost(`p${i}`, { text: `refugees update number ${i}`, createdAt: at(1 + (i * 7) % 20, i % 24) }))
    await store(posts.slice(60))
    await store(posts.slice(0, 60))
    const viewer = await anAccount(db, 'viewer')
    const caller = callerAs(db, viewer, () => now)
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof caller.conversations.search>> = await caller.conversations.search({ filters, q: 'refugees', limit: 50, cursor })
      seen.push(...page.posts.map((p) => p.createdAt))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toHaveLength(130)
    expect(seen).toEqual([...seen].sort().reverse())
    expect((await caller.conversations.count({ filters, q: 'refugees' })).total).toBe(130)
  })

  it('sort by engagement with a stable cursor', async () => {
    const posts = Array.from({ length: 30 }, (_, i) => aPost(`e${i}`, { text: `aid budget news ${i}`, createdAt: at(2 + (i % 15)), metrics: { likes: (i * 13) % 17, reposts: 0, replies: 0, quotes: 0 } }))
    await store(posts)
    const viewer = await anAccount(db, 'viewer')
    const caller = callerAs(db, viewer, () => now)
    for (const q of ['budget', '']) {
      const first = await caller.conversations.search({ filters, q, sort: 'engaged', limit: 20 })
      const second = await caller.conversations.search({ filters, q, sort: 'engaged', limit: 20, cursor: first.nextCursor })
      const all = [...first.posts, ...second.posts]
      expect(all).toHaveLength(30)
      expect(new Set(all.map((p) => p.id)).size).toBe(30)
      expect(all.map((p) => p.engagement)).toEqual(all.map((p) => p.engagement).sort((a, b) => b - a))
      expect(second.nextCursor).toBeNull()
    }
  })

  it('refuses a forged cursor with a clear message', async () => {
    const viewer = await anAccount(db, 'viewer')
    await expect(callerAs(db, viewer).conversations.search({ filters, cursor: 'not-a-cursor' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
  })
})

describe('a post in detail', () => {
  it('comes with its thread: the posts it answers and the replies it got', async () => {
    const root = aPost('root', { text: 'Where can families register for aid?', createdAt: at(10) })
    const reply = aPost('reply', { text: 'At the town hall, from 9am.', createdAt: at(10, 11), author: anAuthor('b'), relations: [{ kind: 'reply', targetPostExternalId: root.externalId }] })
    const answer = aPost('answer', { text: 'Thank you!', createdAt: at(10, 12), relations: [{ kind: 'reply', targetPostExternalId: reply.externalId }] })
    await store([root, reply, answer])
    const id = (await db.selectFrom('posts').select('id').where('externalId', '=', reply.externalId).executeTakeFirstOrThrow()).id
    const viewer = await anAccount(db, 'viewer')
    const detail = await callerAs(db, viewer).conversations.post({ id })
    expect(detail.post.text).toBe('At the town hall, from 9am.')
    expect(detail.ancestors.map((p) => p.text)).toEqual(['Where can families register for aid?'])
    expect(detail.replies.map((p) => p.text)).toEqual(['Thank you!'])
    await expect(callerAs(db, viewer).conversations.post({ id: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it('shows a boost, which has no words of its own, with the post it repeats', async () => {
    const original = aPost('orig', { text: 'Des milliers de réfugiés ont franchi la frontière cette semaine.', declaredLang: 'fr', createdAt: at(10) })
    const boost = aPost('boost', { kind: 'repost', text: '', createdAt: at(10, 11), author: anAuthor('b'), relations: [{ kind: 'repost', targetPostExternalId: original.externalId }] })
    const replyWithWords = aPost('reply', { text: 'Merci pour ce travail.', createdAt: at(10, 12), author: anAuthor('b') })
    await store([original, boost, replyWithWords])
    const idOf = async (externalId: string) => (await db.selectFrom('posts').select('id').where('externalId', '=', externalId).executeTakeFirstOrThrow()).id
    const viewer = await anAccount(db, 'viewer')
    const detail = await callerAs(db, viewer).conversations.post({ id: await idOf(boost.externalId) })
    // Its language is its original's, which came in the same batch; its sentiment is none.
    expect(detail.post).toMatchObject({ kind: 'repost', wordless: true, lang: 'fr', sentimentLabel: null })
    expect(detail.post.repostOf).toEqual({
      id: await idOf(original.externalId), title: null, text: original.text, lang: 'fr', authorHandle: original.author.handle, authorName: original.author.name,
    })
    const own = await callerAs(db, viewer).conversations.post({ id: await idOf(replyWithWords.externalId) })
    expect(own.post).toMatchObject({ wordless: false, repostOf: null })
    // Nothing of its own to rank either.
    expect(detail.keyphrases).toBeNull()
  })

  it('ranks its keyphrases against the stored posts of its language, each with how many use it', async () => {
    const usual = Array.from({ length: 8 }, (_, i) => aPost(`usual${i}`, { text: `Refugees need shelter and water, aid groups say (${i}).`, createdAt: at(10 + i) }))
    const post = aPost('kakuma', { text: 'Flash floods in Kakuma camp: refugees need shelter tonight. #Kenya', hashtags: ['kenya'], createdAt: at(20) })
    await store([...usual, post, ...CORPUS.filter((p) => p.declaredLang === 'fr')])
    const id = (await db.selectFrom('posts').select('id').where('externalId', '=', post.externalId).executeTakeFirstOrThrow()).id
    const viewer = await anAccount(db, 'viewer')
    const { keyphrases } = await callerAs(db, viewer).conversations.post({ id })
    // The nine English posts, not the French ones.
    expect(keyphrases).toMatchObject({ lang: 'en', documents: 9 })
    const surfaces = keyphrases!.phrases.map((phrase) => phrase.surface)
    // What only this post says comes first; what every post says last, or not at all.
    expect(surfaces.slice(0, 3)).toEqual(expect.arrayContaining(['Kakuma camp']))
    expect(surfaces.indexOf('Kakuma camp')).toBeLessThan(surfaces.indexOf('refugees'))
    expect(keyphrases!.phrases.find((phrase) => phrase.surface === 'Kakuma camp')?.posts).toBe(1)
    expect(keyphrases!.phrases.find((phrase) => phrase.surface === 'refugees')?.posts).toBe(9)
    // Its hashtag stands out in its text already.
    expect(surfaces.filter((surface) => surface.startsWith('#'))).toEqual([])
  })

  it('lists pairs the corpus always uses together as the phrase they make, where the post has it', async () => {
    const met = Array.from({ length: 3 }, (_, i) => aPost(`met${i}`, { text: `The regional coordination team met donors in Geneva (${i}).`, createdAt: at(10 + i) }))
    const post = aPost('wajima', { text: 'The regional coordination team registered 23,000 new arrivals in Wajima.', createdAt: at(20) })
    const apart = aPost('apart', { text: 'Our coordination team thanks the regional coordination office.', createdAt: at(21) })
    await store([...met, post, apart])
    const viewer = await anAccount(db, 'viewer')
    const surfacesOf = async (externalId: string) => {
      const id = (await db.selectFrom('posts').select('id').where('externalId', '=', externalId).executeTakeFirstOrThrow()).id
      return (await callerAs(db, viewer).conversations.post({ id })).keyphrases!.phrases.map((phrase) => phrase.surface)
    }
    const surfaces = await surfacesOf(post.externalId)
    expect(surfaces).toContain('regional coordination team')
    expect(surfaces).not.toContain('regional coordination')
    expect(surfaces).not.toContain('coordination team')
    // Used in fewer posts than the rest of the phrase, so on its own.
    expect(surfaces).toContain('team registered')
    // Both pairs, but not as one phrase: not joined.
    expect(await surfacesOf(apart.externalId)).not.toContain('regional coordination team')
  })
})

describe('saved searches', () => {
  it('belong to their owner, and viewers keep none', async () => {
    const analyst = callerAs(db, await anAccount(db, 'analyst'))
    const editor = callerAs(db, await anAccount(db, 'editor'))
    const params = { filters: { ...filters, langs: ['fr'] }, q: 'réfugiés', authorId: null, sort: 'newest' as const }
    const { id } = await analyst.conversations.saveSearch({ name: 'French refugees', params })
    expect(await analyst.conversations.savedSearches()).toMatchObject([{ id, name: 'French refugees', params: { q: 'réfugiés', filters: { langs: ['fr'] } } }])
    expect(await editor.conversations.savedSearches()).toEqual([])
    await expect(editor.conversations.deleteSearch({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await expect(callerAs(db, await anAccount(db, 'viewer')).conversations.saveSearch({ name: 'x', params })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await analyst.conversations.deleteSearch({ id })
    expect(await analyst.conversations.savedSearches()).toEqual([])
  })
})
