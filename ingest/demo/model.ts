// The platform-neutral shape of the demo world: communities, authors, outlets and the posts
// they write. Each format module renders these into one platform's real wire format.

export const LANGS = ['en', 'fr', 'es', 'pt', 'ar', 'sw', 'hi', 'de', 'ja'] as const
export type Lang = (typeof LANGS)[number]

export const TOPICS = ['refugees', 'climate', 'aid', 'health', 'food'] as const
export type TopicId = (typeof TOPICS)[number]

export type Channel = 'mastodon' | 'bluesky' | 'feed' | 'reddit'
export type SocialPlatform = Exclude<Channel, 'feed'>

export type Weights<K extends string> = Partial<Record<K, number>>

export interface InfluencerSpec {
  platform: SocialPlatform
  /** Mastodon username, Bluesky handle without `.bsky.social`, or Reddit name. */
  username: string
  displayName: string
  lang: Lang
  /** A second language the account also writes in. */
  also?: Lang
  bio: string
}

export interface BridgeSpec extends InfluencerSpec {
  /** The second community this account is active in. */
  bridgeTo: string
}

export interface CommunitySpec {
  id: string
  name: string
  /** Share of all social posts. */
  volume: number
  /** Hours from UTC of the community's daily rhythm. */
  utcOffset: number
  langs: Weights<Lang>
  topics: Weights<TopicId>
  /** Share of this community's posts per channel. */
  channels: Record<Channel, number>
  /** Mastodon instance whose timeline the listening team reads for this community. */
  instance: string
  subreddits: string[]
  /** Place names, per language when the spelling or script differs; `default` otherwise. */
  places: Partial<Record<Lang | 'default', string[]>>
  /** Hashtags the community uses whatever the topic. */
  tags: string[]
  influencers: InfluencerSpec[]
  bridges: BridgeSpec[]
  /** Organisations that are active but not central; a non-Latin name gives its handle after '|'. */
  orgs: string[]
}

export type AuthorRole = 'influencer' | 'bridge' | 'org' | 'person' | 'driver' | 'journalist'

/** How an account's posts declare their language: platforms often get this wrong. */
export type Declares = 'right' | 'default-en' | 'none'

export interface Author {
  index: number
  channel: Channel
  community: number
  bridgeTo: number | null
  role: AuthorRole
  /** Mastodon username, Reddit name, Bluesky handle, or a journalist's byline. */
  username: string
  displayName: string
  /** Mastodon home host; 'bsky.social' on Bluesky; '' elsewhere. */
  home: string
  /** Bluesky DID; '' elsewhere. */
  did: string
  primary: Lang
  secondary: Lang | null
  secondaryShare: number
  declares: Declares
  followers: number
  following: number
  /** Statuses written before the demo window. */
  baseStatuses: number
  createdAt: number
  activity: number
  /** How likely others are to mention, reply to, boost or quote this account. */
  attract: number
  bio: string
  /** Posts written so far in the run: account counters grow as the corpus is read. */
  posted: number
  lastPostAt: number
}

export interface Outlet {
  id: string
  name: string
  domain: string
  lang: Lang
  community: number
  utcOffset: number
  urlStyle: 'dated' | 'numbered' | 'html'
  description: string
  /** Whether descriptions are sent as HTML in CDATA (some outlets) or as escaped text. */
  cdata: boolean
  journalists: Author[]
}

export interface Article {
  url: string
  title: string
  description: string
  outlet: Outlet
  lang: Lang
  topic: TopicId
  publishedAt: number
}

export type Segment =
  | { kind: 'text', text: string }
  | { kind: 'mention', author: Author }
  | { kind: 'tag', tag: string }
  | { kind: 'link', url: string, display?: string }
  | { kind: 'break' }

export interface Counts {
  likes: number
  reposts: number
  replies: number
  quotes: number
}

/** What a reply needs to know about its parent and root, without holding them in memory. */
export interface PostRef {
  seq: number
  createdAt: number
  author: Author
  /** Mastodon status URI, Bluesky at-uri, or Reddit fullname. */
  uri: string
  cid: string
  /** Reddit: the submission's title, subreddit and link, which every comment repeats. */
  title: string | null
  stream: string
  linkUrl: string | null
}

export type PostKind = 'post' | 'reply' | 'boost' | 'quote' | 'article'

export interface DemoPost {
  seq: number
  channel: Channel
  kind: PostKind
  createdAt: number
  author: Author
  community: number
  lang: Lang
  topic: TopicId
  spike: boolean
  segments: Segment[]
  /** Mastodon status URI, Bluesky at-uri, Reddit fullname (t3_/t1_) or article URL. */
  uri: string
  /** Bluesky record CID; Mastodon: the status id on its home instance; Reddit: the base-36 id. */
  cid: string
  parent: PostRef | null
  root: PostRef | null
  /** The post boosted or quoted; kept at most two levels deep (see `shallow`). */
  target: DemoPost | null
  link: Article | null
  /** Reddit: the subreddit; Bluesky: the search it was found by; Mastodon: the instance. */
  stream: string
  title: string | null
  counts: Counts
  /** Set on articles. */
  article: Article | null
}

/** A copy whose boosted or quoted post goes no deeper: keeps recent posts from pinning whole chains. */
export function shallow(post: DemoPost): DemoPost {
  if (!post.target) return post
  return { ...post, target: post.target.target ? { ...post.target, target: null } : post.target }
}

export function refOf(post: DemoPost): PostRef {
  const link = post.segments.find((s) => s.kind === 'link')
  return {
    seq: post.seq, createdAt: post.createdAt, author: post.author, uri: post.uri, cid: post.cid,
    title: post.title, stream: post.stream, linkUrl: link?.kind === 'link' ? link.url : null,
  }
}
