import { z } from 'zod'
import type { FailedItem, NormalisedAuthor, NormalisedPost } from '../../types'
import { type Mapped, mapFeedItem, mapPostView } from './normalise'
import { authorFeedResponseSchema, searchResponseSchema } from './schema'

// Reading whole responses: searchPosts ({posts}), getAuthorFeed and other feeds ({feed}),
// getPostThread ({thread}: a tree) and its v2 (app.bsky.unspecced.getPostThreadV2: {thread}:
// a flat list). The app view's test snapshots keep only the inner value, so a bare list of
// feed items or post views and a bare thread node are read too.

export type PayloadKind = 'search' | 'feed' | 'thread' | 'threadV2' | 'posts'

export interface Payload {
  kind: PayloadKind
  items: Mapped[]
}

/** Any JSON object (a key holding z.unknown() would also accept a missing key). */
const anObject = z.object({}).loose()
const threadNodeSchema = z.object({
  post: anObject,
  parent: z.unknown().optional(),
  replies: z.array(z.unknown()).nullish(),
})
const threadV2Schema = z.object({ thread: z.array(z.object({ value: z.object({ post: anObject.optional() }).loose() }).loose()) })

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined
}

function has(value: unknown, key: string): boolean {
  return field(value, key) !== undefined
}

/**
 * A getPostThread tree, ancestors first, then the anchor, then replies depth-first.
 * #notFoundPost and #blockedPost nodes carry no post: they are gaps in a conversation, not
 * unreadable items, and are left out. Iterative, so a long chain cannot overflow the stack.
 */
export function flattenThread(root: unknown): unknown[] {
  const ancestors: unknown[] = []
  let node = threadNodeSchema.safeParse(root)
  if (!node.success) return []
  for (let up = threadNodeSchema.safeParse(node.data.parent); up.success; up = threadNodeSchema.safeParse(up.data.parent)) {
    ancestors.unshift(up.data.post)
  }
  const below: unknown[] = []
  const stack: unknown[] = [root]
  while (stack.length) {
    node = threadNodeSchema.safeParse(stack.pop())
    if (!node.success) continue
    below.push(node.data.post)
    stack.push(...[...(node.data.replies ?? [])].reverse())
  }
  return [...ancestors, ...below]
}

function isArrayOfFeedItems(list: unknown[]): boolean {
  return has(list.find((entry) => typeof entry === 'object' && entry !== null), 'post')
}

/** Maps a response of any of the read shapes; null when the JSON is none of them. */
export function readPayload(json: unknown): Payload | null {
  if (Array.isArray(json)) {
    return isArrayOfFeedItems(json)
      ? { kind: 'feed', items: json.map((entry) => mapFeedItem(entry)) }
      : { kind: 'posts', items: json.map((entry) => mapPostView(entry)) }
  }
  const search = searchResponseSchema.safeParse(json)
  if (search.success) return { kind: 'search', items: search.data.posts.map((entry) => mapPostView(entry)) }
  const feed = authorFeedResponseSchema.safeParse(json)
  if (feed.success) return { kind: 'feed', items: feed.data.feed.map((entry) => mapFeedItem(entry)) }
  const v2 = threadV2Schema.safeParse(json)
  if (v2.success) {
    // #threadItemNotFound, #threadItemBlocked and the like have no post: gaps, left out.
    const views = v2.data.thread.map((entry) => entry.value.post).filter((post) => post !== undefined)
    return { kind: 'threadV2', items: views.map((view) => mapPostView(view)) }
  }
  const tree = field(json, 'thread') ?? json
  if (threadNodeSchema.safeParse(tree).success) {
    return { kind: 'thread', items: flattenThread(tree).map((view) => mapPostView(view)) }
  }
  if (has(json, 'uri') && has(json, 'record')) {
    return { kind: 'posts', items: [mapPostView(json)] }
  }
  return null
}

/**
 * One page's posts: each post once (the item's own version first, a quoted copy after), and
 * replies linked to their parent's author when the parent is in the same page.
 */
export function assemble(items: readonly Mapped[]): { posts: NormalisedPost[], failures: FailedItem[] } {
  const byId = new Map<string, NormalisedPost>()
  for (const post of [...items.flatMap((item) => item.posts), ...items.flatMap((item) => item.context)]) {
    if (!byId.has(post.externalId)) byId.set(post.externalId, post)
  }
  const authors = new Map<string, NormalisedAuthor>([...byId.values()].map((post) => [post.externalId, post.author]))
  const posts = [...byId.values()].map((post) => ({
    ...post,
    relations: post.relations.map((relation) => relation.kind === 'reply' && !relation.targetAuthor && relation.targetPostExternalId
      ? { ...relation, targetAuthor: authors.get(relation.targetPostExternalId) ?? null }
      : relation),
  }))
  return { posts, failures: items.flatMap((item) => item.failures) }
}
