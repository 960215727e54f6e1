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
