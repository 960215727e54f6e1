import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../../server/db'
import { migrateToLatest } from '../../../server/db/migrations'
import type { SqliteHandle } from '../../../server/db/sqlite'
import { SnapshotRunner } from '../../../server/snapshots/runner'
import { computeSnapshot } from '../../../server/snapshots/compute'
import { STALE_AFTER_MS } from '../../../server/db/liveness'
import { Tagger } from '../../../ingest/nlp/tagger'
import type { NormalisedAuthor, NormalisedPost } from '../../../ingest/types'
import { aPost, anAuthor } from '../ingest/builders'
import { anAccount, callerAs, heldElsewhere, storePosts } from '../support'

// Network snapshots end to end on the server: asked for by an analyst, computed in the
// background, read by everyone; the watchlist kept by analysts.

let db: Db
let sqlite: SqliteHandle
let tagger: Tagger
const now = new Date('2026-11-22T10:00:00Z')
const scope = { topicId: null, lang: null, from: '2026-11-01', to: '2026-11-22' }

beforeAll(async () => {
  tagger = await Tagger.create({ topics: [] })
}, 60_000)

beforeEach(async () => {
  ({ db, sqlite } = createDb(':memory:'))
  await migrateToLatest(db)
})

const store = (posts: NormalisedPost[]) => storePosts({ db, sqlite }, tagger, posts, now)

/**
 * Two groups that talk among themselves about their own things, each around one hub, and one
 * author who talks to both hubs: the bridge.
 */
function twoCommunities(): NormalisedPost[] {
  const posts: NormalisedPost[] = []
  let n = 0
  const say = (author: NormalisedAuthor, to: NormalisedAuthor, text: string, hashtag: string) => {
    n++
    posts.push(aPost(`p${n}`, {
      author, text: `${text} @${to.handle.split('@')[1]} #${hashtag}`, hashtags: [hashtag],
      createdAt: `2026-11-${String(1 + (n % 20)).padStart(2, '0')}T10:00:00.000Z`, relations: [{ kind: 'mention', targetAuthor: to }],
    }))
  }
  const water = ['w1', 'w2', 'w3', 'w4', 'w5'].map((h) => anAuthor(h))
  const finance = ['f1', 'f2', 'f3', 'f4', 'f5'].map((h) => anAuthor(h, { followers: 5000 }))
  for (const group of [{ members: water, text: 'clean water wells in the camp', tag: 'water' }, { members: finance, text: 'climate finance pledges and loans', tag: 'finance' }]) {
    const [hub, ...rest] = group.members
    for (const member of rest) {
      say(member, hub!, group.text, group.tag)
      say(member, hub!, group.text, group.tag)
      say(hub!, member, group.text, group.tag)
    }
    say(rest[0]!, rest[1]!, group.text, group.tag)
    say(rest[2]!, rest[3]!, group.text, group.tag)
  }
  const bridge = anAuthor('bridge')
  say(bridge, water[0]!, 'clean water wells in the camp', 'water')
  say(bridge, finance[0]!, 'climate finance pledges and loans', 'finance')
  say(water[1]!, bridge, 'clean water wells in the camp', 'water')
  say(finance[1]!, bridge, 'climate finance pledges and loans', 'finance')
  return posts
}

async function authorId(handle: string) {
  return (await db.selectFrom('authors').select('id').where('handle', '=', `@${handle}@example.social`).executeTakeFirstOrThrow()).id
}

describe('network snapshots', () => {
  it('are computed in the background for an analyst and read by a viewer: scores, communities, map, profile', async () => {
    await store(twoCommunities())
    const analyst = await anAccount(db, 'analyst')
    const viewer = await anAccount(db, 'viewer')
    await expect(callerAs(db, viewer).influencers.request(scope)).rejects.toMatchObject({ code: 'FORBIDDEN' })

    const { id, queued } = await callerAs(db, analyst, () => now).influencers.request(scope)
    expect(queued).toBe(true)
    // Asking again while it waits gives the same snapshot.
    expect(await callerAs(db, analyst, () => now).influencers.request(scope)).toEqual({ id, queued: false })
    const reading = callerAs(db, viewer)
    await expect(reading.influencers.map({ snapshotId: id })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' })

    const runner = new SnapshotRunner(db, { now: () => now })
    runner.wake()
    await runner.idle()

    const snapshot = await reading.influencers.snapshot({ id })
    expect(snapshot).toMatchObject({ status: 'done', nodeCount: 11, edgeCount: 24, communityCount: 2 })
    expect(snapshot.modularity).toBeGreaterThan(0.3)
    expect(snapshot.method?.betweenness.method).toBe('exact')

    const list = await reading.influencers.list({ snapshotId: id })
    expect(list.total).toBe(11)
    const hubs = [await authorId('w1'), await authorId('f1')]
    expect(list.rows.slice(0, 2).map((row) => row.id).sort()).toEqual(hubs.sort())
    const byBetweenness = await reading.influencers.list({ snapshotId: id, sort: 'betweenness' })
    // The bridge and the two hubs carry every path between the groups.
    expect(byBetweenness.rows.slice(0, 3).map((row) => row.id)).toContain(await authorId('bridge'))

    const communities = await reading.influencers.communities({ snapshotId: id })
    const tags = communities.map((c) => c.hashtags[0]?.term).sort()
    expect(tags).toEqual(['#finance', '#water'])

    const map = await reading.influencers.map({ snapshotId: id })
    expect(map.nodes).toHaveLength(11)
    expect(map.edges).toHaveLength(24)
    expect(new Set(map.nodes.map((node) => `${node.x},${node.y}`)).size).toBe(11)

    const profile = await reading.influencers.profile({ authorId: hubs[0]!, snapshotId: id })
    expect(profile.author.handle).toBe('@w1@example.social')
    expect(profile.network?.rank).toBeLessThanOrEqual(2)
    const parts = profile.network!.explanation.parts
    expect(parts.reduce((sum, part) => sum + part.contribution, 0)).toBeCloseTo(profile.network!.score, 6)
    expect(profile.network!.incoming.map((edge) => edge.handle)).toContain('@w2@example.social')
    expect(profile.network!.community?.hashtags[0]?.term).toBe('#water')
  })

  it('finish empty when the scope has no interactions', async () => {
    const analyst = await anAccount(db, 'analyst')
    const { id } = await callerAs(db, analyst, () => now).influencers.request(scope)
    const runner = new SnapshotRunner(db, { now: () => now })
    runner.wake()
    await runner.idle()
    const snapshot = await callerAs(db, analyst).influencers.snapshot({ id })
    expect(snapshot.status).toBe('done')
    expect(snapshot.nodeCount).toBe(0)
  })

  it('are computed once when two runners (two processes) work the queue at the same time', async () => {
    await store(twoCommunities())
    const analyst = await anAccount(db, 'analyst')
    const { id } = await callerAs(db, analyst, () => now).influencers.request(scope)
    const runners = [new SnapshotRunner(db, { now: () => now }), new SnapshotRunner(db, { now: () => now })]
    for (const runner of runners) runner.wake()
    await Promise.all(runners.map((runner) => runner.idle()))
    expect(await callerAs(db, analyst).influencers.snapshot({ id })).toMatchObject({ status: 'done', error: null, nodeCount: 11, edgeCount: 24 })
  })

  it('are left to a live runner elsewhere, and computed again once its heartbeat is old', async () => {
    await store(twoCommunities())
    const analyst = await anAccount(db, 'analyst')
    const { id } = await callerAs(db, analyst, () => now).influencers.request(scope)
    await db.updateTable('graphSnapshots')
      .set(heldElsewhere(new Date(now.getTime() - 60_000)))
      .where('id', '=', id).execute()
    let clock = now
    const runner = new SnapshotRunner(db, { now: () => clock })
    await runner.start()
    await runner.idle()
    expect((await callerAs(db, analyst).influencers.snapshot({ id })).status).toBe('running')
    clock = new Date(now.getTime() + STALE_AFTER_MS)
    await runner.start()
    await runner.idle()
    expect(await callerAs(db, analyst).influencers.snapshot({ id })).toMatchObject({ status: 'done', nodeCount: 11 })
  })

  it('are not stored by a runner that lost them to another', async () => {
    await store(twoCommunities())
    const analyst = await anAccount(db, 'analyst')
    const { id } = await callerAs(db, analyst, () => now).influencers.request(scope)
    await db.updateTable('graphSnapshots').set({ status: 'running', claim: 'the runner that took it over' }).where('id', '=', id).execute()
    await computeSnapshot(db, id, { progress: async () => {}, now: () => now, claim: 'the runner that lost it' })
    expect((await callerAs(db, analyst).influencers.snapshot({ id })).status).toBe('running')
    expect(await db.selectFrom('graphNodes').select('authorId').where('snapshotId', '=', id).execute()).toEqual([])
  })
})

describe('the watchlist', () => {
  it('is kept by analysts, read by everyone, and every change is audited', async () => {
    await store(twoCommunities())
    const analyst = await anAccount(db, 'analyst')
    const editor = await anAccount(db, 'editor')
    const w1 = await authorId('w1')
    await callerAs(db, analyst, () => now).influencers.watch({ authorId: w1, note: 'Runs the camp wells', tags: ['water', 'water', 'partner'] })
    await expect(callerAs(db, editor).influencers.watch({ authorId: w1, note: 'mine' })).rejects.toMatchObject({ code: 'FORBIDDEN' })
    const list = await callerAs(db, editor).influencers.watchlist()
    expect(list).toEqual([expect.objectContaining({ authorId: w1, note: 'Runs the camp wells', tags: ['water', 'partner'] })])
    await callerAs(db, analyst, () => now).influencers.unwatch({ authorId: w1 })
    await expect(callerAs(db, analyst).influencers.unwatch({ authorId: w1 })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    const audit = await db.selectFrom('auditLog').select('action').where('targetType', '=', 'author').orderBy('id').execute()
    expect(audit.map((row) => row.action)).toEqual(['watchlist.add', 'watchlist.remove'])
  })
})
