import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import { sql } from 'kysely'
import { Temporal } from 'temporal-polyfill'
import {
  DIGEST_VERSION, type DigestBreakdownRow, type DigestContentItem, type DigestContentRow, type DigestData, type DigestPost,
  type DigestSpike, type SentimentCounts, shiftWeek, type WeekBounds, weekBounds, type WeekFigures,
} from '../../shared/digest'
import { languageName } from '../../shared/languages'
import type { ContentStatus } from '../../shared/calendar'
import type { Db } from '../db'
import { postCards } from '../db/repositories/conversations'
import { weekNetworks } from './network'
import { summarize } from './summary'

// A week's digest, computed from the database alone: posts, topics, spikes, networks and the
// editorial plan of the week and of the week before. Posts are read by their exact instants,
// not through the UTC-day rollups, because the week runs from midnight to midnight in the
// instance's zone. Every list has a total order, so the same database gives the same digest.

export const DIGEST_PHASES = ['figures', 'posts', 'networks', 'plan'] as const
export type DigestPhase = (typeof DIGEST_PHASES)[number]
export interface DigestStep { phase: DigestPhase, done: number, total: number }
export type DigestProgress = (step: DigestStep) => void

const TOP_POSTS = 5
const SPIKES = 10
const DRIVERS_PER_DIMENSION = 3
const POST_TEXT_LIMIT = 400

type Period = Pick<WeekBounds, 'start' | 'end'>

const shownSentiment = sql<string | null>`coalesce(posts.sentiment_corrected, posts.sentiment_label)`
const countOf = (label: string) => sql<number>`sum(case when ${shownSentiment} = ${label} then 1 else 0 end)`

/** Posts, engagement, authors and sentiment of the period, per `key` (one group when none). */
async function figures(db: Db, period: Period, by: 'all' | 'lang' | 'topic'): Promise<Map<string, WeekFigures>> {
  const measures = [
    sql<number>`count(*)`.as('posts'),
    sql<number>`coalesce(sum(posts.engagement), 0)`.as('engagement'),
    sql<number>`count(distinct posts.author_id)`.as('authors'),
    countOf('positive').as('positive'), countOf('negative').as('negative'), countOf('neutral').as('neutral'),
    sql<number>`sum(case when ${shownSentiment} is null then 1 else 0 end)`.as('none'),
  ]
  const inWeek = db.selectFrom('posts').where('posts.createdAt', '>=', period.start).where('posts.createdAt', '<', period.end)
  const rows = by === 'topic'
    ? await inWeek.innerJoin('postTopics', 'postTopics.postId', 'posts.id')
      .select([...measures, sql<string>`cast(post_topics.topic_id as text)`.as('key')]).groupBy('postTopics.topicId').execute()
    : by === 'lang'
      ? await inWeek.select([...measures, sql<string>`coalesce(posts.lang, 'und')`.as('key')]).groupBy(sql`coalesce(posts.lang, 'und')`).execute()
      : await inWeek.select([...measures, sql<string>`'all'`.as('key')]).execute()
  const out = new Map<string, WeekFigures>()
  for (const row of rows) {
    const sentiment: SentimentCounts = { positive: Number(row.positive ?? 0), negative: Number(row.negative ?? 0), neutral: Number(row.neutral ?? 0), none: Number(row.none ?? 0) }
    out.set(String(row.key), { posts: Number(row.posts), engagement: Number(row.engagement ?? 0), authors: Number(row.authors), sentiment })
  }
  return out
}

const EMPTY: WeekFigures = { posts: 0, engagement: 0, authors: 0, sentiment: { positive: 0, negative: 0, neutral: 0, none: 0 } }

/** This week against the previous one, for every key seen in either, most posts this week first. */
function breakdown(current: Map<string, WeekFigures>, previous: Map<string, WeekFigures>, label: (key: string) => { label: string, color: string | null }): DigestBreakdownRow[] {
  const keys = [...new Set([...current.keys(), ...previous.keys()])]
  return keys.map((key) => ({ key, ...label(key), current: current.get(key) ?? EMPTY, previous: previous.get(key) ?? EMPTY }))
    .sort((a, b) => b.current.posts - a.current.posts || b.previous.posts - a.previous.posts || a.label.localeCompare(b.label) || a.key.localeCompare(b.key))
}

/** Posts per day of the week, the zone's days, Monday first. */
async function daily(db: Db, week: WeekBounds): Promise<number[]> {
  const monday = Temporal.PlainDate.from(week.monday)
  const edges = Array.from({ length: 8 }, (_, day) => new Date(monday.add({ days: day }).toZonedDateTime({ timeZone: week.timeZone }).startOfDay().epochMilliseconds).toISOString())
  const counts: number[] = []
  for (let day = 0; day < 7; day++) {
    const row = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('posts'))
      .where('posts.createdAt', '>=', edges[day]!).where('posts.createdAt', '<', edges[day + 1]!).executeTakeFirstOrThrow()
    counts.push(Number(row.posts))
  }
  return counts
}

interface StoredDriver { key: string, spike: number, lift: number }

/** The spikes that peaked in the week, strongest first, with their leading drivers. */
async function spikes(db: Db, week: Period): Promise<DigestSpike[]> {
  const rows = await db.selectFrom('spikes').innerJoin('topics', 'topics.id', 'spikes.topicId')
    .select(['spikes.id', 'spikes.topicId', 'topics.name as topicName', 'topics.color as topicColor', 'spikes.lang', 'spikes.granularity',
      'spikes.start', 'spikes.end', 'spikes.peakAt', 'spikes.peakCount', 'spikes.total', 'spikes.baseline', 'spikes.z', 'spikes.drivers'])
    .where('spikes.peakAt', '>=', week.start).where('spikes.peakAt', '<', week.end)
    .orderBy('spikes.z', 'desc').orderBy('spikes.id').limit(SPIKES).execute()
  return rows.map(({ drivers, ...row }) => {
    const stored = JSON.parse(drivers) as Record<string, StoredDriver[]>
    const top = Object.fromEntries(Object.entries(stored).map(([dimension, list]) => [
      dimension, list.slice(0, DRIVERS_PER_DIMENSION).map((driver) => ({ key: driver.key, spike: driver.spike, lift: driver.lift })),
    ]))
    return { ...row, drivers: top }
  })
}

/** The week's most engaged posts; ties go to the earlier post. */
async function topPosts(db: Db, week: Period): Promise<DigestPost[]> {
  const ids = await db.selectFrom('posts').select('posts.id')
    .where('posts.createdAt', '>=', week.start).where('posts.createdAt', '<', week.end)
    .orderBy('posts.engagement', 'desc').orderBy('posts.id').limit(TOP_POSTS).execute()
  const cards = await postCards(db, ids.map((row) => row.id))
  return cards.map((card) => ({
    id: card.id, platform: card.platform, url: card.url, authorId: card.authorId, handle: card.authorHandle, authorName: card.authorName,
    title: card.title, text: cut(card.text, POST_TEXT_LIMIT), lang: card.lang, createdAt: card.createdAt, engagement: card.engagement,
    topics: card.topics.map((topic) => ({ id: topic.id, name: topic.name, color: topic.color })),
  }))
}

function cut(text: string, limit: number): string {
  const chars = [...text]
  return chars.length <= limit ? text : `${chars.slice(0, limit - 1).join('').trimEnd()}…`
}

/** Language versions planned to publish in the week, and how many of them are published. */
async function plan(db: Db, week: Period): Promise<{ rows: DigestContentRow[], items: DigestContentItem[] }> {
  const rows = await db.selectFrom('contentItems').innerJoin('contentVersions', 'contentVersions.itemId', 'contentItems.id')
    .select(['contentItems.id', 'contentItems.title', 'contentItems.publishAt', 'contentItems.timeZone', 'contentVersions.lang', 'contentVersions.status'])
    .where('contentItems.publishAt', '>=', week.start).where('contentItems.publishAt', '<', week.end)
    .orderBy('contentItems.publishAt').orderBy('contentItems.id').orderBy('contentVersions.lang').execute()
  const perLang = new Map<string, DigestContentRow>()
  const items = new Map<number, DigestContentItem>()
  for (const row of rows) {
    const count = perLang.get(row.lang) ?? { lang: row.lang, planned: 0, published: 0 }
    count.planned++
    if (row.status === 'published') count.published++
    perLang.set(row.lang, count)
    const item = items.get(row.id) ?? { id: row.id, title: row.title, publishAt: row.publishAt, timeZone: row.timeZone, versions: [] }
    item.versions.push({ lang: row.lang, status: row.status as ContentStatus })
    items.set(row.id, item)
  }
  const langs = [...perLang.values()].sort((a, b) => b.planned - a.planned || a.lang.localeCompare(b.lang))
  return { rows: langs, items: [...items.values()] }
}

/** The whole digest of a week. */
export async function computeDigest(db: Db, week: WeekBounds, progress: DigestProgress = () => {}): Promise<DigestData> {
  const total = DIGEST_PHASES.length
  const previousWeek = weekBounds(shiftWeek(week.week, -1), week.timeZone)
  // SQLite answers synchronously, so awaiting its queries never lets the server's other requests
  // in: the work stops for them between queries (and the page's progress reading is one of them).
  const read = async <T>(query: () => Promise<T>): Promise<T> => {
    await yieldToEventLoop()
    return query()
  }

  progress({ phase: 'figures', done: 0, total })
  const all = await read(() => figures(db, week, 'all'))
  const allBefore = await read(() => figures(db, previousWeek, 'all'))
  const langs = await read(() => figures(db, week, 'lang'))
  const langsBefore = await read(() => figures(db, previousWeek, 'lang'))
  const topicFigures = await read(() => figures(db, week, 'topic'))
  const topicFiguresBefore = await read(() => figures(db, previousWeek, 'topic'))
  const topicRows = await db.selectFrom('topics').select(['id', 'name', 'color']).execute()
  const topicById = new Map(topicRows.map((topic) => [String(topic.id), topic]))
  const topics = breakdown(topicFigures, topicFiguresBefore, (key) => ({ label: topicById.get(key)?.name ?? `#${key}`, color: topicById.get(key)?.color ?? null }))
  const languages = breakdown(langs, langsBefore, (key) => ({ label: languageName(key), color: null }))
  const dailyCounts = { current: await read(() => daily(db, week)), previous: await read(() => daily(db, previousWeek)) }

  progress({ phase: 'posts', done: 1, total })
  const weekSpikes = await read(() => spikes(db, week))
  const posts = await read(() => topPosts(db, week))

  progress({ phase: 'networks', done: 2, total })
  const network = await read(() => weekNetworks(db, week, previousWeek, yieldToEventLoop))

  progress({ phase: 'plan', done: 3, total })
  const content = await read(() => plan(db, week))

  const data: Omit<DigestData, 'summary'> = {
    version: DIGEST_VERSION, week, previousWeek,
    totals: { current: all.get('all') ?? EMPTY, previous: allBefore.get('all') ?? EMPTY },
    daily: dailyCounts, topics, languages, spikes: weekSpikes, topPosts: posts, network, content,
  }
  progress({ phase: 'plan', done: total, total })
  return { ...data, summary: summarize(data) }
}
