import { beforeEach, describe, expect, it } from 'vitest'
import type { Db } from '../../../server/db'
import { gapHints, isGrowing } from '../../../server/calendar/gaps'
import type { PublicUser } from '../../../server/db/repositories/users'
import { anAccount, callerAs, freshDb } from '../support'
import { anItem, aSpike, aTopic, daysBefore, rollup } from './builders'

// Gap hints on a known dataset: rollup cells for the last 14 complete days, two spikes, and a
// plan that covers some of what rises.

const NOW = new Date('2026-12-04T09:00:00Z')
const TODAY = '2026-12-04'
const RECENT = daysBefore(TODAY, 1, 7)
const PREVIOUS = daysBefore(TODAY, 8, 14)

describe('isGrowing', () => {
  it('needs a quarter more posts, a rise beyond noise, and enough posts', () => {
    expect(isGrowing({ recent: 120, previous: 60 })).toBe(true)
    // +33 % but within what chance moves two counts of this size by.
    expect(isGrowing({ recent: 80, previous: 60 })).toBe(false)
    // Beyond noise on a large count, but only +5 %.
    expect(isGrowing({ recent: 21_000, previous: 20_000 })).toBe(false)
    // From nothing to a handful is not a conversation yet.
    expect(isGrowing({ recent: 9, previous: 0 })).toBe(false)
    expect(isGrowing({ recent: 12, previous: 0 })).toBe(true)
    expect(isGrowing({ recent: 50, previous: 50 })).toBe(false)
  })
})

describe('gapHints', () => {
  const topics = [{ id: 1, name: 'Health', color: '#be185d' }, { id: 2, name: 'Climate', color: '#c2410c' }]
  it('keeps rising pairs with nothing planned on that topic in that language', () => {
    const hints = gapHints({
      topics,
      volumes: [
        { topicId: 1, lang: 'sw', recent: 140, previous: 60 },
        { topicId: 1, lang: 'fr', recent: 100, previous: 40 },
        { topicId: 2, lang: 'fr', recent: 90, previous: 40 },
        { topicId: 2, lang: 'en', recent: 300, previous: 290 },
        { topicId: 1, lang: 'und', recent: 90, previous: 10 },
      ],
      spikes: [],
      // French content on climate does not answer the health conversation in French.
      planned: [{ topicId: 2, lang: 'fr' }, { topicId: null, lang: 'sw' }],
    })
    expect(hints.map((h) => [h.topicName, h.lang])).toEqual([['Health', 'sw'], ['Health', 'fr']])
  })
})

describe('calendar.gaps on a known dataset', () => {
  let db: Db
  let editor: PublicUser
  let health: number
  let climate: number
  beforeEach(async () => {
    db = await freshDb()
    editor = await anAccount(db, 'editor')
    health = await aTopic(db, 'Health & cholera')
    climate = await aTopic(db, 'Climate finance')
    const paused = await aTopic(db, 'Paused topic', false)
    // Health rises in Swahili (10 → 25 a day) and in French (4 → 9 a day); steady in English.
    await rollup(db, health, 'sw', PREVIOUS, 10)
    await rollup(db, health, 'sw', RECENT, 25)
    await rollup(db, health, 'fr', PREVIOUS, 4)
    await rollup(db, health, 'fr', RECENT, 9)
    await rollup(db, health, 'en', [...PREVIOUS, ...RECENT], 30)
    // Climate is flat in Portuguese, but the spike watch saw a burst three days ago; an old
    // spike in Spanish is not recent.
    await rollup(db, climate, 'pt', [...PREVIOUS, ...RECENT], 12)
    await aSpike(db, climate, 'pt', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')
    await aSpike(db, climate, 'es', '2026-11-10T00:00:00.000Z', '2026-11-11T00:00:00.000Z')
    await aSpike(db, climate, '*', '2026-12-01T00:00:00.000Z', '2026-12-02T00:00:00.000Z')
    // Rising, but the topic is paused; today's posts are not a complete day yet.
    await rollup(db, paused, 'de', RECENT, 50)
    await rollup(db, health, 'ar', [TODAY], 500)
    // Every post, for the coverage.
    await rollup(db, 0, 'en', daysBefore(TODAY, 1, 28), 60)
    await rollup(db, 0, 'sw', daysBefore(TODAY, 1, 28), 30)
    await rollup(db, 0, 'fr', daysBefore(TODAY, 1, 28), 10)
  })

  const caller = () => callerAs(db, editor, () => NOW)

  it('finds the rising topics and languages with nothing planned, strongest first', async () => {
    const { hints, rule } = await caller().calendar.gaps()
    expect(rule.horizonDays).toBe(14)
    expect(hints.map((h) => ({ topic: h.topicName, lang: h.lang, recent: h.recent, previous: h.previous, growing: h.growing, spike: !!h.spike }))).toEqual([
      { topic: 'Health & cholera', lang: 'sw', recent: 175, previous: 70, growing: true, spike: false },
      { topic: 'Health & cholera', lang: 'fr', recent: 63, previous: 28, growing: true, spike: false },
      { topic: 'Climate finance', lang: 'pt', recent: 84, previous: 84, growing: false, spike: true },
    ])
  })

  it('closes a gap with an item on the topic in the language within 14 days, not with one later or on another topic', async () => {
    await caller().calendar.create(anItem(editor.id, { topicId: health, publishLocal: '2026-12-10T09:00', versions: [{ lang: 'sw' }] }))
    await caller().calendar.create(anItem(editor.id, { topicId: health, publishLocal: '2026-12-20T09:00', versions: [{ lang: 'fr' }] }))
    await caller().calendar.create(anItem(editor.id, { topicId: climate, publishLocal: '2026-12-06T09:00', versions: [{ lang: 'fr' }] }))
    const { hints } = await caller().calendar.gaps()
    expect(hints.map((h) => `${h.topicName}/${h.lang}`)).toEqual(['Health & cholera/fr', 'Climate finance/pt'])
  })

  it('turns a hint into a draft on that topic with that language, two days ahead in the planner’s zone, which closes it', async () => {
    const { id } = await caller().calendar.draftFromGap({ topicId: health, lang: 'sw', title: 'Health & cholera in Swahili', timeZone: 'Africa/Nairobi' })
    const draft = await caller().calendar.get({ id })
    expect(draft).toMatchObject({
      title: 'Health & cholera in Swahili', topicId: health, ownerId: editor.id, timeZone: 'Africa/Nairobi', publishLocal: '2026-12-06T10:00', status: 'idea',
    })
    expect(draft.versions.map((v) => [v.lang, v.status])).toEqual([['sw', 'idea']])
    const { hints } = await caller().calendar.gaps()
    expect(hints.map((h) => `${h.topicName}/${h.lang}`)).not.toContain('Health & cholera/sw')
  })

  it('lays out coverage: the conversation’s language shares beside the versions planned each week', async () => {
    await caller().calendar.create(anItem(editor.id, { publishLocal: '2026-12-05T09:00', versions: [{ lang: 'en' }, { lang: 'fr' }] }))
    await caller().calendar.create(anItem(editor.id, { publishLocal: '2026-12-15T09:00', versions: [{ lang: 'en' }, { lang: 'es' }] }))
    await caller().calendar.create(anItem(editor.id, { publishLocal: '2027-02-15T09:00', versions: [{ lang: 'sw' }] }))
    const coverage = await caller().calendar.coverage()
    expect(coverage.weeks.map((w) => w.from)).toEqual(['2026-12-04', '2026-12-11', '2026-12-18', '2026-12-25'])
    expect(coverage.conversation).toEqual({ from: '2026-11-06', to: '2026-12-03', posts: 100 * 28 })
    expect(coverage.plannedVersions).toBe(4)
    const rows = Object.fromEntries(coverage.rows.map((row) => [row.lang, row]))
    expect(coverage.rows.map((row) => row.lang)).toEqual(['en', 'sw', 'fr', 'es'])
    expect(rows.en).toMatchObject({ conversationShare: 0.6, planned: [1, 1, 0, 0], planShare: 0.5 })
    expect(rows.sw).toMatchObject({ conversationShare: 0.3, planned: [0, 0, 0, 0], planShare: 0 })
    expect(rows.es).toMatchObject({ conversationShare: 0, planned: [0, 1, 0, 0], planShare: 0.25 })
  })
})

describe('gap hints from the communities of the latest network', () => {
  let db: Db
  let editor: PublicUser
  beforeEach(async () => {
    db = await freshDb()
    editor = await anAccount(db, 'editor')
  })

  /** A done network of the whole conversation with the given communities and their members. */
  async function aNetwork(communities: Array<{ community: number, lang: string, terms: string[], members: number[] }>, scope: { topicId: number | null } = { topicId: null }) {
    const snapshot = await db.insertInto('graphSnapshots').values({
      topicId: scope.topicId, lang: null, fromDay: '2026-11-04', toDay: '2026-12-03', status: 'done', phase: null, error: null, requestedBy: null,
      requestedAt: '2026-12-04T06:00:00.000Z', startedAt: '2026-12-04T06:00:00.000Z', finishedAt: '2026-12-04T06:01:00.000Z', modularity: 0.5, method: null,
    }).returning('id').executeTakeFirstOrThrow()
    for (const c of communities) {
      await db.insertInto('graphCommunities').values({
        snapshotId: snapshot.id, community: c.community, size: c.members.length, hashtags: '[]', members: JSON.stringify(c.members),
        terms: JSON.stringify(c.terms.map((term) => ({ term, score: 1, authors: 2 }))), languages: JSON.stringify([{ lang: c.lang, authors: c.members.length, share: 1 }]),
      }).execute()
      for (const authorId of c.members) {
        await db.insertInto('graphNodes').values({
          snapshotId: snapshot.id, authorId, community: c.community, score: 50, rank: authorId, pagerank: 0.01, inDegree: 1, reach: 0, engagement: 0,
          activity: 1, betweenness: 0, lang: c.lang, x: 0, y: 0, explanation: '{}',
        }).execute()
      }
    }
    return snapshot.id
  }

  let posts = 0
  async function authors(count: number) {
    const ids: number[] = []
    for (let i = 0; i < count; i++) {
      const row = await db.insertInto('authors').values({ platform: 'mastodon', externalId: `a${posts}-${i}`, handle: `@a${posts}-${i}`, firstSeenAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z' })
        .returning('id').executeTakeFirstOrThrow()
      ids.push(row.id)
      posts++
    }
    return ids
  }

  /** `count` posts on the topic by the members in turn, on the given day. */
  async function talk(members: number[], topicId: number, day: string, count: number) {
    for (let i = 0; i < count; i++) {
      posts++
      const post = await db.insertInto('posts').values({
        platform: 'mastodon', externalId: `p${posts}`, sourceId: null, kind: 'post', url: null, canonicalUrl: null, authorId: members[i % members.length]!, title: null,
        text: 'post', createdAt: `${day}T12:00:00.000Z`, ingestedAt: `${day}T12:00:00.000Z`, declaredLang: null, lang: 'pt', langConfidence: 1,
        likes: 0, reposts: 0, replies: 0, quotes: 0, sentimentScore: null, sentimentLabel: null, sentimentCorrected: null, sentimentCorrectedBy: null, sentimentCorrectedAt: null,
      }).returning('id').executeTakeFirstOrThrow()
      await db.insertInto('postTopics').values({ topicId, postId: post.id, createdAt: `${day}T12:00:00.000Z` }).execute()
    }
  }

  it('names a community whose posts on a topic rose while its language as a whole did not, and plans for it in its language', async () => {
    const climate = await aTopic(db, 'Climate finance')
    // Portuguese is flat overall...
    await rollup(db, climate, 'pt', [...PREVIOUS, ...RECENT], 12)
    const [amazon, cities, tiny] = [await authors(6), await authors(6), await authors(3)]
    await aNetwork([
      { community: 0, lang: 'pt', terms: ['amazônia', 'fundo', 'adaptação', 'ignored'], members: amazon },
      { community: 1, lang: 'pt', terms: ['cidades', 'enchentes'], members: cities },
      { community: 2, lang: 'pt', terms: ['pequeno'], members: tiny },
    ])
    // ...but one community took the topic up (3 → 21 posts) while another let it drop; a community
    // of three rose as well, too small to plan for.
    await talk(amazon, climate, PREVIOUS[2]!, 3)
    await talk(amazon, climate, RECENT[1]!, 21)
    await talk(cities, climate, PREVIOUS[3]!, 20)
    await talk(cities, climate, RECENT[2]!, 6)
    await talk(tiny, climate, RECENT[3]!, 30)
    const { hints } = await callerAs(db, editor, () => NOW).calendar.gaps()
    expect(hints).toEqual([expect.objectContaining({
      topicName: 'Climate finance', lang: 'pt', growing: false, spike: null,
      communities: [{ snapshotId: expect.any(Number), community: 0, terms: ['amazônia', 'fundo', 'adaptação'], recent: 21, previous: 3 }],
    })])

    // The item form offers the same communities, largest first, named the same way.
    const caller = callerAs(db, editor, () => NOW)
    expect((await caller.calendar.communities())?.communities).toEqual([
      { community: 0, size: 6, lang: 'pt', terms: ['amazônia', 'fundo', 'adaptação'] },
      { community: 1, size: 6, lang: 'pt', terms: ['cidades', 'enchentes'] },
    ])
    // Planning from the hint labels the draft with the community, and answers the hint.
    const { id } = await caller.calendar.draftFromGap({ topicId: climate, lang: 'pt', title: 'Clima', timeZone: 'America/Sao_Paulo', community: 'amazônia, fundo, adaptação' })
    expect(await caller.calendar.get({ id })).toMatchObject({ community: 'amazônia, fundo, adaptação', topicId: climate })
    expect((await caller.calendar.gaps()).hints).toEqual([])
  })

  it('reads only the latest network of the whole conversation, not one of a single topic', async () => {
    const climate = await aTopic(db, 'Climate finance')
    const amazon = await authors(6)
    await aNetwork([{ community: 0, lang: 'pt', terms: ['amazônia'], members: amazon }], { topicId: climate })
    await talk(amazon, climate, RECENT[1]!, 21)
    expect((await callerAs(db, editor, () => NOW).calendar.gaps()).hints).toEqual([])
    expect(await callerAs(db, editor, () => NOW).calendar.communities()).toBeNull()
  })
})
