import { z } from 'zod'
import { failedItem } from '../../failures'
import { hashtagsInText, htmlToText, httpUrl, linksInHtml } from '../../text'
import type { FailedItem, NormalisedAuthor, NormalisedPost, NormalisedRelation } from '../../types'

// Pure mapping from Reddit's JSON "things" to normalised posts. Field names are those of the
// Reddit API (https://www.reddit.com/dev/api): a Listing wraps children {kind, data}; t1 is a
// comment, t3 a link or self post, 'more' a stub standing for comments not sent.

export const REDDIT_WEB = 'https://www.reddit.com'

export const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(z.unknown()),
    after: z.string().nullish(),
  }),
})
export type Listing = z.infer<typeof listingSchema>

const thingSchema = z.object({ kind: z.string(), data: z.unknown() })

const commonFields = {
  id: z.string().min(1),
  name: z.string().regex(/^t[13]_[a-z0-9]+$/i, 'a fullname such as t3_abc'),
  author: z.string().min(1),
  subreddit: z.string().nullish(),
  created_utc: z.number().finite(),
  score: z.number().nullish(),
  permalink: z.string().startsWith('/').nullish(),
}

const linkSchema = z.object({
  ...commonFields,
  title: z.string(),
  selftext: z.string().nullish(),
  selftext_html: z.string().nullish(),
  url: z.string().nullish(),
  is_self: z.boolean().nullish(),
  num_comments: z.number().nullish(),
  crosspost_parent: z.string().nullish(),
  crosspost_parent_list: z.array(z.object({ author: z.string().min(1) }).partial()).nullish(),
})

const commentSchema = z.object({
  ...commonFields,
  body: z.string().nullish(),
  body_html: z.string().nullish(),
  parent_id: z.string().regex(/^t[13]_/, 'a fullname such as t1_abc'),
  link_id: z.string().regex(/^t3_/),
  score_hidden: z.boolean().nullish(),
  link_author: z.string().nullish(),
})

export interface MappedThings {
  posts: NormalisedPost[]
  failures: FailedItem[]
  /** Comments announced by 'more' stubs and not included in the payload. */
  moreComments: number
}

export function emptyMapped(): MappedThings {
  return { posts: [], failures: [], moreComments: 0 }
}

/** Reddit names users by their name; '[deleted]' stands for every removed account. */
export function redditAuthor(name: string): NormalisedAuthor {
  const deleted = name === '[deleted]'
  return {
    platform: 'reddit',
    externalId: name,
    handle: `u/${name}`,
    name: null,
    profileUrl: deleted ? null : `${REDDIT_WEB}/user/${encodeURIComponent(name)}`,
    followers: null,
  }
}

/** Maps the children of a listing (and nested reply listings) into `into`. */
export function mapChildren(children: unknown[], into: MappedThings): MappedThings {
  for (const child of children) mapThing(child, into)
  return into
}

function mapThing(child: unknown, into: MappedThings): void {
  const thing = thingSchema.safeParse(child)
  if (!thing.success) {
    into.failures.push(failedItem('not a Reddit thing ({kind, data})', child))
    return
  }
  const { kind, data } = thing.data
  if (kind === 'more') {
    // A stub for comments Reddit did not send (GET /api/morechildren fetches them): not an error.
    const count = z.object({ count: z.number() }).safeParse(data)
    into.moreComments += count.success ? count.data.count : 0
    return
  }
  if (kind === 't3') return pushResult(into, mapLink(data), child)
  if (kind === 't1') {
    pushResult(into, mapComment(data), child)
    mapChildren(nestedReplies(data), into)
    return
  }
  into.failures.push(failedItem(`not a post or comment (Reddit kind "${kind}")`, child))
}

/**
 * A comment's `replies`: '' when there are none, else a Listing of further comments. The empty
 * string is answered before asking zod: a schema that fails builds an error with its issues.
 */
function nestedReplies(data: unknown): unknown[] {
  if (typeof data !== 'object' || data === null) return []
  const given = (data as { replies?: unknown }).replies
  if (typeof given !== 'object' || given === null) return []
  const replies = listingSchema.safeParse(given)
  return replies.success ? replies.data.data.children : []
}

function pushResult(into: MappedThings, result: NormalisedPost | string, raw: unknown): void {
  if (typeof result === 'string') into.failures.push(failedItem(result, raw))
  else into.posts.push(result)
}

function issueText(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || 'item'}: ${issue.message}`).join('; ')
}

/** A link post (external URL) or a self post (text); returns the reason when it cannot be mapped. */
export function mapLink(data: unknown): NormalisedPost | string {
  const parsed = linkSchema.safeParse(data)
  if (!parsed.success) return `Reddit post not understood (${issueText(parsed.error)})`
  const link = parsed.data
  const url = webUrl(link.permalink, link.subreddit, link.id, null)
  const body = bodyOf(link.selftext, link.selftext_html)
  const external = httpUrl(link.url, REDDIT_WEB)
  const isSelf = link.is_self ?? external === url
  const links = unique([...(isSelf || !external ? [] : [external]), ...body.links])
  const relations: NormalisedRelation[] = []
  if (link.crosspost_parent) {
    // A crosspost re-shares another post with its own title: a quote of the original.
    const originalAuthor = link.crosspost_parent_list?.[0]?.author
    relations.push({ kind: 'quote', targetPostExternalId: link.crosspost_parent, targetAuthor: originalAuthor ? redditAuthor(originalAuthor) : null })
  }
  return {
    ...basePost(link, url, { kind: 't3', data }),
    title: link.title,
    text: body.text,
    metrics: { likes: link.score ?? null, reposts: null, replies: link.num_comments ?? null, quotes: null },
    hashtags: hashtagsInText(`${link.title}\n${body.text}`),
    links,
    relations,
  }
}

/** A comment, replying to its parent (a comment t1_ or the post t3_). */
export function mapComment(data: unknown): NormalisedPost | string {
  const parsed = commentSchema.safeParse(data)
  if (!parsed.success) return `Reddit comment not understood (${issueText(parsed.error)})`
  const comment = parsed.data
  const url = webUrl(comment.permalink, comment.subreddit, comment.link_id.slice(3), comment.id)
  const body = bodyOf(comment.body, comment.body_html)
  // Listings of a subreddit's comments name the post's author; inside a thread, fillReplyAuthors
  // finds the parent among the posts of the same payload.
  const parentAuthor = comment.parent_id === comment.link_id && comment.link_author ? redditAuthor(comment.link_author) : null
  return {
    ...basePost(comment, url, { kind: 't1', data: withoutReplies(data) }),
    title: null,
    text: body.text,
    // score_hidden: the score is withheld for a while after posting; 0 would be a lie.
    metrics: { likes: comment.score_hidden ? null : comment.score ?? null, reposts: null, replies: null, quotes: null },
    hashtags: hashtagsInText(body.text),
    links: body.links,
    relations: [{ kind: 'reply', targetPostExternalId: comment.parent_id, targetAuthor: parentAuthor }],
  }
}

function basePost(thing: { name: string, author: string, created_utc: number }, url: string, raw: unknown) {
  return {
    platform: 'reddit' as const,
    externalId: thing.name,
    url,
    author: redditAuthor(thing.author),
    kind: 'post' as const,
    createdAt: new Date(thing.created_utc * 1000).toISOString(),
    declaredLang: null,
    raw,
  }
}

/** Nested replies are posts of their own: keeping them inside the parent's raw item would store them twice. */
function withoutReplies(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !('replies' in data)) return data
  const { replies: _replies, ...rest } = data as Record<string, unknown>
  return rest
}

function webUrl(permalink: string | null | undefined, subreddit: string | null | undefined, postId: string, commentId: string | null): string {
  if (permalink) return `${REDDIT_WEB}${permalink}`
  // Older comment payloads (the 2016 recordings) carry no permalink; Reddit accepts any slug in its place.
  const prefix = subreddit ? `/r/${subreddit}` : ''
  return `${REDDIT_WEB}${prefix}/comments/${postId}/${commentId ? `_/${commentId}/` : ''}`
}

/** Markdown source when present (it reads as plain text), else the rendered HTML reduced to text. */
function bodyOf(markdown: string | null | undefined, html: string | null | undefined): { text: string, links: string[] } {
  const text = markdown?.trim() ? markdown.trim() : htmlToText(html)
  const links = html ? linksInHtml(html, REDDIT_WEB) : linksInMarkdown(text)
  return { text, links }
}

function linksInMarkdown(text: string): string[] {
  return unique([...text.matchAll(/https?:\/\/[^\s<>()[\]"']+/g)].map((m) => httpUrl(m[0], REDDIT_WEB)).filter((u): u is string => u !== null))
}


function unique(values: string[]): string[] {
  return [...new Set(values)]
}

/**
 * Fills the author a reply answers when its parent is on the same page (a thread from
 * /comments/:id), so the reply network has both ends without another request.
 */
export function fillReplyAuthors(posts: NormalisedPost[]): void {
  const authors = new Map(posts.map((post) => [post.externalId, post.author]))
  for (const post of posts) {
    for (const relation of post.relations) {
      if (relation.kind !== 'reply' || relation.targetAuthor || !relation.targetPostExternalId) continue
      relation.targetAuthor = authors.get(relation.targetPostExternalId) ?? null
    }
  }
}
