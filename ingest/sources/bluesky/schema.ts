import { z } from 'zod'

// The parts of the app view's lexicons that Chorus reads (app.bsky.feed.defs, app.bsky.actor.defs,
// app.bsky.embed.*, app.bsky.richtext.facet: https://github.com/bluesky-social/atproto/tree/main/lexicons).
// Objects are not strict: lexicons grow by adding fields. Nested things that may be broken on
// their own (the post record, embeds, facets, a feed item's reason) are left unknown here and
// parsed where they are used, so one bad part does not hide the post that carries it.

const typed = z.object({ $type: z.string() })

/**
 * The `$type` of a lexicon object (an embed, a facet's feature, a feed item's reason). Most
 * posts have no embed and no reason, and a schema that fails builds an error with its issues
 * (about 2 µs): an absent one is answered before asking zod.
 */
export function typeOf(value: unknown): string | null {
  if (value === undefined || value === null) return null
  const parsed = typed.safeParse(value)
  return parsed.success ? parsed.data.$type : null
}

/** Counters are optional in app.bsky.feed.defs#postView: absent is null, never 0. */
const count = z.number().int().nonnegative().nullish()

/** app.bsky.actor.defs#profileViewBasic; followersCount only comes with the full profileView. */
export const profileSchema = z.object({
  did: z.string().min(1),
  handle: z.string().min(1),
  displayName: z.string().nullish(),
  followersCount: count,
})
export type Profile = z.output<typeof profileSchema>

/** app.bsky.feed.defs#postView. `record` is typed `unknown` by the lexicon itself. */
export const postViewSchema = z.object({
  uri: z.string().min(1),
  cid: z.string().nullish(),
  author: profileSchema,
  record: z.unknown(),
  embed: z.unknown().optional(),
  likeCount: count,
  repostCount: count,
  replyCount: count,
  quoteCount: count,
  indexedAt: z.string(),
})
export type PostView = z.output<typeof postViewSchema>

/** app.bsky.feed.post: text and createdAt are required by the lexicon. */
export const postRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).nullish(),
  facets: z.array(z.unknown()).nullish(),
  /** Up to 8 extra hashtags that do not appear in the text. */
  tags: z.array(z.string()).nullish(),
  reply: z.unknown().optional(),
  embed: z.unknown().optional(),
})
export type PostRecord = z.output<typeof postRecordSchema>

export const strongRefSchema = z.object({ uri: z.string().min(1) })
export const replyRefSchema = z.object({ parent: strongRefSchema })

/** app.bsky.embed.record#viewRecord: a quoted post as the app view shows it. */
export const viewRecordSchema = z.object({
  $type: z.literal('app.bsky.embed.record#viewRecord').optional(),
  uri: z.string().min(1),
  cid: z.string().nullish(),
  author: profileSchema,
  value: z.unknown(),
  embeds: z.array(z.unknown()).nullish(),
  likeCount: count,
  repostCount: count,
  replyCount: count,
  quoteCount: count,
  indexedAt: z.string(),
})
export type ViewRecord = z.output<typeof viewRecordSchema>

/** app.bsky.feed.defs#reasonRepost; `uri`/`cid` of the repost record were added later and are optional. */
export const reasonRepostSchema = z.object({
  $type: z.literal('app.bsky.feed.defs#reasonRepost'),
  by: profileSchema,
  indexedAt: z.string(),
})

/** app.bsky.feed.defs#feedViewPost. */
export const feedItemSchema = z.object({
  post: z.unknown(),
  reply: z.object({ parent: z.unknown() }).nullish(),
  reason: z.unknown().optional(),
})

export const searchResponseSchema = z.object({
  posts: z.array(z.unknown()),
  cursor: z.string().nullish(),
  /** "may be rounded/truncated, and may not be possible to paginate through all hits" (app.bsky.feed.searchPosts). */
  hitsTotal: z.number().int().nonnegative().nullish(),
})

export const authorFeedResponseSchema = z.object({
  feed: z.array(z.unknown()),
  cursor: z.string().nullish(),
})

/** com.atproto.server.createSession / refreshSession output. */
export const sessionSchema = z.object({
  accessJwt: z.string().min(1),
  refreshJwt: z.string().min(1),
  did: z.string().min(1),
  handle: z.string().min(1),
})
export type Session = z.output<typeof sessionSchema>

/** "author.did: Invalid input" — the first problem, short enough for a run record. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'invalid'
  const path = issue.path.map(String).join('.')
  return path ? `${path}: ${issue.message}` : issue.message
}
