import { sql } from 'kysely'
import type { Db } from '../db'
import { plannedVersions } from '../db/repositories/content-items'
import { latestCommunities } from '../db/repositories/influencers'

// Gap hints (PRODUCT.md §5): a topic rising in a language, or in one community of the latest
// network, that the plan says nothing about in that language. A community's rise can hide in
// its language's total, so it is tested on its own members' posts. The rule is pure and stated
// once here; the README quotes it.

const DAY = 86_400_000

export const GAP_RULE = {
  /** Two windows of complete UTC days are compared: the last seven, and the seven before. */
  windowDays: 7,
  /** The recent week holds at least a quarter more posts than the one before... */
  minGrowth: 1.25,
  /**
   * ...and the rise is beyond what chance moves a count by: recent − previous ≥ 2·√(recent +
   * previous), the normal approximation of comparing two Poisson counts at about 95 %.
   */
  noiseZ: 2,
  /** Fewer posts than this in the recent week is not a conversation to plan for. */
  minPosts: 10,
  /** A topic is covered in a language by an item on that topic with a version in it, planned this far ahead. */
  horizonDays: 14,
  /** Communities smaller than this are not a public to plan for. */
  minCommunitySize: 5,
} as const

export interface TopicLangVolume {
  topicId: number
  lang: string
  recent: number
  previous: number
}

export interface LangSpike {
  topicId: number
  lang: string
  granularity: 'hour' | 'day'
  start: string
  end: string
  peakCount: number
  baseline: number
}

/** A topic's posts by the members of one community of a network snapshot, in the two windows. */
export interface CommunityVolume {
  snapshotId: number
  community: number
  /** Its distinctive terms, which name it on the map. */
  terms: string[]
  /** The language most of its members post in: the language to plan in for it. */
  lang: string
  topicId: number
  recent: number
  previous: number
}

export interface GapTopic {
  id: number
  name: string
  color: string
}

export interface GapHint {
  topicId: number
  topicName: string
  topicColor: string
  lang: string
  recent: number
  previous: number
  /** The rise passed the week-on-week test. */
  growing: boolean
  /** The latest spike of the topic in the language within the recent week, if any. */
  spike: LangSpike | null
  /** Communities speaking the language in which the topic passed the week-on-week test, largest rise first. */
  communities: Array<Omit<CommunityVolume, 'topicId' | 'lang'>>
}

/** The week-on-week half of the rule. */
export function isGrowing(volume: { recent: number, previous: number }): boolean {
  const { recent, previous } = volume
  return recent >= GAP_RULE.minPosts
    && recent >= GAP_RULE.minGrowth * previous
    && recent - previous >= GAP_RULE.noiseZ * Math.sqrt(recent + previous)
}

/** The windows the rule reads, from the moment it is asked. */
export function gapWindows(now: Date) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const day = (offset: number) => new Date(today + offset * DAY).toISOString().slice(0, 10)
  const days = GAP_RULE.windowDays
  return {
    recent: { from: day(-days), to: day(-1) },
    previous: { from: day(-2 * days), to: day(-days - 1) },
    /** Spikes that ended after this instant count as recent. */
    spikesSince: new Date(today - days * DAY).toISOString(),
    plan: { from: now.toISOString(), to: new Date(now.getTime() + GAP_RULE.horizonDays * DAY).toISOString() },
  }
}

/**
 * Rising topic × language pairs with nothing planned on that topic in that language within the
 * horizon; the strongest rise first. Content in the language on another topic does not close
 * the gap: it does not answer the conversation that is growing.
 */
export function gapHints(input: {
  volumes: readonly TopicLangVolume[]
  spikes: readonly LangSpike[]
  planned: readonly { topicId: number | null, lang: string }[]
  topics: readonly GapTopic[]
  communities?: readonly CommunityVolume[]
}): GapHint[] {
  const key = (topicId: number, lang: string) => `${topicId}\u0000${lang}`
  const covered = new Set(input.planned.filter((p) => p.topicId !== null).map((p) => key(p.topicId!, p.lang)))
  const topics = new Map(input.topics.map((topic) => [topic.id, topic]))
  const volumes = new Map(input.volumes.map((v) => [key(v.topicId, v.lang), v]))
  const spikes = new Map<string, LangSpike>()
  for (const spike of input.spikes) {
    const k = key(spike.topicId, spike.lang)
    const seen = spikes.get(k)
    if (!seen || seen.end < spike.end) spikes.set(k, spike)
  }

  const rising = new Map<string, CommunityVolume[]>()
  for (const community of input.communities ?? []) {
    if (!isGrowing(community)) continue
    const k = key(community.topicId, community.lang)
    rising.set(k, [...(rising.get(k) ?? []), community])
  }

  const hints: GapHint[] = []
  for (const k of new Set([...volumes.keys(), ...spikes.keys(), ...rising.keys()])) {
    const volume = volumes.get(k)
    const spike = spikes.get(k) ?? null
    const communities = (rising.get(k) ?? [])
      .sort((a, b) => (b.recent - b.previous) - (a.recent - a.previous) || a.community - b.community)
      .map(({ topicId: _topic, lang: _lang, ...community }) => community)
    const [topicId, lang] = k.split('\u0000') as [string, string]
    const topic = topics.get(Number(topicId))
    const growing = !!volume && isGrowing(volume)
    if (!topic || lang === 'und' || covered.has(k) || (!growing && !spike && !communities.length)) continue
    hints.push({
      topicId: topic.id, topicName: topic.name, topicColor: topic.color, lang,
      recent: volume?.recent ?? 0, previous: volume?.previous ?? 0, growing, spike, communities,
    })
  }
  return hints.sort((a, b) => (b.recent - b.previous) - (a.recent - a.previous) || a.topicName.localeCompare(b.topicName) || a.lang.localeCompare(b.lang))
}

/** Reads what the rule needs (rollups, spikes, the plan) and applies it. */
export async function readGapHints(db: Db, now: Date): Promise<GapHint[]> {
  const windows = gapWindows(now)
  const [volumes, spikes, planned, topics, communities] = await Promise.all([
    db.selectFrom('dailyStats')
      .select(['topicId', 'lang',
        (eb) => eb.fn.sum<number>(eb.case().when('day', '>=', windows.recent.from).then(eb.ref('posts')).else(0).end()).as('recent'),
        (eb) => eb.fn.sum<number>(eb.case().when('day', '<', windows.recent.from).then(eb.ref('posts')).else(0).end()).as('previous')])
      .where('topicId', '>', 0).where('day', '>=', windows.previous.from).where('day', '<=', windows.recent.to)
      .groupBy(['topicId', 'lang'])
      .execute(),
    db.selectFrom('spikes').select(['topicId', 'lang', 'granularity', 'start', 'end', 'peakCount', 'baseline'])
      // '*' is the topic across languages: it names no language to plan in.
      .where('lang', '!=', '*').where('end', '>', windows.spikesSince).where('start', '<=', windows.plan.from)
      .execute(),
    plannedVersions(db, windows.plan.from, windows.plan.to),
    db.selectFrom('topics').select(['id', 'name', 'color']).where('enabled', '=', 1).execute(),
    communityVolumes(db, windows),
  ])
  return gapHints({
    communities,
    volumes: volumes.map((row) => ({ topicId: row.topicId, lang: row.lang, recent: Number(row.recent), previous: Number(row.previous) })),
    spikes,
    planned,
    topics,
  })
}

/**
 * Each topic's posts by the members of each community of the latest network of the whole
 * conversation (every topic and language), in the rule's two windows.
 */
export async function communityVolumes(db: Db, windows: ReturnType<typeof gapWindows>): Promise<CommunityVolume[]> {
  const latest = await latestCommunities(db, GAP_RULE.minCommunitySize)
  if (!latest) return []
  const communities = new Map(latest.communities.flatMap((c) => (c.lang ? [[c.community, { lang: c.lang, terms: c.terms }] as const] : [])))
  if (!communities.size) return []
  const recentStart = `${windows.recent.from}T00:00:00`
  const rows = await db.selectFrom('posts')
    .innerJoin('graphNodes', (join) => join.onRef('graphNodes.authorId', '=', 'posts.authorId').on('graphNodes.snapshotId', '=', latest.snapshotId))
    .innerJoin('postTopics', 'postTopics.postId', 'posts.id')
    .innerJoin('topics', 'topics.id', 'postTopics.topicId')
    .select(['graphNodes.community', 'postTopics.topicId',
      sql<number>`sum(case when posts.created_at >= ${recentStart} then 1 else 0 end)`.as('recent'),
      sql<number>`sum(case when posts.created_at < ${recentStart} then 1 else 0 end)`.as('previous')])
    .where('posts.createdAt', '>=', `${windows.previous.from}T00:00:00`).where('posts.createdAt', '<', `${windows.recent.to}T24`)
    .where('graphNodes.community', 'in', [...communities.keys()])
    .where('topics.enabled', '=', 1)
    .groupBy(['graphNodes.community', 'postTopics.topicId'])
    .execute()
  return rows.map((row) => ({
    snapshotId: latest.snapshotId, community: row.community, ...communities.get(row.community)!,
    topicId: row.topicId, recent: Number(row.recent), previous: Number(row.previous),
  }))
}
