import { createHash } from 'node:crypto'
import { failedItem } from '../../failures'
import { canonicalUrl, htmlToText, linksInHtml, normaliseHashtag } from '../../text'
import type { FailedItem, NormalisedAuthor, NormalisedPost } from '../../types'
import { parseFeedDate } from './dates'
import type { FeedChannel, FeedEntry, FeedText, ReadFeed } from './entries'

// One NormalisedPost per feed item, pure: the fetch time comes in as `now`.

export interface NormaliseContext {
  /** The feed's identity: the configured URL (or, for an imported file, see feedIdentity). */
  feedUrl: string
  now: Date
}

export interface NormalisedFeed {
  posts: NormalisedPost[]
  failures: FailedItem[]
  notes: string[]
}

const NO_METRICS = { likes: null, reposts: null, replies: null, quotes: null }
const LOOKS_LIKE_HTML = /<[A-Za-z!/][^>]*>|&(?:[A-Za-z]+|#\d+|#x[\dA-Fa-f]+);/

const TAG = /<\/?[A-Za-z][^>]*>/

/**
 * Feed text as plain text: HTML (declared, or recognised when undeclared) goes through htmlToText.
 * Markup that survives one pass was escaped twice by the publisher (Reddit's RSS sends
 * `&amp;lt;p&amp;gt;`): a second pass removes it, so no tag ever reaches the stored text.
 */
export function plainText(value: FeedText | null): string {
  if (!value) return ''
  const html = value.markup === 'html' || (value.markup === 'auto' && LOOKS_LIKE_HTML.test(value.value))
  if (!html) return value.value.replace(/\s+/g, ' ').trim()
  const once = htmlToText(value.value)
  return TAG.test(once) ? htmlToText(once) : once
}

function httpUrl(href: string | null | undefined, ...bases: (string | null | undefined)[]): string | null {
  if (!href) return null
  for (const base of [undefined, ...bases]) {
    try {
      const url = new URL(href.trim(), base ?? undefined)
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.toString()
    }
    catch {
      // relative without a usable base: try the next one
    }
  }
  return null
}

/**
 * Who a feed is, for ids and the author record: the configured http(s) URL, else (an imported
 * file) the feed's own self link, its site, or the file name.
 */
export function feedIdentity(channel: FeedChannel, origin: string | undefined): string {
  return httpUrl(origin) ?? httpUrl(channel.selfUrl) ?? httpUrl(channel.siteUrl) ?? origin ?? 'feed'
}

function siteHost(channel: FeedChannel, feedUrl: string): string {
  const url = httpUrl(channel.siteUrl, channel.base, feedUrl) ?? httpUrl(feedUrl)
  return url ? new URL(url).hostname.replace(/^www\./, '') : feedUrl
}

/** The feed itself, as the author of items that name nobody. */
export function feedAuthor(channel: FeedChannel, feedUrl: string): NormalisedAuthor {
  return {
    platform: 'rss',
    externalId: feedUrl,
    handle: siteHost(channel, feedUrl),
    name: plainText(channel.title) || null,
    profileUrl: httpUrl(channel.siteUrl, channel.base, feedUrl) ?? httpUrl(feedUrl),
    followers: null,
  }
}

/** A person named by an item: known only within this feed, so the id is scoped by it. */
function entryAuthor(entry: FeedEntry, channel: FeedChannel, feedUrl: string): NormalisedAuthor {
  const fallback = feedAuthor(channel, feedUrl)
  const name = entry.author ? plainText({ value: entry.author.name, markup: 'auto' }).slice(0, 200) : ''
  if (!name) return fallback
  return {
    ...fallback,
    externalId: `${feedUrl}#author=${encodeURIComponent(name)}`,
    name,
    profileUrl: httpUrl(entry.author?.url, entry.base, channel.base, feedUrl),
  }
}

// Ids that are globally unique by construction (a URL, a tag: URI of RFC 4151, a URN) are used
// as they are. Anything else ("1234", a Google News token) is unique only within its feed, and
// two feeds could share it: it is scoped by the feed URL so that dedupe on (platform, id) does
// not merge posts of different feeds.
const GLOBAL_ID = /^(?:https?:\/\/|tag:|urn:)/i

/**
 * guid / id, else the canonical link, else a stable hash of feed, title and date (an item that
 * names neither an id nor a link still gets the same id on every fetch).
 */
function externalId(entry: FeedEntry, url: string | null, title: string, feedUrl: string): string | null {
  if (entry.id) return GLOBAL_ID.test(entry.id) ? entry.id : `${feedUrl}#${entry.id}`
  const canonical = url ? canonicalUrl(url) : null
  if (canonical) return canonical
  if (!title) return null
  const digest = createHash('sha256').update(`${feedUrl}\n${title}\n${entry.date ?? ''}`).digest('hex')
  return `${feedUrl}#sha256:${digest.slice(0, 32)}`
}

/**
 * Categories as hashtags: "US politics" → "uspolitics", as a user would write it. Path-like
 * categories ("Business/Industries/Publishing") give one hashtag per level.
 */
export function categoryHashtags(categories: string[]): string[] {
  const tags = categories
    .flatMap((c) => c.split(/[/|>]/))
    .map((c) => normaliseHashtag(c.trim()).replace(/[^\p{L}\p{M}\p{N}_]+/gu, ''))
    .filter((t) => t && t.length <= 64 && /[\p{L}_]/u.test(t))
  return [...new Set(tags)]
}

/** The primary language subtag ("en-GB" → "en"), the form language detection compares with. */
export function declaredLanguage(tag: string | null): string | null {
  const match = tag?.trim().match(/^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9-]*)?$/)
  return match ? match[1]!.toLowerCase() : null
}

interface DateTally {
  missing: number
  unreadable: string[]
}

function createdAt(entry: FeedEntry, now: Date, tally: DateTally): string {
  const parsed = parseFeedDate(entry.date)
  if (parsed) return parsed
  if (entry.date) tally.unreadable.push(entry.date)
  else tally.missing++
  return now.toISOString()
}

function toPost(entry: FeedEntry, channel: FeedChannel, context: NormaliseContext, tally: DateTally): NormalisedPost | FailedItem {
  const { feedUrl } = context
  const url = httpUrl(entry.link, entry.base, channel.base, feedUrl)
  const title = plainText(entry.title)
  const id = externalId(entry, url, title, feedUrl)
  if (!id) return failedItem('an item with no id, no link and no title cannot be told apart from the others', entry.raw)
  const bodyIsHtml = entry.body !== null && entry.body.markup !== 'text'
  const links = [url, ...(bodyIsHtml ? linksInHtml(entry.body?.value, url ?? undefined) : [])].filter((l): l is string => l !== null)
  return {
    platform: 'rss',
    externalId: id,
    url,
    author: entryAuthor(entry, channel, feedUrl),
    kind: 'post',
    title: title || null,
    text: plainText(entry.body),
    createdAt: createdAt(entry, context.now, tally),
    declaredLang: declaredLanguage(entry.lang ?? channel.language),
    metrics: { ...NO_METRICS },
    hashtags: categoryHashtags(entry.categories),
    links: [...new Set(links)],
    relations: [],
    raw: entry.raw,
  }
}

function dateNotes(tally: DateTally): string[] {
  const notes: string[] = []
  if (tally.missing) notes.push(`${tally.missing} item${tally.missing > 1 ? 's have' : ' has'} no date; the fetch time was used`)
  if (tally.unreadable.length) {
    notes.push(`${tally.unreadable.length} item date${tally.unreadable.length > 1 ? 's' : ''} could not be read (e.g. ${JSON.stringify(tally.unreadable[0]!.slice(0, 60))}); the fetch time was used`)
  }
  return notes
}

interface Version {
  post: NormalisedPost
  updated: number
}

/**
 * Entries sharing an id are versions of one entry (RFC 4287 §4.1.1): the most recently updated is
 * kept, the first in the document on a tie (feeds list the newest first). Left to the store, the
 * first inserted would win whatever its age.
 */
function keepLatest(versions: Version[], notes: string[]): NormalisedPost[] {
  const latest = new Map<string, Version>()
  for (const version of versions) {
    const seen = latest.get(version.post.externalId)
    if (!seen || version.updated > seen.updated) latest.set(version.post.externalId, version)
  }
  const repeated = versions.length - latest.size
  if (repeated) notes.push(`${repeated} item${repeated > 1 ? 's' : ''} repeated the id of another; the latest version was kept`)
  return [...latest.values()].map((v) => v.post)
}

/** Every entry of a feed as a post or a failed item; posts oldest first. */
export function normaliseFeed(read: ReadFeed, context: NormaliseContext): NormalisedFeed {
  const versions: Version[] = []
  const failures: FailedItem[] = []
  const tally: DateTally = { missing: 0, unreadable: [] }
  for (const entry of read.entries) {
    try {
      const result = toPost(entry, read.channel, context, tally)
      if ('reason' in result) failures.push(result)
      else versions.push({ post: result, updated: Date.parse(parseFeedDate(entry.updated) ?? '') || 0 })
    }
    catch (error) {
      failures.push(failedItem(`the item could not be read: ${(error as Error).message}`, entry.raw))
    }
  }
  const notes = read.entries.length ? dateNotes(tally) : ['the feed has no items']
  const posts = keepLatest(versions, notes).sort((a, b) => a.createdAt.localeCompare(b.createdAt))
  return { posts, failures, notes }
}
