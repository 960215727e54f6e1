import { ArticlePool } from './articles'
import { base36 } from './formats/ids'
import type { Author, Channel, DemoPost, Lang, SocialPlatform, TopicId } from './model'
import { articlePost, boostPost, redditPost, type Scene, socialPost } from './posts'
import { Random } from './random'
import { HOUR, type HourSlot, type SpikePlan } from './schedule'
import { pickWeighted, SOCIAL, type World } from './world/build'

// Walks the hourly plan and decides, post by post, who writes what: the channel, the author,
// whether it is a reply, a boost or a quote and of which recent post, its language and topic.
// Only recent posts are kept (to reply to, boost or quote), so memory does not grow with
// the size of the corpus.

const RECENT = 300
/** Candidates weighed per reply, boost or quote. */
const SAMPLE = 24
/** Older posts are not replied to, boosted or quoted any more. */
const MAX_AGE = 3 * 24 * HOUR
/** Interest in a post fades with a time constant of 18 hours; tabulated per hour, as it is read for every reply. */
const DECAY = Float64Array.from({ length: MAX_AGE / HOUR + 1 }, (_, h) => Math.exp(-h / 18))
const SPIKE_CHANNELS: Record<Channel, number> = { mastodon: 0.42, bluesky: 0.3, feed: 0.12, reddit: 0.16 }

interface Event {
  time: number
  community: number
  spike: boolean
}

export class CorpusGenerator {
  private seq = 0
  private readonly random: Random
  private readonly recent = new Map<string, DemoPost[]>()
  private readonly weights = new Float64Array(SAMPLE)
  private readonly candidates = new Int32Array(SAMPLE)
  private readonly articles = new ArticlePool()
  private redditSubmission: number
  private redditComment: number

  constructor(private readonly world: World, private readonly seed: number, private readonly spike: SpikePlan) {
    this.random = Random.derive(seed, 'posts')
    // Reddit ids count up across the whole site; ours are a thin slice of them.
    this.redditSubmission = 2_000_000_000 + this.random.int(0, 50_000_000)
    this.redditComment = 60_000_000_000 + this.random.int(0, 900_000_000)
  }

  *run(plan: Iterable<HourSlot>): Generator<DemoPost> {
    for (const slot of plan) {
      const events: Event[] = []
      slot.counts.forEach((count, community) => {
        for (let i = 0; i < count; i++) events.push({ time: slot.start + Math.floor(this.random.next() * HOUR), community, spike: false })
      })
      for (let i = 0; i < slot.spike; i++) events.push({ time: slot.start + Math.floor(this.random.next() * HOUR), community: this.spike.community, spike: true })
      events.sort((a, b) => a.time - b.time)
      for (const event of events) yield this.post(event)
    }
  }

  private post(event: Event): DemoPost {
    const community = this.world.communities[event.community]!
    const channel = pickWeighted(this.random, event.spike ? SPIKE_CHANNELS : community.channels)
    const post = channel === 'feed' ? this.article(event) : channel === 'reddit' ? this.reddit(event) : this.social(event, channel)
    post.author.posted++
    post.author.lastPostAt = post.createdAt
    if (post.kind !== 'boost' && post.kind !== 'article') this.remember(post)
    return post
  }

  private scene(event: Event, author: Author): Scene {
    return { world: this.world, random: this.random, seed: this.seed, seq: this.seq++, time: event.time, community: event.community, spike: event.spike, author }
  }

  private author(event: Event, platform: SocialPlatform): Author {
    if (event.spike && platform !== 'reddit' && this.random.chance(0.3)) {
      const drivers = this.world.drivers.filter((a) => a.channel === platform)
      if (drivers.length > 0) return this.random.pick(drivers)
    }
    return this.world.posters[event.community]![SOCIAL.indexOf(platform)]!.pick(this.random)
  }

  private social(event: Event, platform: 'mastodon' | 'bluesky'): DemoPost {
    const author = this.author(event, platform)
    const kind = this.kind(platform, event.spike)
    const target = kind === 'post' ? null : this.target(platform, author, event, kind === 'boost' || kind === 'quote')
    const scene = this.scene(event, author)
    if (kind === 'boost' && target) return boostPost(scene, target)
    const actual = target && kind !== 'boost' ? kind : 'post'
    const lang = actual === 'reply' && target ? this.replyLang(author, target.lang) : this.lang(author, event)
    const topic = target ? target.topic : this.topic(author, event)
    const spike = event.spike || (target?.spike ?? false)
    const mentions = actual === 'reply' ? (this.random.chance(0.08) ? this.mentions(author, event, platform, 1) : []) : this.mentions(author, event, platform)
    const link = actual === 'post' && this.random.chance(platform === 'bluesky' ? 0.26 : 0.22) ? this.articles.pick(this.random, lang, topic, spike) : null
    return socialPost(scene, platform, { kind: actual, target, lang, topic, mentions, link })
  }

  private kind(platform: SocialPlatform, spike: boolean): 'post' | 'reply' | 'boost' | 'quote' {
    const roll = this.random.next()
    if (platform === 'bluesky') return roll < 0.3 ? 'reply' : roll < (spike ? 0.42 : 0.4) ? 'quote' : 'post'
    if (roll < 0.26) return 'reply'
    if (roll < (spike ? 0.5 : 0.43)) return 'boost'
    return roll < (spike ? 0.52 : 0.455) ? 'quote' : 'post'
  }

  private reddit(event: Event): DemoPost {
    const author = this.author(event, 'reddit')
    const community = this.world.communities[event.community]!
    const target = this.random.chance(0.72) ? this.target('reddit', author, event, false) : null
    const lang = this.subredditLang(target ? target.community : event.community, target ? this.replyLang(author, target.lang) : this.lang(author, event))
    const topic = target ? target.topic : this.topic(author, event)
    const spike = event.spike || (target?.spike ?? false)
    const link = !target && this.random.chance(0.5) ? this.articles.pick(this.random, lang, topic, spike) : null
    const id = target ? base36((this.redditComment += this.random.int(20, 4000))) : base36((this.redditSubmission += this.random.int(5, 400)))
    const mention = target && this.random.chance(0.1) ? this.mentions(author, event, 'reddit', 1)[0] ?? null : null
    const subreddit = target ? target.stream : this.random.pick(community.subreddits)
    return redditPost(this.scene(event, author), { target, lang, topic, link, subreddit, id, mention })
  }

  private article(event: Event): DemoPost {
    const outlets = this.world.outlets.filter((o) => o.community === event.community && (!event.spike || o.lang === 'sw' || this.random.chance(0.2)))
    const outlet = this.random.pick(outlets.length > 0 ? outlets : this.world.outlets.filter((o) => o.community === event.community))
    const journalist = this.random.pick(outlet.journalists)
    const topic: TopicId = event.spike ? 'health' : pickWeighted(this.random, this.world.communities[event.community]!.topics)
    return articlePost(this.scene(event, journalist), outlet, this.articles, topic)
  }

  /** The language of a new post: the author's own, the second one now and then; the outbreak in Swahili. */
  private lang(author: Author, event: Event): Lang {
    if (event.spike) {
      const spoken: Lang[] = [author.primary, author.secondary ?? author.primary]
      const inSpike = spoken.filter((l) => l === 'sw' || l === 'en')
      if (inSpike.includes('sw') && this.random.chance(0.86)) return 'sw'
      return inSpike[0] ?? 'sw'
    }
    return author.secondary && this.random.chance(author.secondaryShare) ? author.secondary : author.primary
  }

  /** A subreddit speaks its community's main languages: the hub's are in English only. */
  private subredditLang(community: number, wanted: Lang): Lang {
    const langs = this.world.communities[community]!.langs
    if ((langs[wanted] ?? 0) >= 0.15) return wanted
    return (Object.keys(langs) as Lang[]).reduce((best, lang) => ((langs[lang] ?? 0) > (langs[best] ?? 0) ? lang : best))
  }

  /** Replies follow the thread's language when the author speaks it. */
  private replyLang(author: Author, threadLang: Lang): Lang {
    if (threadLang === author.primary || threadLang === author.secondary) return threadLang
    return this.random.chance(0.3) ? threadLang : author.primary
  }

  private topic(author: Author, event: Event): TopicId {
    if (event.spike) return 'health'
    const home = author.bridgeTo !== null && this.random.chance(0.4) ? author.bridgeTo : event.community
    return pickWeighted(this.random, this.world.communities[home]!.topics)
  }

  /** Accounts to mention: the well-known ones of the community, a bridge's other community too. */
  private mentions(author: Author, event: Event, platform: SocialPlatform, forced = 0): Author[] {
    const wanted = forced || (this.random.chance(event.spike ? 0.35 : 0.2) ? (this.random.chance(0.78) ? 1 : 2) : 0)
    const out: Author[] = []
    for (let i = 0; i < wanted * 3 && out.length < wanted; i++) {
      const community = author.bridgeTo !== null && this.random.chance(0.5) ? author.bridgeTo : this.random.chance(0.05) ? this.random.int(0, this.world.communities.length - 1) : event.community
      const table = this.world.notables[community]![SOCIAL.indexOf(platform)]!
      if (table.size === 0) continue
      const candidate = event.spike && platform !== 'reddit' && this.random.chance(0.5) ? this.random.pick(this.world.drivers.filter((d) => d.channel === platform).concat(author)) : table.pick(this.random)
      if (candidate !== author && !out.includes(candidate)) out.push(candidate)
    }
    return out
  }

  /** A recent post to reply to, boost or quote: recent, well-known and (during the spike) on the outbreak. */
  private target(platform: SocialPlatform, author: Author, event: Event, notSelf: boolean): DemoPost | null {
    let community = event.community
    if (author.bridgeTo !== null && this.random.chance(0.4)) community = author.community === event.community ? author.bridgeTo : author.community
    // Now and then a conversation crosses over (not on Reddit, where the subreddit decides).
    else if (platform !== 'reddit' && this.random.chance(0.04)) community = this.random.int(0, this.world.communities.length - 1)
    const list = this.recent.get(`${platform}:${community}`)
    if (!list || list.length === 0) return null
    // Posts are kept in time order: skip the ones too old to matter, then weigh a sample of
    // the rest (this runs for every reply, boost and quote; a full scan would dominate).
    let low = 0
    let high = list.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (event.time - list[middle]!.createdAt > MAX_AGE) low = middle + 1
      else high = middle
    }
    const available = list.length - low
    const samples = Math.min(available, SAMPLE)
    let total = 0
    for (let k = 0; k < samples; k++) {
      const index = available <= SAMPLE ? low + k : low + Math.floor(this.random.next() * available)
      const post = list[index]!
      this.candidates[k] = index
      this.weights[k] = this.weight(post, author, event, notSelf)
      total += this.weights[k]!
    }
    if (total <= 0) return null
    let pick = this.random.next() * total
    for (let k = 0; k < samples; k++) {
      pick -= this.weights[k]!
      if (pick < 0) return list[this.candidates[k]!]!
    }
    return list[this.candidates[samples - 1]!]!
  }

  private weight(post: DemoPost, author: Author, event: Event, notSelf: boolean): number {
    if (notSelf && post.author === author) return 0
    const self = post.author === author ? 0.15 : 1
    const outbreak = event.spike && post.spike ? (post.author.role === 'driver' || post.author.role === 'influencer' ? 12 : 3) : 1
    return post.author.attract * DECAY[Math.floor((event.time - post.createdAt) / HOUR)]! * self * outbreak
  }

  private remember(post: DemoPost): void {
    const key = `${post.channel}:${post.community}`
    const list = this.recent.get(key) ?? []
    list.push(post)
    if (list.length > RECENT) list.shift()
    this.recent.set(key, list)
  }
}
