// npm run bench:query [-- --posts N] [-- --runs N] [-- --db file]
// Builds (once, then reuses) a database of N generated demo posts loaded through the real import
// path, then times every procedure the overview and conversations pages call, through the tRPC
// caller as the server runs them, next to the naive query for the same answer (a GROUP BY or
// a sort over the posts table) timed in the same run. Prints p50 and p95 over `runs` calls of
// each, cycling through a few filter sets, and checks the targets of PRODUCT.md §3.
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { createDb, type Db } from '../server/db'
import { migrateToLatest } from '../server/db/migrations'
import { loadDemoCorpus } from '../server/cli/demo-corpus'
import { computeEmerging, emergingWindow } from '../server/db/repositories/emerging'
import { createInnerContext } from '../server/trpc/context'
import { createCallerFactory } from '../server/trpc/init'
import { appRouter } from '../server/trpc/routers'
import { type MonitorFilters, presetPeriod } from '../shared/schemas/monitor'

const { values } = parseArgs({ options: { posts: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '100' }, db: { type: 'string' } } })
const posts = Number(values.posts)
const runs = Math.max(100, Number(values.runs))
const file = resolve(values.db ?? join(import.meta.dirname, '.cache', `query-${posts}.db`))

async function openCorpus(): Promise<{ db: Db, stored: number }> {
  if (existsSync(file)) {
    const opened = createDb(file)
    await migrateToLatest(opened.db)
    const row = await opened.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    // A corpus is for one day: the presets end today, and a database left from another day would miss them.
    const latest = await opened.db.selectFrom('emergingTerms').select('windowEnd').limit(1).executeTakeFirst()
    if (Number(row.n) > 0 && latest?.windowEnd === new Date().toISOString().slice(0, 10)) return { db: opened.db, stored: Number(row.n) }
    opened.sqlite.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  }
  mkdirSync(join(file, '..'), { recursive: true })
  process.stderr.write(`building a ${posts.toLocaleString('en')}-post database at ${file} (once; later runs reuse it today)…\n`)
  const opened = createDb(file)
  await migrateToLatest(opened.db)
  const corpus = `${file}-corpus`
  // The influencer map is not what this bench measures.
  await loadDemoCorpus(opened.db, opened.sqlite, corpus, { posts, network: false, digests: false })
  rmSync(corpus, { recursive: true, force: true })
  const row = await opened.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  return { db: opened.db, stored: Number(row.n) }
}

interface Timing {
  p50: number
  p95: number
}

async function time(calls: readonly (() => Promise<unknown>)[]): Promise<Timing> {
  for (const call of calls.slice(0, 3)) await call()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await calls[i % calls.length]!()
    samples.push(performance.now() - start)
  }
  samples.sort((a, b) => a - b)
  return { p50: samples[Math.floor(runs * 0.5)]!, p95: samples[Math.ceil(runs * 0.95) - 1]! }
}

const start = (f: MonitorFilters) => `${f.from}T00:00:00`
const end = (f: MonitorFilters) => `${f.to}T24`

/** Naive answers: straight from the posts table, as one would write them without rollups. */
function naive(db: Db) {
  const inPeriod = (f: MonitorFilters) => {
    // Qualified: the breakdown by topic joins post_topics, which has a created_at of its own.
    let q = db.selectFrom('posts').where('posts.createdAt', '>=', start(f)).where('posts.createdAt', '<', end(f))
    if (f.langs.length) q = q.where('posts.lang', 'in', f.langs)
    if (f.platforms.length) q = q.where('posts.platform', 'in', f.platforms)
    if (f.topicId !== null) q = q.where('posts.id', 'in', db.selectFrom('postTopics').select('postId').where('topicId', '=', f.topicId))
    return q
  }
  const figures = (f: MonitorFilters) => inPeriod(f).select([
    (eb) => eb.fn.countAll<number>().as('posts'),
    (eb) => eb.fn.count<number>('authorId').distinct().as('authors'),
    (eb) => eb.fn.sum<number>('engagement').as('engagement'),
    (eb) => eb.fn.count<number>('lang').distinct().as('languages'),
  ]).executeTakeFirst()
  return {
    summary: async (f: MonitorFilters) => {
      const length = Date.parse(`${f.to}T00:00:00Z`) - Date.parse(`${f.from}T00:00:00Z`) + 86_400_000
      const previous = { ...f, from: new Date(Date.parse(`${f.from}T00:00:00Z`) - length).toISOString().slice(0, 10), to: new Date(Date.parse(`${f.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10) }
      await figures(f)
      await figures(previous)
      await inPeriod(f).select([sql`coalesce(sentiment_corrected, sentiment_label)`.as('s'), (eb) => eb.fn.countAll().as('n')]).groupBy(sql`1`).execute()
    },
    volume: (f: MonitorFilters) => inPeriod(f).select([sql`substr(created_at, 1, 10)`.as('day'), 'lang', (eb) => eb.fn.countAll().as('n')]).groupBy([sql`1`, 'lang']).execute(),
    breakdown: async (f: MonitorFilters) => {
      for (const column of ['lang', 'platform', 'sourceId'] as const) await inPeriod(f).select([column, (eb) => eb.fn.countAll().as('n')]).groupBy(column).execute()
      await inPeriod(f).innerJoin('postTopics', 'postTopics.postId', 'posts.id').select(['postTopics.topicId', (eb) => eb.fn.countAll().as('n')]).groupBy('postTopics.topicId').execute()
    },
    topPosts: (f: MonitorFilters) => inPeriod(f).select('id').orderBy(sql`coalesce(likes, 0) + coalesce(reposts, 0) + coalesce(replies, 0) + coalesce(quotes, 0)`, 'desc').limit(10).execute(),
    emerging: async (f: MonitorFilters) => {
      const langs = await db.selectFrom('termDaily').select('lang').distinct().execute()
      for (const { lang } of langs) await computeEmerging(db, lang, emergingWindow(f.from, f.to), 15)
    },
    /** Matches sorted by time after the fact: the index's rowids are post ids. */
    search: (q: string) => db.selectFrom('postSearch').innerJoin('posts', 'posts.id', 'postSearch.postId').select('posts.id')
      .where(sql<boolean>`post_search match ${q}`).orderBy('posts.createdAt', 'desc').limit(50).execute(),
  }
}

interface Row {
  name: string
  chorus: Timing
  naive: Timing | null
  target: number | null
}

async function main() {
  const { db, stored } = await openCorpus()
  const admin = await db.selectFrom('users').select(['id', 'email', 'name', 'role']).executeTakeFirst()
  const user = admin ?? { id: 0, email: 'bench@example.org', name: 'bench', role: 'admin' as const }
  const caller = createCallerFactory(appRouter)(createInnerContext({ db, user: { ...user, role: 'admin' } as never, now: () => new Date() }))
  const topic = await db.selectFrom('topics').select('id').orderBy('id').executeTakeFirst()
  const period = presetPeriod(30)
  const base: MonitorFilters = { ...period, topicId: null, langs: [], platforms: [], sourceIds: [], sentiments: [] }
  // Four views a team looks at: everything, one language, one platform, one topic.
  const views: MonitorFilters[] = [base, { ...base, langs: ['fr'] }, { ...base, platforms: ['mastodon'] }, { ...base, topicId: topic?.id ?? null }]
  const each = <T>(make: (f: MonitorFilters) => Promise<T>) => views.map((f) => () => make(f))
  const plain = naive(db)

  // A common term, a rare one (between 3 and 30 posts in the corpus), as the index counts them.
  const count = async (q: string) => Number((await sql<{ n: number }>`select count(*) as n from post_search where post_search match ${q}`.execute(db)).rows[0]!.n)
  const common = 'refugees'
  const rare = (await sql<{ surface: string }>`select surface from term_daily where lang = 'en' and term not like '#%' and term not like '% %'
    group by term having sum(docs) between 3 and 30 order by sum(docs) desc, term limit 1`.execute(db)).rows[0]?.surface ?? 'kakuma'
  const rareQuery = rare.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
  const searchFilters = { ...base }
  process.stderr.write(`timing ${runs} calls per row on ${stored.toLocaleString('en')} posts…\n`)

  const rows: Row[] = []
  const add = async (name: string, chorus: (() => Promise<unknown>)[], naiveCalls: (() => Promise<unknown>)[] | null, target: number | null) => {
    rows.push({ name, chorus: await time(chorus), naive: naiveCalls ? await time(naiveCalls) : null, target })
    process.stderr.write(`  ${name}\n`)
  }
  await add('monitor.summary', each((filters) => caller.monitor.summary({ filters })), each(plain.summary), 50)
  await add('monitor.volume (by language)', each((filters) => caller.monitor.volume({ filters, by: 'lang' })), each(plain.volume), 50)
  await add('monitor.volume (by topic)', each((filters) => caller.monitor.volume({ filters, by: 'topic' })), null, 50)
  await add('monitor.breakdown', each((filters) => caller.monitor.breakdown({ filters })), each(plain.breakdown), 50)
  await add('monitor.topPosts', each((filters) => caller.monitor.topPosts({ filters, limit: 10 })), each(plain.topPosts), 50)
  await add('monitor.emerging', each((filters) => caller.monitor.emerging({ filters, top: 15 })), [() => plain.emerging(base)], 50)
  await add('monitor.spikes', each((filters) => caller.monitor.spikes({ filters })), null, 50)
  await add(`conversations.search "${common}" newest 50 (${(await count(common)).toLocaleString('en')} matches)`,
    [() => caller.conversations.search({ filters: searchFilters, q: common, limit: 50 })], [() => plain.search(common)], 100)
  await add(`conversations.search "${rareQuery}" newest 50 (${(await count(rareQuery)).toLocaleString('en')} matches)`,
    [() => caller.conversations.search({ filters: searchFilters, q: rareQuery, limit: 50 })], [() => plain.search(rareQuery)], 10)
  await add('conversations.search, filters only, newest 50', each((filters) => caller.conversations.search({ filters, limit: 50 })), null, null)
  await add('conversations.search, most engaged 50', each((filters) => caller.conversations.search({ filters, sort: 'engaged', limit: 50 })), null, null)
  const ids = (await db.selectFrom('posts').select('id').orderBy('id', 'desc').limit(20).execute()).map((r) => r.id)
  await add('conversations.post (detail with thread)', ids.map((id) => () => caller.conversations.post({ id })), null, null)

  const ms = (t: number) => `${t < 10 ? t.toFixed(2) : t.toFixed(1)} ms`
  const width = Math.max(...rows.map((r) => r.name.length))
  console.log(`\n${stored.toLocaleString('en')} posts, period ${period.from} to ${period.to}, ${runs} runs per row (p50 / p95)\n`)
  console.log(`${'procedure'.padEnd(width)}  ${'chorus p50'.padStart(11)} ${'p95'.padStart(10)}  ${'naive p50'.padStart(11)} ${'p95'.padStart(10)}  ${'naive/chorus'.padStart(12)}  target`)
  for (const row of rows) {
    const ratio = row.naive ? `${(row.naive.p50 / row.chorus.p50).toFixed(1)}×` : ''
    const verdict = row.target === null ? '' : `${row.chorus.p95 <= row.target ? 'met' : 'MISSED'} (p95 ≤ ${row.target} ms)`
    console.log(`${row.name.padEnd(width)}  ${ms(row.chorus.p50).padStart(11)} ${ms(row.chorus.p95).padStart(10)}  ${(row.naive ? ms(row.naive.p50) : '—').padStart(11)} ${(row.naive ? ms(row.naive.p95) : '—').padStart(10)}  ${ratio.padStart(12)}  ${verdict}`)
  }
}

await main()
