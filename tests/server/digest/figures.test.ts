import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { loadDemoCorpus } from '../../../server/cli/demo-corpus'
import { computeDigest } from '../../../server/digest/generate'
import { lastFullWeek, shiftWeek, weekBounds, type DigestBreakdownRow, type WeekFigures } from '../../../shared/digest'
import { anAccount } from '../support'

// The digest's figures against an independent reading of the same database: every post is
// fetched, put in the ISO week of its local date in the zone (computed with Intl and plain date
// arithmetic, not with the digest's own week code), and counted in JavaScript.

interface RawPost {
  id: number
  createdAt: string
  lang: string | null
  engagement: number
  authorId: number
  shown: string | null
  topics: number[]
}

function localDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant))
}

/** ISO week of a calendar date: the week of its Thursday, numbered from the week holding 4 January. */
function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`)
  const weekday = (day.getUTCDay() + 6) % 7
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000)
  const year = thursday.getUTCFullYear()
  const firstThursday = new Date(Date.UTC(year, 0, 4))
  firstThursday.setUTCDate(4 - ((firstThursday.getUTCDay() + 6) % 7) + 3)
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000))
  return `${year}-W${String(week).padStart(2, '0')}`
}

function count(posts: readonly RawPost[]): WeekFigures {
  const sentiment = { positive: 0, negative: 0, neutral: 0, none: 0 }
  for (const post of posts) sentiment[(post.shown ?? 'none') as keyof typeof sentiment]++
  return {
    posts: posts.length,
    engagement: posts.reduce((sum, post) => sum + post.engagement, 0),
    authors: new Set(posts.map((post) => post.authorId)).size,
    sentiment,
  }
}

function readAll(sqlite: SqliteHandle): RawPost[] {
  const topics = new Map<number, number[]>()
  for (const row of sqlite.prepare('select post_id as postId, topic_id as topicId from post_topics').all() as Array<{ postId: number, topicId: number }>) {
    topics.set(row.postId, [...(topics.get(row.postId) ?? []), row.topicId])
  }
  const rows = sqlite.prepare(`select id, created_at as createdAt, lang, likes, reposts, replies, quotes, author_id as authorId,
    sentiment_label as label, sentiment_corrected as corrected from posts`).all() as Array<{
    id: number, createdAt: string, lang: string | null, likes: number | null, reposts: number | null, replies: number | null, quotes: number | null,
    authorId: number, label: string | null, corrected: string | null
  }>
  return rows.map((row) => ({
    id: row.id, createdAt: row.createdAt, lang: row.lang, authorId: row.authorId, shown: row.corrected ?? row.label, topics: topics.get(row.id) ?? [],
    engagement: (row.likes ?? 0) + (row.reposts ?? 0) + (row.replies ?? 0) + (row.quotes ?? 0),
  }))
}

function byKey(rows: readonly DigestBreakdownRow[]) {
  return Object.fromEntries(rows.map((row) => [row.key, { current: row.current, previous: row.previous }]))
}

describe('the digest of a week of the demo corpus', () => {
  let db: Db
  let sqlite: SqliteHandle
  let posts: RawPost[]

  beforeAll(async () => {
    ({ db, sqlite } = createDb(':memory:'))
    await migrateToLatest(db)
    await anAccount(db, 'editor')
    await anAccount(db, 'analyst')
    await anAccount(db, 'admin')
    // Corrections win over the computed label in every count.
    await loadDemoCorpus(db, sqlite, mkdtempSync(join(tmpdir(), 'chorus-digest-')), { posts: 2000, network: false, digests: false })
    sqlite.prepare(`update posts set sentiment_corrected = 'negative' where id in (select id from posts where sentiment_label = 'positive' order by id limit 40)`).run()
    posts = readAll(sqlite)
  }, 180_000)

  for (const timeZone of ['UTC', 'America/Sao_Paulo', 'Asia/Tokyo']) {
    it(`counts posts, engagement, authors and sentiment per topic and language as an independent count does (${timeZone})`, async () => {
      const week = lastFullWeek(new Date(), timeZone)
      const digest = await computeDigest(db, weekBounds(week, timeZone))
      const inWeek = (name: string) => posts.filter((post) => isoWeek(localDate(post.createdAt, timeZone)) === name)
      const current = inWeek(week)
      const previous = inWeek(shiftWeek(week, -1))
      expect(current.length).toBeGreaterThan(100)
      expect(digest.totals).toEqual({ current: count(current), previous: count(previous) })

      const langs = new Set([...current, ...previous].map((post) => post.lang ?? 'und'))
      const expectedLangs = Object.fromEntries([...langs].map((lang) => [lang, {
        current: count(current.filter((post) => (post.lang ?? 'und') === lang)),
        previous: count(previous.filter((post) => (post.lang ?? 'und') === lang)),
      }]))
      expect(byKey(digest.languages)).toEqual(expectedLangs)
      expect(digest.languages.map((row) => row.current.posts)).toEqual([...digest.languages.map((row) => row.current.posts)].sort((a, b) => b - a))

      const topicIds = new Set([...current, ...previous].flatMap((post) => post.topics))
      const expectedTopics = Object.fromEntries([...topicIds].map((id) => [String(id), {
        current: count(current.filter((post) => post.topics.includes(id))),
        previous: count(previous.filter((post) => post.topics.includes(id))),
      }]))
      expect(byKey(digest.topics)).toEqual(expectedTopics)

      const weekday = (post: RawPost) => (new Date(`${localDate(post.createdAt, timeZone)}T00:00:00Z`).getUTCDay() + 6) % 7
      expect(digest.daily.current).toEqual([0, 1, 2, 3, 4, 5, 6].map((day) => current.filter((post) => weekday(post) === day).length))
      expect(digest.daily.previous).toEqual([0, 1, 2, 3, 4, 5, 6].map((day) => previous.filter((post) => weekday(post) === day).length))

      const top = [...current].sort((a, b) => b.engagement - a.engagement || a.id - b.id).slice(0, 5)
      expect(digest.topPosts.map((post) => post.id)).toEqual(top.map((post) => post.id))
      expect(digest.summary[0]).toEqual({ kind: 'volume', posts: current.length, previous: previous.length })
    }, 60_000)
  }

  it('lists the spikes that peaked in the week and the plan of the week per language', async () => {
    const timeZone = 'UTC'
    const weeks = [0, 1, 2, 3].map((back) => shiftWeek(lastFullWeek(new Date(), timeZone), -back))
    let spikesSeen = 0
    let plannedSeen = 0
    for (const week of weeks) {
      const bounds = weekBounds(week, timeZone)
      const digest = await computeDigest(db, bounds)
      const spikes = sqlite.prepare('select id from spikes where peak_at >= ? and peak_at < ? order by z desc, id').all(bounds.start, bounds.end) as Array<{ id: number }>
      expect(digest.spikes.map((spike) => spike.id)).toEqual(spikes.map((spike) => spike.id).slice(0, 10))
      spikesSeen += spikes.length
      const versions = sqlite.prepare(`select v.lang, v.status from content_versions v join content_items i on i.id = v.item_id
        where i.publish_at >= ? and i.publish_at < ?`).all(bounds.start, bounds.end) as Array<{ lang: string, status: string }>
      const expected = new Map<string, { planned: number, published: number }>()
      for (const version of versions) {
        const row = expected.get(version.lang) ?? { planned: 0, published: 0 }
        row.planned++
        if (version.status === 'published') row.published++
        expected.set(version.lang, row)
      }
      expect(Object.fromEntries(digest.content.rows.map((row) => [row.lang, { planned: row.planned, published: row.published }]))).toEqual(Object.fromEntries(expected))
      plannedSeen += versions.length
    }
    // The demo has a spike and past content in its last weeks: the comparison above compared something.
    expect(spikesSeen).toBeGreaterThan(0)
    expect(plannedSeen).toBeGreaterThan(0)
  }, 60_000)

  it('is the same when made twice from the same database', async () => {
    const bounds = weekBounds(lastFullWeek(new Date(), 'Europe/Paris'), 'Europe/Paris')
    const first = await computeDigest(db, bounds)
    const second = await computeDigest(db, bounds)
    expect(JSON.stringify(second)).toBe(JSON.stringify(first))
    expect(first.network.current.authors).toBeGreaterThan(0)
    expect(first.network.rising.length).toBeGreaterThan(0)
  }, 60_000)
})
