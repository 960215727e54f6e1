import type { Channel, CommunitySpec, InfluencerSpec, Lang, SocialPlatform, TopicId } from './model'
import { LANGS } from './model'
import { DAY, HOUR, type SpikePlan } from './schedule'
import { COMMUNITIES, SPIKE_DRIVERS } from './world/communities'

// The ground truth of the demo, for tests and for a UI that wants to point at what the
// corpus contains: communities with their key accounts, and the spike.

export interface DemoOptions {
  /** Same seed and options, byte-identical output. Default 1. */
  seed?: number
  /** Number of items over all payloads (posts, replies, boosts, quotes, comments, news). Default 50,000. */
  posts?: number
  /** End of the window, exclusive. Default: today 00:00 UTC. */
  end?: Date
  /** Length of the window in weeks. Default 8. */
  weeks?: number
}

export interface ResolvedOptions {
  seed: number
  posts: number
  weeks: number
  start: number
  end: number
}

export interface AccountFact {
  platform: SocialPlatform
  /** Mastodon: `user@host`; Bluesky: the handle. */
  handle: string
  name: string
}

export interface CommunityFact {
  id: string
  name: string
  /** Languages by share, largest first. */
  languages: Lang[]
  /** Topics by share, largest first. */
  topics: TopicId[]
  influencers: AccountFact[]
  bridges: (AccountFact & { bridgeTo: string })[]
}

export interface DemoFacts {
  start: string
  end: string
  posts: number
  /** Target share of items per format. */
  shares: Record<Channel, number>
  languages: Lang[]
  communities: CommunityFact[]
  spike: {
    community: string
    language: Lang
    topic: TopicId
    /** Lower-case, without '#', as stored. */
    hashtag: string
    start: string
    end: string
    /**
     * Extra volume per hour at the plateau, as a multiple of the community's usual hourly
     * volume in the spike's language. A full day of the spike comes out at about seven times
     * a usual day in that language (declared languages, all platforms).
     */
    factor: number
    drivers: AccountFact[]
  }
}

const SPIKE_COMMUNITY = 'east-africa-health'
const SPIKE_HOURS = 48
const SPIKE_FACTOR = 14
/** About two thirds into the window (week 6 of 8), at 08:00 in Nairobi. */
const SPIKE_AT = { share: 0.65, hourUtc: 5 }

export function resolveOptions(options: DemoOptions = {}, now: () => Date = () => new Date()): ResolvedOptions {
  const seed = options.seed ?? 1
  const posts = options.posts ?? 50_000
  const weeks = options.weeks ?? 8
  if (!Number.isInteger(seed)) throw new RangeError(`demo seed must be an integer, got ${seed}`)
  if (!Number.isInteger(posts) || posts < 1) throw new RangeError(`demo posts must be a positive integer, got ${posts}`)
  if (!Number.isInteger(weeks) || weeks < 1) throw new RangeError(`demo weeks must be a positive integer, got ${weeks}`)
  const end = options.end ? options.end.getTime() : Math.floor(now().getTime() / DAY) * DAY
  if (!Number.isFinite(end)) throw new RangeError('demo end must be a valid date')
  return { seed, posts, weeks, start: end - weeks * 7 * DAY, end }
}

export function spikePlan(resolved: ResolvedOptions): SpikePlan {
  const days = resolved.weeks * 7
  const community = COMMUNITIES.findIndex((c) => c.id === SPIKE_COMMUNITY)
  const start = resolved.start + Math.floor(days * SPIKE_AT.share) * DAY + SPIKE_AT.hourUtc * HOUR
  return { community, start, hours: SPIKE_HOURS, factor: SPIKE_FACTOR, langShare: COMMUNITIES[community]!.langs.sw ?? 0.6 }
}

function account(spec: Pick<InfluencerSpec, 'platform' | 'username' | 'displayName'>, community: CommunitySpec): AccountFact {
  const handle = spec.platform === 'bluesky' ? `${spec.username}.bsky.social` : spec.platform === 'mastodon' ? `${spec.username}@${community.instance}` : spec.username
  return { platform: spec.platform, handle, name: spec.displayName }
}

function byShare<K extends string>(weights: Partial<Record<K, number>>): K[] {
  return (Object.keys(weights) as K[]).sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0))
}

export function demoFacts(options: DemoOptions = {}, now?: () => Date): DemoFacts {
  const resolved = resolveOptions(options, now)
  const spike = spikePlan(resolved)
  const eastAfrica = COMMUNITIES[spike.community]!
  const communities = COMMUNITIES.map((c): CommunityFact => ({
    id: c.id,
    name: c.name,
    languages: byShare(c.langs),
    topics: byShare(c.topics),
    influencers: c.influencers.map((spec) => account(spec, c)),
    bridges: c.bridges.map((spec) => ({ ...account(spec, c), bridgeTo: spec.bridgeTo })),
  }))
  const drivers = [...eastAfrica.influencers.filter((i) => i.platform !== 'reddit').slice(0, 2), ...SPIKE_DRIVERS].map((spec) => account(spec, eastAfrica))
  return {
    start: new Date(resolved.start).toISOString(),
    end: new Date(resolved.end).toISOString(),
    posts: resolved.posts,
    shares: { mastodon: 0.45, bluesky: 0.3, feed: 0.15, reddit: 0.1 },
    languages: [...LANGS],
    communities,
    spike: {
      community: eastAfrica.id,
      language: 'sw',
      topic: 'health',
      hashtag: 'kipindupindu',
      start: new Date(spike.start).toISOString(),
      end: new Date(spike.start + spike.hours * HOUR).toISOString(),
      factor: SPIKE_FACTOR,
      drivers,
    },
  }
}

/** The facts that do not depend on dates or options. */
export const DEMO_FACTS = {
  communities: demoFacts({ end: new Date(0) }).communities,
  spike: { community: SPIKE_COMMUNITY, language: 'sw', topic: 'health', hashtag: 'kipindupindu', hours: SPIKE_HOURS } as const,
  languages: LANGS,
}
