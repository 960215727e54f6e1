import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely'
import { ANY } from '../../../ingest/rollups/daily'
import { emptySketch, estimate, mergeSketch } from '../../../ingest/rollups/sketch'
import { runningDay } from '../../../shared/running-day'
import { daysOf, type MonitorFilters, previousPeriod } from '../../../shared/schemas/monitor'
import type { Db } from '../index'
import type { Database } from '../schema'
import { postCards } from './conversations'

// The overview page (PRODUCT.md §3), read from the daily rollup: every figure, series and
// breakdown sums its cells, so a period of any length costs a few thousand small rows however
// many posts it holds.

type Dimension = 'lang' | 'platform' | 'sourceId' | 'sentiment'

/** The cells of a period under the filters; `topics: 'each'` reads every topic's cells instead of one. */
function cells(db: Db, f: MonitorFilters, period: { from: string, to: string }, topics: 'selected' | 'each' = 'selected') {
  let query = db.selectFrom('dailyStats').where('day', '>=', period.from).where('day', '<=', period.to)
  if (topics === 'each') query = f.topicId === null ? query.where('topicId', '>', 0) : query.where('topicId', '=', f.topicId)
  else query = query.where('topicId', '=', f.topicId ?? 0)
  if (f.langs.length) query = query.where('lang', 'in', f.langs)
  if (f.platforms.length) query = query.where('platform', 'in', f.platforms)
  if (f.sourceIds.length) query = query.where('sourceId', 'in', f.sourceIds)
  if (f.sentiments.length) query = query.where('sentiment', 'in', f.sentiments)
  return query
}

/** The distinct authors of a period: one sketch per day when no dimension is filtered, else the cells'. */
async function distinctAuthors(db: Db, f: MonitorFilters, period: { from: string, to: string }): Promise<number> {
  let query = db.selectFrom('dailyAuthors').select('sketch')
    .where('topicId', '=', f.topicId ?? 0).where('day', '>=', period.from).where('day', '<=', period.to)
  const filtered = f.langs.length || f.platforms.length || f.sourceIds.length || f.sentiments.length
  if (!filtered) query = query.where('lang', '=', ANY.lang)
  else {
    query = query.where('lang', '!=', ANY.lang)
    if (f.langs.length) query = query.where('lang', 'in', f.langs)
    if (f.platforms.length) query = query.where('platform', 'in', f.platforms)
    if (f.sourceIds.length) query = query.where('sourceId', 'in', f.sourceIds)
    if (f.sentiments.length) query = query.where('sentiment', 'in', f.sentiments)
  }
  const authors = emptySketch()
  for (const row of await query.execute()) mergeSketch(authors, row.sketch)
  return estimate(authors)
}

async function figures(db: Db, f: MonitorFilters, period: { from: string, to: string }) {
  const [rows, authors] = await Promise.all([
    cells(db, f, period).select(['lang', 'sentiment', (eb) => eb.fn.sum<number>('posts').as('posts'), (eb) => eb.fn.sum<number>('engagement').as('engagement')])
      .groupBy(['lang', 'sentiment']).execute(),
    distinctAuthors(db, f, period),
  ])
  const sentiment = { positive: 0, negative: 0, neutral: 0, none: 0 }
  const languages = new Set<string>()
  let posts = 0
  let engagement = 0
  for (const row of rows) {
    posts += Number(row.posts)
    engagement += Number(row.engagement)
    sentiment[row.sentiment as keyof typeof sentiment] += Number(row.posts)
    if (row.lang !== 'und') languages.add(row.lang)
  }
  // A sketch's estimate can overshoot by a few per cent; never more authors than posts.
  return { posts, authors: Math.min(authors, posts), engagement, sentiment, languages: languages.size }
}

/** Headline figures for the period and the one before it, of the same length; `running` as in overviewVolume. */
export async function overviewSummary(db: Db, f: MonitorFilters, now = new Date()) {
  const [current, previous] = await Promise.all([figures(db, f, f), figures(db, f, previousPeriod(f.from, f.to))])
  return { current, previous, previousPeriod: previousPeriod(f.from, f.to), running: runningDay(daysOf(f.from, f.to), now) }
}

export type VolumeSplit = 'topic' | 'lang' | 'platform'

/**
 * Posts per day, one series per topic, language or platform, largest first; `running` is the day
 * of the period not over yet, whose count is still growing.
 */
export async function overviewVolume(db: Db, f: MonitorFilters, by: VolumeSplit, now = new Date()) {
  const column = by === 'topic' ? 'topicId' : by
  const rows = await cells(db, f, f, by === 'topic' ? 'each' : 'selected')
    .select(['day', column, (eb) => eb.fn.sum<number>('posts').as('posts')])
    .groupBy(['day', column])
    .execute()
  const days = daysOf(f.from, f.to)
  const index = new Map(days.map((day, i) => [day, i]))
  const series = new Map<string, number[]>()
  for (const row of rows) {
    const key = String(row[column as keyof typeof row])
    let counts = series.get(key)
    if (!counts) series.set(key, (counts = new Array<number>(days.length).fill(0)))
    counts[index.get(row.day)!] = Number(row.posts)
  }
  const list = [...series].map(([key, counts]) => ({ key, counts, total: counts.reduce((a, b) => a + b, 0) }))
  list.sort((a, b) => b.total - a.total || a.key.localeCompare(b.key))
  return { days, series: list, running: runningDay(days, now) }
}

async function split(db: Db, f: MonitorFilters, dimension: Dimension) {
  const rows = await cells(db, f, f).select([dimension, (eb) => eb.fn.sum<number>('posts').as('posts'), (eb) => eb.fn.sum<number>('engagement').as('engagement')])
    .groupBy(dimension).execute()
  return rows.map((row) => ({ key: String(row[dimension]), posts: Number(row.posts), engagement: Number(row.engagement) }))
    .sort((a, b) => b.posts - a.posts || a.key.localeCompare(b.key))
}

/** Share of posts per language, platform, source, sentiment, and the share of voice of each topic. */
export async function overviewBreakdown(db: Db, f: MonitorFilters) {
  const [langs, platforms, sources, sentiments, topicRows] = await Promise.all([
    split(db, f, 'lang'), split(db, f, 'platform'), split(db, f, 'sourceId'), split(db, f, 'sentiment'),
    cells(db, { ...f, topicId: null }, f, 'each').select(['topicId', (eb) => eb.fn.sum<number>('posts').as('posts'), (eb) => eb.fn.sum<number>('engagement').as('engagement')])
      .groupBy('topicId').execute(),
  ])
  const topics = topicRows.map((row) => ({ key: String(row.topicId), posts: Number(row.posts), engagement: Number(row.engagement) }))
    .sort((a, b) => b.posts - a.posts)
  return { langs, platforms, sources, sentiments, topics }
}

/** The most engaged posts of the period under the filters. */
export async function overviewTopPosts(db: Db, f: MonitorFilters, limit: number) {
  // The unary + keeps SQLite from reading the period through the created_at index and sorting
  // every post in it, and the topic is a correlated EXISTS rather than a join for the same
  // reason: walking the engagement index from the top stops after `limit` matches.
  const createdAt = sql<string>`+${sql.ref('posts.createdAt')}`
  let query = db.selectFrom('posts').select('posts.id')
    .where(createdAt, '>=', `${f.from}T00:00:00`).where(createdAt, '<', `${f.to}T24`)
  const topicId = f.topicId
  if (topicId !== null) {
    query = query.where((eb) => eb.exists(eb.selectFrom('postTopics').select('postTopics.postId')
      .whereRef('postTopics.postId', '=', 'posts.id').where('postTopics.topicId', '=', topicId)))
  }
  const ids = await query.where((eb) => postFilters(eb, f, 'engagement')).orderBy('posts.engagement', 'desc').orderBy('posts.id', 'desc').limit(limit).execute()
  return postCards(db, ids.map((row) => row.id))
}

/**
 * Language, platform, source and sentiment filters over posts, as one condition for `where`.
 * A unary + keeps SQLite off an index that would serve the filter but not the order: the
 * platform's is the (platform, external id) key, never worth reading for a period; the
 * language's (lang, created_at) serves newest first, but not most engaged first.
 */
export function postFilters(eb: ExpressionBuilder<Database, 'posts'>, f: MonitorFilters, order: 'time' | 'engagement' = 'time'): Expression<SqlBool> {
  const unindexed = (column: 'posts.lang' | 'posts.platform') => sql<string>`+${sql.ref(column)}`
  const conditions: Expression<SqlBool>[] = []
  if (f.langs.length) conditions.push(eb(order === 'engagement' ? unindexed('posts.lang') : 'posts.lang', 'in', f.langs))
  if (f.platforms.length) conditions.push(eb(unindexed('posts.platform'), 'in', f.platforms))
  if (f.sourceIds.length) {
    const named = f.sourceIds.filter((id) => id > 0)
    conditions.push(eb.or([
      ...(named.length ? [eb('posts.sourceId', 'in', named)] : []),
      ...(f.sourceIds.includes(0) ? [eb('posts.sourceId', 'is', null)] : []),
    ]))
  }
  if (f.sentiments.length) {
    const labels = f.sentiments.filter((s) => s !== 'none')
    const shown = eb.fn.coalesce('posts.sentimentCorrected', 'posts.sentimentLabel')
    conditions.push(eb.or([
      ...(labels.length ? [eb(shown, 'in', labels)] : []),
      ...(f.sentiments.includes('none') ? [eb(shown, 'is', null)] : []),
    ]))
  }
  return eb.and(conditions)
}

/** Spikes that overlap the period, for the volume chart's markers. */
export async function overviewSpikes(db: Db, f: MonitorFilters) {
  let query = db.selectFrom('spikes').innerJoin('topics', 'topics.id', 'spikes.topicId')
    .select(['spikes.id', 'spikes.topicId', 'topics.name as topicName', 'topics.color as topicColor', 'spikes.lang', 'spikes.granularity',
      'spikes.start', 'spikes.end', 'spikes.peakAt', 'spikes.peakCount', 'spikes.baseline', 'spikes.z', 'spikes.drivers'])
    .where('spikes.end', '>=', `${f.from}T00:00:00`).where('spikes.start', '<', `${f.to}T24`)
  if (f.topicId !== null) query = query.where('spikes.topicId', '=', f.topicId)
  if (f.langs.length) query = query.where('spikes.lang', 'in', [...f.langs, '*'])
  const rows = await query.orderBy('spikes.z', 'desc').limit(50).execute()
  return rows.map((row) => ({ ...row, drivers: JSON.parse(row.drivers) as unknown }))
}
