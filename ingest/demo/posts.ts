import { articleUrl, type ArticlePool, sharedUrl } from './articles'
import { cid, localBits, snowflake, tid } from './formats/ids'
import type { Article, Author, Channel, Counts, DemoPost, Lang, Outlet, PostKind, Segment, SocialPlatform, TopicId } from './model'
import { refOf, shallow } from './model'
import { hashString, type Random } from './random'
import { hashtags, headline, newsSummary, packOf, postBody, question, quoteBody, replyBody, type TextContext } from './text/compose'
import type { World } from './world/build'
import { placesOf } from './world/build'

// Builds the platform-neutral posts: who said what, in reply to or sharing what, with which
// mentions, hashtags and links. Formats render them later.

/** Where the outbreak of the spike happens: mostly one town, some neighbouring counties. */
const OUTBREAK_PLACES = ['Kisumu', 'Kisumu', 'Kisumu', 'Homa Bay', 'Siaya', 'Migori']
/** Bluesky's limit is 300 graphemes; code points are counted here, which is stricter. */
const BLUESKY_LIMIT = 300

export interface Scene {
  world: World
  random: Random
  seed: number
  seq: number
  time: number
  community: number
  spike: boolean
  author: Author
}

export function textContext(scene: Scene, lang: Lang, topic: TopicId, spike: boolean): TextContext {
  const community = scene.world.communities[scene.community]!
  const nativeDigits = (lang === 'ar' && scene.random.chance(0.2)) || (lang === 'hi' && scene.random.chance(0.1))
  return { random: scene.random, lang, topic, spike, places: spike ? OUTBREAK_PLACES : placesOf(community, lang), nativeDigits }
}

function counts(scene: Scene, channel: Channel): Counts {
  const r = scene.random
  // Engagement grows with the square root of the audience; captured replies and boosts add to it later.
  const reach = Math.sqrt(Math.max(1, scene.author.followers)) * (scene.spike ? 2.5 : 1) * (channel === 'bluesky' ? 1.4 : 1)
  const likes = Math.floor(r.logNormal(reach * 0.25, 0.9))
  return { likes, reposts: Math.floor(likes * r.next() * 0.35), replies: r.chance(0.15) ? r.int(1, 3) : 0, quotes: 0 }
}

/** Identity of a new post on its platform: URI, CID or home id, and the stream it is read from. */
function identity(scene: Scene, channel: SocialPlatform, kind: PostKind): Pick<DemoPost, 'uri' | 'cid' | 'stream'> {
  const { author, time, seq, seed } = scene
  const community = scene.world.communities[scene.community]!
  if (channel === 'bluesky') {
    const rkey = tid(time, hashString(String(seq), seed))
    return { uri: `at://${author.did}/app.bsky.feed.post/${rkey}`, cid: cid(hashString(`post${seq}`, seed)), stream: `search-${community.id}` }
  }
  const homeId = snowflake(time, localBits(seq, author.home))
  const base = `https://${author.home}/users/${author.username}/statuses/${homeId}`
  return { uri: kind === 'boost' ? `${base}/activity` : base, cid: homeId, stream: community.instance }
}

function base(scene: Scene, channel: Channel, kind: PostKind, lang: Lang, topic: TopicId): DemoPost {
  return {
    seq: scene.seq, channel, kind, createdAt: scene.time, author: scene.author, community: scene.community, lang, topic,
    spike: scene.spike, segments: [], uri: '', cid: '', parent: null, root: null, target: null, link: null,
    stream: '', title: null, counts: counts(scene, channel), article: null,
  }
}

export interface SocialParts {
  kind: 'post' | 'reply' | 'quote'
  target: DemoPost | null
  lang: Lang
  topic: TopicId
  mentions: Author[]
  link: Article | null
}

export function socialPost(scene: Scene, channel: 'mastodon' | 'bluesky', parts: SocialParts): DemoPost {
  const spike = scene.spike || (parts.target?.spike ?? false)
  const post = base({ ...scene, spike }, channel, parts.kind, parts.lang, parts.topic)
  Object.assign(post, identity(scene, channel, parts.kind))
  const ctx = textContext(scene, parts.lang, parts.topic, spike)
  post.segments = socialSegments(scene, channel, ctx, parts)
  post.link = parts.link
  if (parts.kind === 'reply' && parts.target) {
    post.parent = refOf(parts.target)
    post.root = parts.target.root ?? refOf(parts.target)
    parts.target.counts.replies++
  }
  if (parts.kind === 'quote' && parts.target) {
    post.target = shallow(parts.target)
    parts.target.counts.quotes++
  }
  return post
}

function socialSegments(scene: Scene, channel: 'mastodon' | 'bluesky', ctx: TextContext, parts: SocialParts): Segment[] {
  const r = scene.random
  const pack = packOf(ctx.lang)
  const limit = channel === 'bluesky' ? BLUESKY_LIMIT : 500
  const tags = parts.kind === 'reply' && !ctx.spike ? (r.chance(0.15) ? hashtags(ctx, [], 1) : []) : hashtags(ctx, scene.world.communities[scene.community]!.tags, channel === 'bluesky' ? 2 : 3)
  const reserve = 12 + tags.join('  ').length + parts.mentions.length * 28 + (parts.link ? 34 : 0) + (parts.kind === 'reply' && channel === 'mastodon' ? 28 : 0)
  const budget = Math.max(60, (channel === 'bluesky' ? 280 : 440) - reserve)
  const body = parts.kind === 'reply' ? replyBody(ctx, budget) : parts.kind === 'quote' ? quoteBody(ctx, budget) : postBody(ctx, budget)
  const segments: Segment[] = []
  // Mastodon clients start a reply with the handle of the account replied to.
  if (channel === 'mastodon' && parts.kind === 'reply' && parts.target && parts.target.author !== scene.author) {
    segments.push({ kind: 'mention', author: parts.target.author }, { kind: 'text', text: ' ' })
  }
  segments.push({ kind: 'text', text: body })
  addMentions(segments, parts.mentions, r.pick(pack.mentionLines))
  if (parts.link) addLink(segments, scene, channel, parts.link, ctx.lang)
  if (tags.length > 0) {
    segments.push(r.chance(0.45) ? { kind: 'break' } : { kind: 'text', text: ' ' })
    tags.forEach((tag, i) => segments.push(...(i > 0 ? [{ kind: 'text', text: ' ' } as Segment] : []), { kind: 'tag', tag }))
  }
  return fit(segments, limit)
}

function addMentions(segments: Segment[], mentions: Author[], template: string): void {
  if (mentions.length === 0) return
  // Several mentions read as a "cc" list; one can sit inside a sentence.
  const [before, after] = (mentions.length > 1 ? 'cc {@}' : template).split('{@}') as [string, string]
  segments.push({ kind: 'text', text: ` ${before}` })
  mentions.forEach((author, i) => segments.push(...(i > 0 ? [{ kind: 'text', text: ' ' } as Segment] : []), { kind: 'mention', author }))
  if (after) segments.push({ kind: 'text', text: after })
}

function addLink(segments: Segment[], scene: Scene, channel: 'mastodon' | 'bluesky', article: Article, lang: Lang): void {
  const r = scene.random
  // On Bluesky the link card often stands alone: the URL is removed from the text.
  if (channel === 'bluesky' && r.chance(0.45)) return
  const url = sharedUrl(article.url, channel, r)
  const intro = r.chance(0.6) ? ` ${r.pick(packOf(lang).linkIntros)} ` : ' '
  segments.push({ kind: 'text', text: intro }, { kind: 'link', url, display: channel === 'bluesky' ? shortLink(url) : undefined })
}

/** How the Bluesky app shows a long link: host and path, cut with an ellipsis. */
function shortLink(url: string): string {
  const bare = url.replace(/^https?:\/\/(www\.)?/, '')
  return bare.length > 28 ? `${bare.slice(0, 25)}...` : bare
}

function renderedLength(segments: Segment[]): number {
  let length = 0
  for (const s of segments) {
    if (s.kind === 'text') length += [...s.text].length
    else if (s.kind === 'mention') length += s.author.username.length + (s.author.channel === 'bluesky' ? 13 : 1)
    else if (s.kind === 'tag') length += [...s.tag].length + 1
    else if (s.kind === 'link') length += (s.display ?? s.url).length
    else length += 2
  }
  return length
}

/** Drops trailing hashtags until the post fits the platform's limit, then any dangling separator. */
function fit(segments: Segment[], limit: number): Segment[] {
  const out = [...segments]
  while (renderedLength(out) > limit && out.length > 1) {
    const last = out.at(-1)!
    if (last.kind !== 'tag' && last.kind !== 'text' && last.kind !== 'break') break
    out.pop()
  }
  const blank = (s: Segment) => s.kind === 'break' || (s.kind === 'text' && !s.text.trim())
  while (out.length > 1 && blank(out.at(-1)!)) out.pop()
  return out
}

export function boostPost(scene: Scene, target: DemoPost): DemoPost {
  const post = base(scene, 'mastodon', 'boost', target.lang, target.topic)
  Object.assign(post, identity(scene, 'mastodon', 'boost'))
  post.counts = { likes: 0, reposts: 0, replies: 0, quotes: 0 }
  post.target = shallow(target)
  post.spike = target.spike
  target.counts.reposts++
  return post
}

export function articlePost(scene: Scene, outlet: Outlet, pool: ArticlePool, topic: TopicId): DemoPost {
  const post = base(scene, 'feed', 'article', outlet.lang, topic)
  const ctx = textContext(scene, outlet.lang, topic, scene.spike)
  const title = headline(ctx)
  const number = pool.articleNumber(outlet, scene.random)
  const section = scene.spike ? packOf(outlet.lang).topics.health.section : packOf(outlet.lang).topics[topic].section
  const url = articleUrl(outlet, section, title, number, scene.time)
  const article: Article = { url, title, description: newsSummary(ctx), outlet, lang: outlet.lang, topic, publishedAt: scene.time }
  pool.add(article, scene.spike, scene.world.communities[outlet.community]!.id === 'global-policy-hub')
  Object.assign(post, { uri: url, cid: `${outlet.id}-${number}`, stream: outlet.id, title, article })
  return post
}

export interface RedditParts {
  target: DemoPost | null
  lang: Lang
  topic: TopicId
  link: Article | null
  subreddit: string
  id: string
  mention: Author | null
}

export function redditPost(scene: Scene, parts: RedditParts): DemoPost {
  const spike = scene.spike || (parts.target?.spike ?? false)
  const kind: PostKind = parts.target ? 'reply' : 'post'
  const post = base({ ...scene, spike }, 'reddit', kind, parts.lang, parts.topic)
  const ctx = textContext(scene, parts.lang, parts.topic, spike)
  const prefix = parts.target ? 't1' : 't3'
  Object.assign(post, { uri: `${prefix}_${parts.id}`, cid: parts.id, stream: parts.subreddit })
  if (parts.target) {
    post.parent = refOf(parts.target)
    post.root = parts.target.root ?? refOf(parts.target)
    parts.target.counts.replies++
    const body = replyBody(ctx, 600)
    post.segments = parts.mention ? [{ kind: 'mention', author: parts.mention }, { kind: 'text', text: ` ${body}` }] : [{ kind: 'text', text: body }]
    return post
  }
  if (parts.link) {
    // News subreddits ask for the article's own title.
    post.title = parts.link.title
    post.link = parts.link
    post.segments = [{ kind: 'link', url: sharedUrl(parts.link.url, 'reddit', scene.random) }]
    return post
  }
  post.title = question(ctx)
  post.segments = [{ kind: 'text', text: postBody(ctx, 900) }]
  return post
}
