import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { computeDigest } from '../../../server/digest/generate'
import { digestProgress, makeDigest, runWeeklyDigest } from '../../../server/digest/service'
import { CLI_ACTOR } from '../../../server/db/repositories/audit'
import { readAlertConfig } from '../../../server/alerts/config'
import { Tagger } from '../../../ingest/nlp/tagger'
import type { NormalisedAuthor, NormalisedPost } from '../../../ingest/types'
import { lastFullWeek, weekBounds } from '../../../shared/digest'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount, callerAs, storePosts } from '../support'
import { startSmtpServer } from '../alerts/smtp-server'

// Weeks at their edges: midnight in the instance's zone across a daylight-saving change, weeks
// with nothing in them, who rose between two weeks, the Monday job, and who may do what.

let db: Db
let sqlite: SqliteHandle
let tagger: Tagger
const now = new Date('2026-11-25T10:00:00Z')

beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
}, 60_000)

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
})

const store = (posts: NormalisedPost[]) => storePosts({ db, sqlite }, tagger, posts, now)

const at = (createdAt: string, id = createdAt) => aPost(id, { createdAt, text: `water and sanitation ${id}` })

describe('a week in the instance time zone', () => {
  it('runs from Monday midnight to Monday midnight in Paris across the autumn clock change (2026-W43, 169 hours)', async () => {
    await store([
      at('2026-10-18T21:30:00.000Z'), // Sunday 18 October 23:30 CEST: week 42
      at('2026-10-18T22:30:00.000Z'), // Monday 19 October 00:30 CEST: first hour of week 43
      at('2026-10-25T00:30:00.000Z'), // Sunday 25 October 02:30 CEST, before the change
      at('2026-10-25T01:30:00.000Z'), // Sunday 25 October 02:30 CET, the repeated hour
      at('2026-10-25T22:30:00.000Z'), // Sunday 25 October 23:30 CET: last hour of week 43
      at('2026-10-25T23:30:00.000Z'), // Monday 26 October 00:30 CET: week 44
    ])
    const week = weekBounds('2026-W43', 'Europe/Paris')
    expect([week.start, week.end]).toEqual(['2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z'])
    const digest = await computeDigest(db, week)
    expect(digest.totals.current.posts).toBe(4)
    expect(digest.totals.previous.posts).toBe(1)
    expect(digest.daily.current).toEqual([1, 0, 0, 0, 0, 0, 3])

    // The same instants in UTC fall into other weeks: the zone decides.
    const utc = await computeDigest(db, weekBounds('2026-W43', 'UTC'))
    expect(utc.totals.current.posts).toBe(4)
    expect(utc.daily.current).toEqual([0, 0, 0, 0, 0, 0, 4])
    expect(utc.totals.previous.posts).toBe(2)
  })

  it('loses the skipped hour in the spring (2026-W13 in Paris ends at 22:00 UTC, 167 hours)', async () => {
    await store([at('2026-03-29T21:30:00.000Z'), at('2026-03-29T22:30:00.000Z')])
    const week = weekBounds('2026-W13', 'Europe/Paris')
    expect(Date.parse(week.end) - Date.parse(week.start)).toBe(167 * 3_600_000)
    const digest = await computeDigest(db, week)
    expect(digest.totals.current.posts).toBe(1)
    expect(digest.daily.current[6]).toBe(1)
  })
})

describe('weeks with nothing in them', () => {
  it('says it was quiet, with zeros rather than gaps, when neither week has a post', async () => {
    const digest = await computeDigest(db, weekBounds('2026-W40', 'UTC'))
    expect(digest.totals.current).toEqual({ posts: 0, engagement: 0, authors: 0, sentiment: { positive: 0, negative: 0, neutral: 0, none: 0 } })
    expect(digest.daily.current).toEqual([0, 0, 0, 0, 0, 0, 0])
    expect([digest.topics, digest.languages, digest.spikes, digest.topPosts, digest.network.rising, digest.content.items]).toEqual([[], [], [], [], [], []])
    expect(digest.network.current).toEqual({ authors: 0, ties: 0, communities: 0, modularity: null })
    expect(digest.summary).toEqual([{ kind: 'quiet' }])
  })

  it('reports the fall to nothing when only the week before had posts', async () => {
    await store([at('2026-09-22T10:00:00.000Z', 'a'), at('2026-09-23T10:00:00.000Z', 'b')])
    const digest = await computeDigest(db, weekBounds('2026-W40', 'UTC'))
    expect(digest.summary[0]).toEqual({ kind: 'volume', posts: 0, previous: 2 })
    expect(digest.languages.map((row) => [row.key, row.current.posts, row.previous.posts])).toEqual([['en', 0, 2]])
    expect(digest.summary).toContainEqual({ kind: 'languageDown', lang: 'en', posts: 0, previous: 2 })
  })
})

describe('rising influencers', () => {
  it('ranks the author whose score rose most between the two weeks, and marks newcomers', async () => {
    const people = Object.fromEntries(['hub', 'riser', 'newcomer', 'a1', 'a2', 'a3', 'a4'].map((h) => [h, anAuthor(h)])) as Record<string, NormalisedAuthor>
    const posts: NormalisedPost[] = []
    let n = 0
    const mention = (from: string, to: string, day: string) => {
      n++
      posts.push(aPost(`m${n}`, { author: people[from]!, text: `clean water @${to} #water`, hashtags: ['water'], createdAt: `${day}T10:00:00.000Z`, relations: [{ kind: 'mention', targetAuthor: people[to]! }] }))
    }
    // Week 46: everyone talks to the hub; the riser is mentioned once.
    for (const from of ['a1', 'a2', 'a3', 'a4', 'riser']) mention(from, 'hub', '2026-11-10')
    mention('a1', 'riser', '2026-11-11')
    // Week 47: the riser becomes the one everyone mentions; a newcomer appears and is mentioned.
    for (const from of ['a1', 'a2', 'a3', 'a4', 'hub']) mention(from, 'riser', '2026-11-17')
    mention('a1', 'hub', '2026-11-18')
    mention('a2', 'newcomer', '2026-11-19')
    mention('newcomer', 'riser', '2026-11-19')
    await store(posts)
    const digest = await computeDigest(db, weekBounds('2026-W47', 'UTC'))
    const rising = digest.network.rising
    const returning = rising.filter((r) => r.previousScore !== null)
    expect(returning[0]).toMatchObject({ handle: '@riser@example.social', rank: 1 })
    expect(returning[0]!.change).toBeCloseTo(returning[0]!.score - returning[0]!.previousScore!, 9)
    expect(returning[0]!.previousRank).toBeGreaterThan(1)
    expect(rising.map((r) => r.change)).toEqual([...rising.map((r) => r.change)].sort((a, b) => b - a))
    const newcomer = rising.find((r) => r.handle === '@newcomer@example.social')
    expect(newcomer).toMatchObject({ previousScore: null, previousRank: null })
    expect(newcomer!.change).toBe(newcomer!.score)
    expect(rising.some((r) => r.handle === '@hub@example.social')).toBe(false)
    expect(digest.network.current.authors).toBe(7)
    expect(digest.network.communities.reduce((sum, c) => sum + c.rising, 0)).toBe(rising.length)
    expect(digest.summary).toContainEqual(expect.objectContaining({ kind: 'rising', handle: rising[0]!.handle, newcomer: rising[0]!.previousScore === null }))
  })
})

describe('the Monday job and the digest router', () => {
  it('makes the past week once, from the configured hour of Monday in the instance zone', async () => {
    await store([at('2026-11-18T10:00:00.000Z')])
    const config = { timeZone: 'Asia/Tokyo', hour: 7 }
    const alerts = readAlertConfig({})
    // Monday 23 November 06:00 in Tokyo: too early.
    expect(await runWeeklyDigest(db, config, alerts, new Date('2026-11-22T21:00:00Z'))).toMatchObject({ week: '2026-W47', made: false })
    // 08:00 in Tokyo: made, and not sent (no SMTP).
    expect(await runWeeklyDigest(db, config, alerts, new Date('2026-11-22T23:00:00Z'))).toEqual({ week: '2026-W47', made: true, sent: null })
    expect(await runWeeklyDigest(db, config, alerts, new Date('2026-11-24T23:00:00Z'))).toMatchObject({ made: false })
    const stored = await db.selectFrom('digests').select(['week', 'trigger', 'timeZone', 'startAt']).execute()
    expect(stored).toEqual([{ week: '2026-W47', trigger: 'schedule', timeZone: 'Asia/Tokyo', startAt: '2026-11-15T15:00:00.000Z' }])
  })

  it('lets everyone read, editors generate, only admins send, and everyone choose to receive it', async () => {
    await store([at('2026-11-18T10:00:00.000Z')])
    const viewer = await anAccount(db, 'viewer')
    const editor = await anAccount(db, 'editor')
    const admin = await anAccount(db, 'admin')
    const as = (user: typeof viewer) => callerAs(db, user, () => now)
    const week = lastFullWeek(now, 'UTC')
    process.env.CHORUS_TIME_ZONE = 'UTC'
    try {
      await expect(as(viewer).digest.generate({ week })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(as(viewer).digest.get({ week })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      const made = await as(editor).digest.generate({ week })
      expect(made.data.totals.current.posts).toBe(1)
      expect((await as(viewer).digest.get({ week })).data).toEqual(made.data)
      // The archive's headline figures are the stored digest's own.
      expect(await as(viewer).digest.list()).toEqual([expect.objectContaining({
        week, monday: made.data.week.monday, sunday: made.data.week.sunday, trigger: 'manual',
        posts: 1, previousPosts: made.data.totals.previous.posts, spikes: made.data.spikes.length,
      })])
      // A week still running, or not a week at all, is refused with a reason.
      await expect(as(editor).digest.generate({ week: '2026-W48' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('finished week') })
      await expect(as(editor).digest.generate({ week: '2026-W54' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      await expect(as(editor).digest.generate({ week: 'last week' })).rejects.toMatchObject({ code: 'BAD_REQUEST' })
      await expect(as(editor).digest.send({ week })).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await expect(as(admin).digest.send({ week })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('CHORUS_SMTP_URL') })

      expect((await as(viewer).digest.info()).subscribed).toBe(false)
      await as(viewer).digest.subscribe({ subscribed: true })
      expect(await as(viewer).digest.info()).toMatchObject({ subscribed: true, email: viewer.email, canGenerate: false, canSend: false, timeZone: 'UTC' })
      expect(await as(admin).digest.info()).toMatchObject({ subscribed: false, canGenerate: true, canSend: true })
      const audit = await db.selectFrom('auditLog').select('action').where('action', 'like', 'digest.%').orderBy('id').execute()
      expect(audit.map((row) => row.action)).toEqual(['digest.generate', 'digest.subscribe'])
    }
    finally {
      delete process.env.CHORUS_TIME_ZONE
    }
  })

  it('e-mails the digest to the subscribers only, from the Monday job and from an admin, and records who sent it', async () => {
    await store([at('2026-11-18T10:00:00.000Z')])
    const viewer = await anAccount(db, 'viewer')
    const admin = await anAccount(db, 'admin')
    await anAccount(db, 'editor')
    const smtp = await startSmtpServer()
    try {
      await callerAs(db, viewer).digest.subscribe({ subscribed: true })
      const alerts = readAlertConfig({ CHORUS_SMTP_URL: smtp.url(), CHORUS_PUBLIC_URL: 'https://chorus.example.org' })
      const run = await runWeeklyDigest(db, { timeZone: 'UTC', hour: 7 }, alerts, new Date('2026-11-23T08:00:00Z'))
      expect(run).toEqual({ week: '2026-W47', made: true, sent: { sentTo: 1, error: null } })
      expect(smtp.mails.map((mail) => mail.rcptTo)).toEqual([[viewer.email]])
      expect(smtp.mails[0]!.raw).toContain('https://chorus.example.org/digest/2026-W47')

      process.env.CHORUS_SMTP_URL = smtp.url()
      try {
        expect(await callerAs(db, admin, () => now).digest.send({ week: '2026-W47' })).toEqual({ sentTo: 1, error: null })
      }
      finally {
        delete process.env.CHORUS_SMTP_URL
      }
      expect(smtp.mails).toHaveLength(2)
      const sends = await db.selectFrom('auditLog').select(['actorLabel', 'targetId', 'details']).where('action', '=', 'digest.send').orderBy('id').execute()
      expect(sends.map((row) => [row.actorLabel, row.targetId, JSON.parse(row.details)])).toEqual([
        ['scheduler', '2026-W47', { sentTo: 1, error: null }],
        [admin.email, '2026-W47', { sentTo: 1, error: null }],
      ])
      expect(await db.selectFrom('digests').select(['sentTo', 'sendError']).executeTakeFirst()).toEqual({ sentTo: 1, sendError: null })
    }
    finally {
      await smtp.close()
    }
  })

  it('tells how far the making of a week has gone while it runs, and nothing once it is done', async () => {
    await store([at('2026-11-18T10:00:00.000Z')])
    const seen: Array<string | null> = []
    await makeDigest(db, '2026-W47', { timeZone: 'UTC', hour: 7 }, {
      trigger: 'cli', actor: CLI_ACTOR, now,
      progress: () => {
        const step = digestProgress('2026-W47')
        seen.push(step && `${step.phase} ${step.done}/${step.total}`)
      },
    })
    expect(seen).toEqual(['figures 0/4', 'posts 1/4', 'networks 2/4', 'plan 3/4', 'plan 4/4'])
    expect(digestProgress('2026-W47')).toBeNull()
    const editor = await anAccount(db, 'editor')
    expect(await callerAs(db, editor, () => now).digest.progress({ week: '2026-W47' })).toBeNull()
  })
})
