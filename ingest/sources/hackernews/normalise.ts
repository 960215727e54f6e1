import { z } from 'zod'
import { failedItem } from '../../failures'
import { hashtagsInText, htmlToText, httpUrl, linksInHtml } from '../../text'
import type { FailedItem, NormalisedAuthor, NormalisedPost } from '../../types'

// Pure mapping from Algolia HN Search hits to normalised posts. Fields as documented at
// https://hn.algolia.com/api: a story carries title, url (absent for Ask HN), points,
// num_comments and story_text (HTML); a comment carries comment_text (HTML), parent_id and
// story_id, and null points.

export const HN_WEB = 'https://news.ycombinator.com'

export const searchResponseSchema = z.object({
  hits: z.array(z.unknown()),
  nbHits: z.number().int().nonnegative(),
  page: z.number().int().nonnegative(),
  nbPages: z.number().int().nonnegative(),
  hitsPerPage: z.number().int().positive(),
})
export type SearchResponse = z.infer<typeof searchResponseSchema>

const hitSchema = z.object({
  objectID: z.string().regex(/^\d+$/, 'a numeric item id'),
  created_at_i: z.number().int().nullish(),
  created_at: z.string().nullish(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  author: z.string().nullish(),
  points: z.number().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  num_comments: z.number().nullish(),
  parent_id: z.number().int().nullish(),
  _tags: z.array(z.string()).nullish(),
})
type Hit = z.infer<typeof hitSchema>

export function hnAuthor(name: string): NormalisedAuthor {
  return {
    platform: 'hackernews',
    externalId: name,
    handle: name,
    name: null,
    profileUrl: `${HN_WEB}/user?id=${encodeURIComponent(name)}`,
    followers: null,
  }
}

export function mapHits(hits: unknown[]): { posts: NormalisedPost[], failures: FailedItem[] } {
  const posts: NormalisedPost[] = []
  const failures: FailedItem[] = []
  for (const raw of hits) {
    const result = mapHit(raw)
    if (typeof result === 'string') failures.push(failedItem(result, raw))
    else posts.push(result)
  }
  return { posts, failures }
}

/** One hit as a post; returns the reason when it cannot be mapped. */
export function mapHit(raw: unknown): NormalisedPost | string {
  const parsed = hitSchema.safeParse(raw)
  if (!parsed.success) {
    return `Hacker News item not understood (${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'item'}: ${i.message}`).join('; ')})`
  }
  const hit = parsed.data
  if (!hit.author) return `Hacker News item ${hit.objectID} has no author (deleted or dead items lose theirs)`
  const createdAt = createdAtOf(hit)
  if (!createdAt) return `Hacker News item ${hit.objectID} has no creation time (created_at_i)`
  const isComment = hit._tags?.includes('comment') ?? hit.comment_text != null
  // Hacker News escapes every '/' in item HTML as &#x2F;, hrefs included; a bare '/' means the
  // same in HTML, so it is restored before the links are read.
  const html = ((isComment ? hit.comment_text : hit.story_text) ?? '').replace(/&#(?:x2f|47);/gi, '/')
  const text = htmlToText(html)
  const storyLink = isComment ? null : httpUrl(hit.url)
  return {
    platform: 'hackernews',
    externalId: hit.objectID,
    url: `${HN_WEB}/item?id=${hit.objectID}`,
    author: hnAuthor(hit.author),
    kind: 'post',
    title: isComment ? null : hit.title ?? null,
    text,
    createdAt,
    declaredLang: null,
    metrics: { likes: hit.points ?? null, reposts: null, replies: hit.num_comments ?? null, quotes: null },
    hashtags: hashtagsInText(text),
    links: [...new Set([...(storyLink ? [storyLink] : []), ...linksInHtml(html, `${HN_WEB}/`)])],
    relations: isComment && hit.parent_id != null ? [{ kind: 'reply', targetPostExternalId: String(hit.parent_id) }] : [],
    raw,
  }
}

function createdAtOf(hit: Hit): string | null {
  if (hit.created_at_i != null) return new Date(hit.created_at_i * 1000).toISOString()
  const parsed = hit.created_at ? Date.parse(hit.created_at) : Number.NaN
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString()
}

