import { sql } from 'kysely'
import { beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { startRun } from '../../../server/db/repositories/ingest'
import { computeEmerging, emergingFor, refreshEmergingTerms } from '../../../server/db/repositories/emerging'
import { createInnerContext } from '../../../server/trpc/context'
import { createCallerFactory } from '../../../server/trpc/init'
import { appRouter } from '../../../server/trpc/routers'
import { BatchWriter } from '../../../ingest/pipeline'
import { NlpService } from '../../../ingest/nlp/service'
import { Random } from '../../../ingest/demo/random'
import type { NormalisedPost } from '../../../ingest/types'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount } from '../support'
import { presetPeriod } from '../../../shared/schemas/monitor'

// The overview reads rollups; these tests hold every figure to the answer a plain query over
// the posts table gives for the same period and filters.

let db: Db
let sqlite: SqliteHandle
let nlp: NlpService
const now = new Date('2026-11-22T10:00:00Z')
const createCaller = createCallerFactory(appRouter)

const TEXTS = {
  en: ['Refugees crossed the border, a wonderful welcome from the town.', 'Climate finance talks failed again, a terrible outcome.', 'The aid budget was published today.'],
  fr: ['Les réfugiés ont reçu un accueil formidable.', 'La finance climat recule encore, quelle honte.', 'Le budget de l’aide est publié.'],
  sw: ['Wakimbizi wengi wamewasili kambini leo.', 'Mkutano wa fedha za tabianchi umeahirishwa.'],
} as const

/** A seeded corpus over four weeks: three languages, two platforms, 40 authors. */
function corpus(size: number, seed = 7): NormalisedPost[] {
  const random = new Random(seed)
  const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)]!
  return Array.from({ length: size }, (_, i) => {
    const lang = pick(['en', 'en', 'fr', 'sw'] as const)
    const day = 1 + random.int(0, 27)
    const author = anAuthor(`u${random.int(0, 39)}`)
    return aPost(`c${i}`, {
      text: pick(TEXTS[lang]),
      declaredLang: lang,
      platform: pick(['mastodon', 'bluesky'] as const),
      author: { ...author, platform: 'mastodon' },
      createdAt: `2026-11-${String(day).padStart(2, '0')}T${String(random.int(0, 23)).padStart(2, '0')}:00:00.000Z`,
      metrics: { likes: random.int(0, 20), reposts: random.int(0, 5), replies: null, quotes: random.int(0, 2) },
    })
  })
}


// Loading the language models takes seconds on a busy machine.
beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
  nlp = new NlpService(db, { now: () => now })
  await nlp.ready()
}, 60_000)

async function store(posts: NormalisedPost[]) {
  const writer = new BatchWriter(sqlite, db, nlp.tagBatch)
  const runId = await startRun(db, { sourceId: null, label: 'test', trigger: 'import' }, now)
  for (let i = 0; i < posts.length; i += 100) {
    writer.store({ runId, sourceId: null, now, page: { posts: posts.slice(i, i + 100), failures: [], nextCursor: null } })
  }
}

async function callerFor(role: 'admin' | 'analyst' | 'viewer') {
  const user = await anAccount(db, role)
  return createCaller(createInnerContext({ db, user, now: () => now, nlp }))
}

/** The naive answer: straight from the posts table. */
async function naive(from: string, to: string, where: { lang?: string, platform?: string, topicId?: number } = {}) {
  let query = db.selectFrom('posts')
    .select([
      (eb) => eb.fn.countAll<number>().as('posts'),
      (eb) => eb.fn.count<number>('authorId').distinct().as('authors'),
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('engagement'), sql<number>`0`).as('engagement'),
      sql<number>`sum(coalesce(sentiment_corrected, sentiment_label) = 'positive')`.as('positive'),
      sql<number>`sum(coalesce(sentiment_corrected, sentiment_label) is null)`.as('none'),
      (eb) => eb.fn.count<number>('lang').distinct().as('languages'),
    ])
    .where('createdAt', '>=', `${from}T00:00:00`).where('createdAt', '<', `${to}T24`)
  if (where.lang) query = query.where('lang', '=', where.lang)
  if (where.platform) query = query.where('platform', '=', where.platform)
  if (where.topicId) query = query.where('id', 'in', db.selectFrom('postTopics').select('postId').where('topicId', '=', where.topicId))
  const row = await query.executeTakeFirstOrThrow()
  return { posts: Number(row.posts), authors: Number(row.authors), engagement: Number(row.engagement), positive: Number(row.positive ?? 0), none: Number(row.none ?? 0), languages: Number(row.languages) }
}

/** Distinct authors come from sketches: within their error (3 % at this size, two authors when few). */
function expectAuthors(estimated: number, exact: number) {
  expect(Math.abs(estimated - exact)).toBeLessThanOrEqual(Math.max(2, Math.ceil(exact * 0.03)))
}

describe('the overview figures', () => {
  beforeEach(async () => {
    await store(corpus(600))
  })

  it('equal what the posts table says, for the period and the one before it', async () => {
    const viewer = await callerFor('viewer')
    const { current, previous, previousPeriod } = await viewer.monitor.summary({ filters: { from: '2026-11-15', to: '2026-11-28' } })
    const expected = await naive('2026-11-15', '2026-11-28')
    expect(current).toMatchObject({ posts: expected.posts, engagement: expected.engagement, languages: expected.languages })
    expectAuthors(current.authors, expected.authors)
    expect(current.sentiment.positive).toBe(expected.positive)
    expect(current.sentiment.none).toBe(expected.none)
    expect(previousPeriod).toEqual({ from: '2026-11-01', to: '2026-11-14' })
    expect(previous.posts).toBe((await naive('2026-11-01', '2026-11-14')).posts)
    expect((await viewer.monitor.summary({ filters: { from: '2026-11-15', to: '2026-11-28' } })).running).toBeNull()
    expect((await viewer.monitor.summary({ filters: presetPeriod(7) })).running).toBe(new Date().toISOString().slice(0, 10))
  })

  it('follow the filters, including distinct authors per language and platform', async () => {
    const viewer = await callerFor('viewer')
    const cases: [{ langs?: string[], platforms?: 'bluesky'[] }, { lang?: string, platform?: string }][] = [[{ langs: ['fr'] }, { lang: 'fr' }], [{ platforms: ['bluesky'] }, { platform: 'bluesky' }]]
    for (const [filters, where] of cases) {
      const { current } = await viewer.monitor.summary({ filters: { from: '2026-11-01', to: '2026-11-28', ...filters } })
      const expected = await naive('2026-11-01', '2026-11-28', where)
      expect(current).toMatchObject({ posts: expected.posts, engagement: expected.engagement })
      expectAuthors(current.authors, expected.authors)
    }
  })

  it('give daily series and breakdowns that add up to the total', async () => {
    const viewer = await callerFor('viewer')
    const filters = { from: '2026-11-01', to: '2026-11-28' }
    const total = (await naive(filters.from, filters.to)).posts
    const volume = await viewer.monitor.volume({ filters, by: 'lang' })
    expect(volume.days).toHaveLength(28)
    expect(volume.series.map((s) => s.key).sort()).toEqual(['en', 'fr', 'sw'])
    expect(volume.series.reduce((sum, s) => sum + s.total, 0)).toBe(total)
    const fr = await naive('2026-11-03', '2026-11-03', { lang: 'fr' })
    expect(volume.series.find((s) => s.key === 'fr')!.counts[2]).toBe(fr.posts)
    // Every day of that period is over; in a period that holds today, today is still counting.
    expect(volume.running).toBeNull()
    const today = new Date().toISOString().slice(0, 10)
    expect((await viewer.monitor.volume({ filters: presetPeriod(7), by: 'lang' })).running).toBe(today)
    const breakdown = await viewer.monitor.breakdown({ filters })
    expect(breakdown.langs.reduce((sum, b) => sum + b.posts, 0)).toBe(total)
    expect(breakdown.platforms.find((b) => b.key === 'bluesky')!.posts).toBe((await naive(filters.from, filters.to, { platform: 'bluesky' })).posts)
  })

  it('list the most engaged posts of the period first', async () => {
    const viewer = await callerFor('viewer')
    const top = await viewer.monitor.topPosts({ filters: { from: '2026-11-08', to: '2026-11-14', langs: ['en'] }, limit: 5 })
    const expected = await db.selectFrom('posts').select(['id']).where('lang', '=', 'en')
      .where('createdAt', '>=', '2026-11-08').where('createdAt', '<', '2026-11-15')
      .orderBy('engagement', 'desc').orderBy('id', 'desc').limit(5).execute()
    expect(top.map((p) => p.id)).toEqual(expected.map((p) => p.id))
  })
})

describe('the rollup stays true', () => {
  it('when an analyst corrects a sentiment label', async () => {
    await store(corpus(120))
    const analyst = await callerFor('analyst')
    const filters = { from: '2026-11-01', to: '2026-11-28' }
    const post = await db.selectFrom('posts').select(['id', 'sentimentLabel']).where('sentimentLabel', '=', 'positive').executeTakeFirstOrThrow()
    await analyst.posts.setSentiment({ id: post.id, label: 'negative' })
    const { current } = await analyst.monitor.summary({ filters })
    const expected = await naive(filters.from, filters.to)
    expect(current.sentiment.positive).toBe(expected.positive)
    expect((await analyst.monitor.breakdown({ filters })).sentiments.reduce((sum, s) => sum + s.posts, 0)).toBe(expected.posts)
    await analyst.posts.setSentiment({ id: post.id, label: null })
    expect((await analyst.monitor.summary({ filters })).current.sentiment.positive).toBe((await naive(filters.from, filters.to)).positive)
  })

  it('when a topic is defined after the posts arrived and its history is re-tagged', async () => {
    await store(corpus(200))
    const analyst = await callerFor('analyst')
    const { id } = await analyst.topics.create({ name: 'Refugees', color: '#0f766e', queries: [{ lang: '*', query: 'refugees OR réfugiés OR wakimbizi' }] })
    await nlp.runJobs()
    const filters = { from: '2026-11-01', to: '2026-11-28', topicId: id }
    const expected = await naive(filters.from, filters.to, { topicId: id })
    expect(expected.posts).toBeGreaterThan(0)
    const { current } = await analyst.monitor.summary({ filters })
    expect(current).toMatchObject({ posts: expected.posts, engagement: expected.engagement })
    expectAuthors(current.authors, expected.authors)
    const share = await analyst.monitor.breakdown({ filters: { from: filters.from, to: filters.to } })
    expect(share.topics).toEqual([{ key: String(id), posts: expected.posts, engagement: expected.engagement }])
  })
})

describe('emerging terms', () => {
  it('stored for the current week are the ones computed on demand', async () => {
    const posts = corpus(300)
    // A term nobody used before bursts in the last days.
    for (let i = 0; i < 12; i++) posts.push(aPost(`burst${i}`, { text: `The Kakuma relocation plan worries families ${i}`, declaredLang: 'en', createdAt: `2026-11-${20 + (i % 3)}T0${i % 9}:00:00.000Z` }))
    await store(posts)
    const stored = await refreshEmergingTerms(db, now)
    expect(stored.languages).toBeGreaterThan(0)
    const period = { from: '2026-11-16', to: '2026-11-22' }
    const fromStore = await emergingFor(db, period, ['en'], 10)
    expect(fromStore.window).toEqual({ from: '2026-11-16', to: '2026-11-22' })
    expect(fromStore.terms.map((t) => t.key)).toEqual((await computeEmerging(db, 'en', fromStore.window, 10)).map((t) => t.key))
    expect(fromStore.terms.some((t) => t.surface.toLowerCase().includes('kakuma'))).toBe(true)
  })

  it('joins the pieces of a sentence many posts repeat into one phrase, where their counts agree', async () => {
    const posts = corpus(300)
    for (let i = 0; i < 9; i++) {
      posts.push(aPost(`sentence${i}`, { text: 'Organisations led by migrants deserve direct funding now.', declaredLang: 'en', createdAt: `2026-11-${18 + (i % 4)}T1${i}:00:00.000Z` }))
    }
    for (let i = 0; i < 6; i++) {
      posts.push(aPost(`other${i}`, { text: `Direct funding reached Kakuma in ${i} days.`, declaredLang: 'en', createdAt: `2026-11-2${i % 3}T0${i}:00:00.000Z` }))
    }
    await store(posts)
    const { terms } = await emergingFor(db, { from: '2026-11-16', to: '2026-11-22' }, ['en'], 20)
    const surfaces = terms.map((t) => t.surface)
    expect(surfaces).toContain('migrants deserve direct')
    expect(surfaces).toContain('funding reached Kakuma')
    expect(surfaces).not.toContain('migrants deserve')
    expect(surfaces).not.toContain('deserve direct')
    // "direct funding" rose in both sentences, more than either: it is listed on its own.
    expect(terms.find((t) => t.surface === 'Direct funding')?.recent).toBe(15)
    // "by" is a stopword, so nothing says its two sides were one sentence.
    expect(surfaces).toContain('Organisations led')
  })
})
