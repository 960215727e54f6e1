import type { Db } from '../db'
import { plannedVersions } from '../db/repositories/content-items'

// Gap hints (PRODUCT.md §5): a topic rising in a language that the plan says nothing about in
// that language. The rule is pure and stated once here; the README quotes it.

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

  const hints: GapHint[] = []
  for (const k of new Set([...volumes.keys(), ...spikes.keys()])) {
    const volume = volumes.get(k)
    const spike = spikes.get(k) ?? null
    const topicId = volume?.topicId ?? spike!.topicId
    const lang = volume?.lang ?? spike!.lang
    const topic = topics.get(topicId)
    const growing = !!volume && isGrowing(volume)
    if (!topic || lang === 'und' || covered.has(k) || (!growing && !spike)) continue
    hints.push({
      topicId, topicName: topic.name, topicColor: topic.color, lang,
      recent: volume?.recent ?? 0, previous: volume?.previous ?? 0, growing, spike,
    })
  }
  return hints.sort((a, b) => (b.recent - b.previous) - (a.recent - a.previous) || a.topicName.localeCompare(b.topicName) || a.lang.localeCompare(b.lang))
}

/** Reads what the rule needs (rollups, spikes, the plan) and applies it. */
export async function readGapHints(db: Db, now: Date): Promise<GapHint[]> {
  const windows = gapWindows(now)
  const [volumes, spikes, planned, topics] = await Promise.all([
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
  ])
  return gapHints({
    volumes: volumes.map((row) => ({ topicId: row.topicId, lang: row.lang, recent: Number(row.recent), previous: Number(row.previous) })),
    spikes,
    planned,
    topics,
  })
}
