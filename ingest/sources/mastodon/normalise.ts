import { failedItem } from '../../failures'
import { htmlToText, httpUrl, linksInHtml, normaliseHashtag } from '../../text'
import type { FailedItem, NormalisedAuthor, NormalisedPost, NormalisedRelation } from '../../types'
import { type Account, describeIssues, type Mention, notificationSchema, quoteSchema, type Status, statusSchema } from './schema'

// Pure mapping from Mastodon REST entities to Chorus posts: no network, no clock.

export interface MappingOptions {
  /** Domain given to accounts of the answering instance, whose `acct` Mastodon sends without one. */
  localDomain: string | null
}

interface MappingContext extends MappingOptions {
  /** Instance-local status id → uri for the statuses of one payload, to name reply targets. */
  urisById: ReadonlyMap<string, string>
}

export interface MappedPage {
  posts: NormalisedPost[]
  failures: FailedItem[]
  notes: string[]
}

interface StatusResult {
  posts: NormalisedPost[]
  failures: FailedItem[]
  /** Statuses left out on purpose because they are not public. */
  withheld: number
}

const NONE: StatusResult = { posts: [], failures: [], withheld: 0 }
// Chorus listens to public conversations: followers-only, direct and "limited" (Hometown,
// circles) statuses can reach a token's timelines and notifications but are not stored.
const PUBLIC = new Set(['public', 'unlisted'])
// Mastodon never nests quotes more than one level (deeper ones are shallow, ids only); the cap
// keeps a server that does from making the mapping recurse without end.
const MAX_QUOTE_DEPTH = 3
// The "RE: <link>" paragraph Mastodon 4.4 adds for clients that do not show quotes; the quote
// itself is kept as a relation. https://docs.joinmastodon.org/spec/activitypub/#Quote
const QUOTE_FALLBACK = /<p\b[^>]*\bclass\s*=\s*["'][^"']*\bquote-inline\b[^"']*["'][^>]*>[\s\S]*?<\/p>/gi

/** Statuses as a timeline, a search or a thread returns them; the page is oldest-first. */
export function normaliseStatuses(items: readonly unknown[], options: MappingOptions): MappedPage {
  const context: MappingContext = { ...options, urisById: urisById(items) }
  return combine(items.map((item) => normaliseStatus(item, context)))
}

/** Notifications: mentions become posts; other kinds (follows, favourites) are not posts. */
export function normaliseNotifications(items: readonly unknown[], options: MappingOptions): MappedPage {
  const statuses: unknown[] = []
  const failures: FailedItem[] = []
  let ignored = 0
  for (const item of items) {
    const parsed = notificationSchema.safeParse(item)
    if (!parsed.success) failures.push(failedItem(`not a Mastodon notification (${describeIssues(parsed.error)})`, item))
    else if (parsed.data.type !== 'mention') ignored++
    else if (parsed.data.status == null) failures.push(failedItem('a mention notification without its status', item))
    else statuses.push(parsed.data.status)
  }
  const page = normaliseStatuses(statuses, options)
  page.failures.unshift(...failures)
  if (ignored) page.notes.push(`${ignored} notifications other than mentions were ignored`)
  return page
}

/** One status: a post of its own, or a boost (a repost plus the original), plus any quoted post. */
function normaliseStatus(raw: unknown, context: MappingContext): StatusResult {
  const parsed = statusSchema.safeParse(raw)
  if (!parsed.success) return failed(`not a Mastodon status (${describeIssues(parsed.error)})`, raw)
  const status = parsed.data
  if (!isPublic(status)) return { ...NONE, withheld: 1 }
  if (status.reblog != null) return normaliseBoost(status, raw, context)
  return normaliseOwn(status, raw, context, 0)
}

function normaliseBoost(boost: Status, raw: unknown, context: MappingContext): StatusResult {
  const original = statusSchema.safeParse(boost.reblog)
  if (!original.success) return failed(`a boost whose original cannot be read (${describeIssues(original.error)})`, raw)
  const inner = normaliseOwn(original.data, boost.reblog, context, 0)
  const relation: NormalisedRelation = {
    kind: 'repost',
    targetPostExternalId: original.data.uri,
    targetAuthor: toAuthor(original.data.account, context),
  }
  const repost = toPost(boost, raw, context, 'repost', [relation])
  return { ...inner, posts: [...inner.posts, repost] }
}

function normaliseOwn(status: Status, raw: unknown, context: MappingContext, depth: number): StatusResult {
  const quote = quoted(status, context, depth)
  const post = toPost(status, raw, context, 'post', quote.relation ? [quote.relation] : [])
  return { ...quote.result, posts: [...quote.result.posts, post] }
}

/** A Mastodon 4.4 quote: a relation to the quoted status, which is stored as a post of its own. */
function quoted(status: Status, context: MappingContext, depth: number): { relation: NormalisedRelation | null, result: StatusResult } {
  if (status.quote == null || depth >= MAX_QUOTE_DEPTH) return { relation: null, result: NONE }
  const quote = quoteSchema.safeParse(status.quote)
  if (!quote.success) return { relation: null, result: failed(`a quote that cannot be read (${describeIssues(quote.error)})`, status.quote) }
  // Null while pending, rejected, revoked or deleted, and in shallow (nested) quotes.
  const inner = quote.data.quoted_status
  if (inner == null) return { relation: null, result: NONE }
  const parsed = statusSchema.safeParse(inner)
  if (!parsed.success) return { relation: null, result: failed(`a quoted status that cannot be read (${describeIssues(parsed.error)})`, inner) }
  const relation: NormalisedRelation = {
    kind: 'quote',
    targetPostExternalId: parsed.data.uri,
    targetAuthor: toAuthor(parsed.data.account, context),
  }
  const result = isPublic(parsed.data) ? normaliseOwn(parsed.data, inner, context, depth + 1) : { ...NONE, withheld: 1 }
  return { relation, result }
}

function toPost(status: Status, raw: unknown, context: MappingContext, kind: NormalisedPost['kind'], extra: NormalisedRelation[]): NormalisedPost {
  const author = toAuthor(status.account, context)
  const quotes = extra.some((relation) => relation.kind === 'quote')
  const html = quotes ? (status.content ?? '').replace(QUOTE_FALLBACK, '') : (status.content ?? '')
  return {
    platform: 'mastodon',
    externalId: status.uri,
    url: status.url || status.uri,
    author,
    kind,
    title: null,
    text: statusText(html, status.spoiler_text),
    createdAt: new Date(status.created_at).toISOString(),
    declaredLang: status.language || null,
    metrics: {
      likes: status.favourites_count ?? null,
      reposts: status.reblogs_count ?? null,
      replies: status.replies_count ?? null,
      quotes: status.quotes_count ?? null,
    },
    hashtags: [...new Set((status.tags ?? []).map((tag) => normaliseHashtag(tag.name)))],
    links: statusLinks(status, html),
    relations: [...replyRelation(status, author, context), ...mentionRelations(status, context), ...extra],
    raw,
  }
}

/** The content warning, when there is one, comes first: it is what readers see first. */
function statusText(html: string, spoiler: string | null | undefined): string {
  const body = htmlToText(html)
  const warning = spoiler?.trim()
  return warning ? `${warning}\n\n${body}`.trim() : body
}

/** Links the author shared: content anchors other than mentions and hashtags, and the preview card. */
function statusLinks(status: Status, html: string): string[] {
  const anchors = [...html.matchAll(/<a\b[^>]*>/gi)].map((match) => match[0]).filter((tag) => !isMentionOrHashtag(tag))
  // Other servers mark mentions and hashtags differently: their URLs are known from the lists.
  const known = new Set([...(status.mentions ?? []), ...(status.tags ?? [])].map((entity) => httpUrl(entity.url)))
  const card = httpUrl(status.card?.url)
  const links = [...linksInHtml(anchors.join('')), ...(card ? [card] : [])]
  return [...new Set(links)].filter((link) => !known.has(link))
}

/** Mastodon marks mentions `class="u-url mention"` and hashtags `class="mention hashtag" rel="tag"`. */
function isMentionOrHashtag(tag: string): boolean {
  return /\b(mention|hashtag)\b/i.test(attribute(tag, 'class')) || /\btag\b/i.test(attribute(tag, 'rel'))
}

function attribute(tag: string, name: string): string {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : ''
}


/**
 * A reply names the status replied to by its instance-local id only: its uri is known when that
 * status is in the same payload (a thread), and its author when the reply mentions them or is
 * the author's own thread (Mastodon does not list the author among the mentions then).
 */
function replyRelation(status: Status, author: NormalisedAuthor, context: MappingContext): NormalisedRelation[] {
  if (!status.in_reply_to_id) return []
  const to = status.in_reply_to_account_id
  const mention = to ? status.mentions?.find((m) => m.id === to) : undefined
  const targetAuthor = to && to === status.account.id ? author : mention ? mentionAuthor(mention, context) : null
  return [{ kind: 'reply', targetPostExternalId: context.urisById.get(status.in_reply_to_id) ?? null, targetAuthor }]
}

function mentionRelations(status: Status, context: MappingContext): NormalisedRelation[] {
  const byUrl = new Map((status.mentions ?? []).map((mention) => [mention.url, mention]))
  return [...byUrl.values()].map((mention) => ({ kind: 'mention', targetAuthor: mentionAuthor(mention, context) }))
}

function toAuthor(account: Account, context: MappingContext): NormalisedAuthor {
  // The schema refuses accounts with neither, so one of them is there.
  const externalId = account.url || account.uri || ''
  return {
    platform: 'mastodon',
    externalId,
    handle: handleOf(account.acct, externalId, context),
    name: account.display_name?.trim() || null,
    profileUrl: account.url || null,
    followers: account.followers_count ?? null,
  }
}

/** A mention carries only who: name and followers are missing (null), not zero. */
function mentionAuthor(mention: Mention, context: MappingContext): NormalisedAuthor {
  return {
    platform: 'mastodon',
    externalId: mention.url,
    handle: handleOf(mention.acct, mention.url, context),
    name: null,
    profileUrl: mention.url,
    followers: null,
  }
}

/** `@user@domain` everywhere: Mastodon gives accounts of its own instance as a bare `user`. */
function handleOf(acct: string, profile: string, context: MappingContext): string {
  const bare = acct.replace(/^@/, '')
  if (bare.includes('@')) return `@${bare}`
  const domain = context.localDomain ?? hostnameOf(profile)
  return domain ? `@${bare}@${domain}` : `@${bare}`
}

export function hostnameOf(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    return new URL(url).hostname || null
  }
  catch {
    return null
  }
}

function isPublic(status: Status): boolean {
  return status.visibility == null || PUBLIC.has(status.visibility)
}

function failed(reason: string, raw: unknown): StatusResult {
  return { ...NONE, failures: [failedItem(reason, raw)] }
}

/** id → uri of every status in a payload, boosted originals included. */
function urisById(items: readonly unknown[]): Map<string, string> {
  const map = new Map<string, string>()
  const visit = (item: unknown) => {
    if (typeof item !== 'object' || item === null) return
    const { id, uri, reblog } = item as Record<string, unknown>
    if (typeof id === 'string' && typeof uri === 'string') map.set(id, uri)
    if (reblog) visit(reblog)
  }
  items.forEach(visit)
  return map
}

/** One page: each post once, oldest first (an original before its boost), failures kept. */
function combine(results: StatusResult[]): MappedPage {
  const byId = new Map<string, NormalisedPost>()
  for (const post of results.flatMap((result) => result.posts)) {
    if (!byId.has(post.externalId)) byId.set(post.externalId, post)
  }
  const posts = [...byId.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  const withheld = results.reduce((sum, result) => sum + result.withheld, 0)
  const notes = withheld ? [`${withheld} statuses that are not public (followers-only or direct) were left out`] : []
  return { posts, failures: results.flatMap((result) => result.failures), notes }
}
