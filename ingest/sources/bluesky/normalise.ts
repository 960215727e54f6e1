import { z } from 'zod'
import { failedItem } from '../../failures'
import type { FailedItem, NormalisedAuthor, NormalisedPost, NormalisedRelation } from '../../types'
import { normaliseHashtag } from '../../text'
import { type EmbedParts, parseAtUri, readEmbeds } from './embeds'
import { type FacetMention, readFacets } from './facets'
import {
  describeIssue, feedItemSchema, type PostRecord, postRecordSchema, type PostView, postViewSchema, type Profile,
  profileSchema, reasonRepostSchema, replyRefSchema, typeOf, type ViewRecord,
} from './schema'

// Pure mapping from app view objects (app.bsky.feed.defs#postView, #feedViewPost) to Chorus posts.
//
// The fixtures under tests/fixtures/bluesky come from the app view's own test snapshots, where
// every DID is `user(n)`, every AT URI `record(n)` and every CID `cids(n)`; handles, texts,
// timestamps (all 1970-01-01) and counters are real. Such posts still map: the URI is the
// dedupe key whatever its form, and only the web link needs a real AT URI (it is null otherwise).

export interface Mapped {
  /** The item's own posts; the first one places it in time (a repost, else the post). */
  posts: NormalisedPost[]
  /** Posts met inside it (a quoted post), stored as posts of their own. */
  context: NormalisedPost[]
  failures: FailedItem[]
  /** A post pinned to the top of an author feed: out of time order. */
  pinned?: boolean
}

const WEB = 'https://bsky.app'
/** The app view hydrates a quote, and the quote inside it; deeper ones are references only. */
const MAX_EMBED_DEPTH = 2
const WEB_SEGMENT = /^[\w.:%-]+$/

function failed(reason: string, raw: unknown): Mapped {
  return { posts: [], context: [], failures: [failedItem(reason, raw)] }
}

/**
 * The profile path segment: the handle, except `handle.invalid`, which the app view shows when
 * a handle no longer verifies (https://atproto.com/specs/handle): then the DID.
 */
function webSegment(profile: Pick<Profile, 'did' | 'handle'>): string | null {
  const segment = profile.handle === 'handle.invalid' ? profile.did : profile.handle
  return WEB_SEGMENT.test(segment) ? segment : null
}

export function mapAuthor(profile: Profile): NormalisedAuthor {
  const segment = webSegment(profile)
  return {
    platform: 'bluesky',
    externalId: profile.did,
    handle: `@${profile.handle}`,
    name: profile.displayName?.trim() || null,
    profileUrl: segment ? `${WEB}/profile/${segment}` : null,
    followers: profile.followersCount ?? null,
  }
}

/** https://bsky.app/profile/<handle>/post/<rkey>, for posts whose URI is a real AT URI. */
export function postWebUrl(uri: string, author: Profile): string | null {
  const parsed = parseAtUri(uri)
  const segment = webSegment(author)
  if (!parsed || parsed.collection !== 'app.bsky.feed.post' || !segment) return null
  return `${WEB}/profile/${segment}/post/${encodeURIComponent(parsed.rkey)}`
}

/**
 * When a post was published: the earlier of the author's createdAt and the app view's
 * indexedAt. createdAt is set by the client and can lie ahead (clock skew) or far back
 * (imports); the app view orders feeds and search by this same "sortAt" rule.
 */
export function postTime(createdAt: string | null | undefined, indexedAt: string | null | undefined): string | null {
  const times = [createdAt, indexedAt].map((value) => (value ? Date.parse(value) : Number.NaN)).filter((t) => !Number.isNaN(t))
  return times.length ? new Date(Math.min(...times)).toISOString() : null
}

function mentionRelation(mention: FacetMention): NormalisedRelation[] {
  // Without the handle as written, an author row would get a DID for a handle: leave it out.
  if (!mention.handle) return []
  const handle = mention.handle.slice(1)
  return [{
    kind: 'mention',
    targetPostExternalId: null,
    targetAuthor: mapAuthor({ did: mention.did, handle, displayName: null, followersCount: null }),
  }]
}

interface Hints {
  /** The author of the post replied to, when the payload shows it. */
  replyAuthor?: NormalisedAuthor | null
  depth?: number
}

function relationsOf(record: PostRecord, quote: { uri: string | null, author: NormalisedAuthor | null }, mentions: FacetMention[], hints: Hints): NormalisedRelation[] {
  const relations: NormalisedRelation[] = []
  const reply = record.reply === undefined ? null : replyRefSchema.safeParse(record.reply)
  if (reply?.success) relations.push({ kind: 'reply', targetPostExternalId: reply.data.parent.uri, targetAuthor: hints.replyAuthor ?? null })
  if (quote.uri) relations.push({ kind: 'quote', targetPostExternalId: quote.uri, targetAuthor: quote.author })
  for (const mention of mentions) relations.push(...mentionRelation(mention))
  return relations
}

/** One app.bsky.feed.defs#postView: the post, and the quoted post when the view shows it whole. */
export function mapPostView(raw: unknown, hints: Hints = {}): Mapped {
  const view = postViewSchema.safeParse(raw)
  if (!view.success) return failed(`Bluesky post view: ${describeIssue(view.error)}`, raw)
  const record = postRecordSchema.safeParse(view.data.record)
  if (!record.success) return failed(`Bluesky post ${view.data.uri}: the record is not an app.bsky.feed.post (${describeIssue(record.error)})`, raw)
  const createdAt = postTime(record.data.createdAt, view.data.indexedAt)
  if (!createdAt) return failed(`Bluesky post ${view.data.uri}: neither createdAt nor indexedAt is a date`, raw)
  const embeds = readEmbeds(record.data.embed, view.data.embed)
  const post = buildPost({ view: view.data, record: record.data, embeds, createdAt, raw }, hints)
  const depth = hints.depth ?? 0
  const inner = embeds.quoted && depth < MAX_EMBED_DEPTH ? mapPostView(viewRecordAsPostView(embeds.quoted), { depth: depth + 1 }) : null
  return {
    posts: [post],
    context: inner ? [...inner.posts, ...inner.context] : [],
    failures: inner?.failures ?? [],
  }
}

interface Parts {
  view: PostView
  record: PostRecord
  embeds: EmbedParts
  createdAt: string
  raw: unknown
}

function buildPost({ view, record, embeds, createdAt, raw }: Parts, hints: Hints): NormalisedPost {
  const facets = readFacets(record.text, record.facets)
  const quoteAuthor = embeds.quoted ? mapAuthor(embeds.quoted.author) : null
  // record.tags: hashtags the author added without writing them in the text (app.bsky.feed.post).
  const extraTags = (record.tags ?? []).map((tag) => normaliseHashtag(tag.trim())).filter(Boolean)
  const hashtags = [...facets.tags, ...extraTags]
  return {
    platform: 'bluesky',
    externalId: view.uri,
    url: postWebUrl(view.uri, view.author),
    author: mapAuthor(view.author),
    kind: 'post',
    title: null,
    text: record.text,
    createdAt,
    declaredLang: record.langs?.[0] ?? null,
    metrics: {
      likes: view.likeCount ?? null,
      reposts: view.repostCount ?? null,
      replies: view.replyCount ?? null,
      quotes: view.quoteCount ?? null,
    },
    hashtags: [...new Set(hashtags)],
    links: [...new Set([...facets.links, ...embeds.links])],
    relations: relationsOf(record, { uri: embeds.quoteUri, author: quoteAuthor }, facets.mentions, hints),
    raw,
  }
}

/** A quoted post (#viewRecord: the record under `value`, embeds as a list) in the shape of a post view. */
export function viewRecordAsPostView(quoted: ViewRecord): unknown {
  const { value, embeds, $type: _type, ...rest } = quoted
  return { ...rest, record: value, embed: embeds?.[0] }
}

/**
 * A reposted post in an author feed: the repost is a post of its own by the reposter, pointing
 * at the original. The view gives the repost no URI of its own (newer app views add
 * `reason.uri`, older exports lack it), so its id is made from the reposter and the original:
 * the same repost read twice gets the same id.
 */
export function repostExternalId(reposterDid: string, postUri: string): string {
  return `${postUri}#repost-by-${reposterDid}`
}

const parentSchema = z.object({ uri: z.string(), author: profileSchema })

/** One app.bsky.feed.defs#feedViewPost: a post, a reply with its context, or a repost. */
export function mapFeedItem(raw: unknown): Mapped {
  const item = feedItemSchema.safeParse(raw)
  if (!item.success) return failed(`Bluesky feed item: ${describeIssue(item.error)}`, raw)
  const replyParent = item.data.reply?.parent
  const parent = replyParent === undefined ? null : parentSchema.safeParse(replyParent)
  const original = mapPostView(item.data.post, { replyAuthor: parent?.success ? mapAuthor(parent.data.author) : null })
  const reasonType = typeOf(item.data.reason)
  if (reasonType !== 'app.bsky.feed.defs#reasonRepost') return { ...original, pinned: reasonType === 'app.bsky.feed.defs#reasonPin' }
  const reason = reasonRepostSchema.safeParse(item.data.reason)
  const target = original.posts[0]
  if (!reason.success) return { ...original, failures: [...original.failures, failedItem(`Bluesky repost: ${describeIssue(reason.error)}`, item.data.reason)] }
  if (!target) return original
  const createdAt = postTime(reason.data.indexedAt, null)
  if (!createdAt) return { ...original, failures: [...original.failures, failedItem('Bluesky repost: indexedAt is not a date', item.data.reason)] }
  const repost = repostPost(mapAuthor(reason.data.by), target, createdAt, item.data.reason)
  return { ...original, posts: [repost, ...original.posts] }
}

function repostPost(by: NormalisedAuthor, target: NormalisedPost, createdAt: string, reason: unknown): NormalisedPost {
  return {
    platform: 'bluesky',
    externalId: repostExternalId(by.externalId, target.externalId),
    // A repost has no page of its own on bsky.app.
    url: null,
    author: by,
    kind: 'repost',
    title: null,
    text: '',
    createdAt,
    declaredLang: null,
    metrics: { likes: null, reposts: null, replies: null, quotes: null },
    hashtags: [],
    links: [],
    relations: [{ kind: 'repost', targetPostExternalId: target.externalId, targetAuthor: target.author }],
    raw: { reason, post: { uri: target.externalId } },
  }
}
