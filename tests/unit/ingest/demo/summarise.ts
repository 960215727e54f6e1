import { parseRssFeed } from 'feedsmith'
import type { DemoPayload } from '../../../../ingest/demo'
import { canonicalUrl } from '../../../../ingest/text'

// Reads demo payloads the way an adapter would (JSON.parse, an RSS parser) and keeps only
// the numbers the tests look at, so a 50,000-post corpus can be checked in one pass.

interface MastodonStatus {
  id: string
  uri: string
  created_at: string
  language: string | null
  content: string
  in_reply_to_id: string | null
  reblog: MastodonStatus | null
  quote: { quoted_status?: MastodonStatus } | null
  account: { url: string, acct: string }
  mentions: { url: string, acct: string }[]
  tags: { name: string }[]
  card: { url: string } | null
}

interface BlueskyFacet {
  index: { byteStart: number, byteEnd: number }
  features: { $type: string, did?: string, tag?: string, uri?: string }[]
}

interface BlueskyPost {
  uri: string
  author: { did: string, handle: string }
  record: {
    text: string
    createdAt: string
    langs?: string[]
    facets?: BlueskyFacet[]
    reply?: { root: { uri: string }, parent: { uri: string } }
    embed?: { $type: string, external?: { uri: string } }
  }
}

interface RedditChild {
  kind: 't1' | 't3'
  data: { name: string, author: string, url?: string, parent_id?: string, created_utc: number }
}

export interface Summary {
  items: number
  byFormat: Record<string, number>
  payloads: number
  /** Declared language per item (Mastodon `language`, Bluesky `langs[0]`, the feed's `<language>`). */
  declared: Record<string, number>
  /** Items per UTC day and declared language. */
  perDay: Record<string, Record<string, number>>
  /** Items per UTC day carrying the hashtag. */
  tagPerDay: Record<string, Record<string, number>>
  authors: Set<string>
  replies: number
  boosts: number
  quotes: number
  mentions: number
  /** Mentions received, by handle (Mastodon `user@host`, Bluesky handle). */
  mentioned: Map<string, number>
  /** Canonical URL → formats it was shared on. */
  links: Map<string, Set<string>>
  trackedLinks: number
  /** Mastodon replies whose parent the same instance served earlier. */
  repliesResolved: number
  mastodonReplies: number
  /** Posts declared 'en' but written in Arabic or Devanagari script. */
  wronglyEnglish: number
  noLanguage: number
  byWeekday: number[]
  byHour: number[]
  handles: Map<string, string>
  facetErrors: string[]
  longestBluesky: number
  /** Posts carrying the watched hashtag, by author handle. */
  tagPosters: Map<string, number>
  watchedTag: string
}

export function emptySummary(watchedTag = ''): Summary {
  return {
    items: 0, byFormat: {}, payloads: 0, declared: {}, perDay: {}, tagPerDay: {}, authors: new Set(), replies: 0, boosts: 0,
    quotes: 0, mentions: 0, mentioned: new Map(), links: new Map(), trackedLinks: 0, repliesResolved: 0, mastodonReplies: 0,
    wronglyEnglish: 0, noLanguage: 0, byWeekday: Array(7).fill(0), byHour: Array(24).fill(0), handles: new Map(), facetErrors: [],
    longestBluesky: 0, tagPosters: new Map(), watchedTag,
  }
}

function posted(summary: Summary, handle: string, tags: string[]): void {
  if (tags.includes(summary.watchedTag)) summary.tagPosters.set(handle, (summary.tagPosters.get(handle) ?? 0) + 1)
}

const seenIds = new WeakMap<Summary, Map<string, Set<string>>>()

function count(summary: Summary, at: string, lang: string | null, tags: string[]): void {
  const day = at.slice(0, 10)
  const date = new Date(at)
  summary.byWeekday[date.getUTCDay()]!++
  summary.byHour[date.getUTCHours()]!++
  const key = lang ? lang.slice(0, 2) : 'none'
  summary.declared[key] = (summary.declared[key] ?? 0) + 1
  if (!lang) summary.noLanguage++
  const languages = (summary.perDay[day] ??= {})
  languages[key] = (languages[key] ?? 0) + 1
  const hashtags = (summary.tagPerDay[day] ??= {})
  for (const tag of tags) hashtags[tag] = (hashtags[tag] ?? 0) + 1
}

function link(summary: Summary, url: string, format: string): void {
  const canonical = canonicalUrl(url)
  if (!canonical) return
  if (/[?&]utm_/.test(url)) summary.trackedLinks++
  const formats = summary.links.get(canonical) ?? new Set()
  formats.add(format)
  summary.links.set(canonical, formats)
}

function mentioned(summary: Summary, handle: string): void {
  summary.mentions++
  summary.mentioned.set(handle, (summary.mentioned.get(handle) ?? 0) + 1)
}

const FOREIGN_SCRIPT = /\p{Script=Arabic}|\p{Script=Devanagari}/u

function mastodon(summary: Summary, payload: DemoPayload): void {
  const statuses = JSON.parse(payload.body) as MastodonStatus[]
  const seen = seenIds.get(summary) ?? new Map<string, Set<string>>()
  seenIds.set(summary, seen)
  const local = seen.get(payload.name) ?? new Set<string>()
  seen.set(payload.name, local)
  // A page lists the newest first: walk it oldest first, as the timeline was written.
  for (const status of [...statuses].reverse()) {
    summary.authors.add(status.account.url)
    local.add(status.id)
    if (status.reblog) {
      summary.boosts++
      count(summary, status.created_at, null, [])
      continue
    }
    count(summary, status.created_at, status.language, status.tags.map((t) => t.name))
    posted(summary, `${status.account.url.split('/@')[1]}@${new URL(status.account.url).host}`, status.tags.map((t) => t.name))
    if (status.language === 'en' && FOREIGN_SCRIPT.test(status.content)) summary.wronglyEnglish++
    if (status.in_reply_to_id) {
      summary.replies++
      summary.mastodonReplies++
      if (local.has(status.in_reply_to_id)) summary.repliesResolved++
    }
    if (status.quote) summary.quotes++
    for (const m of status.mentions) mentioned(summary, `${m.url.split('/@')[1]}@${new URL(m.url).host}`)
    if (status.card) link(summary, status.card.url, 'mastodon')
  }
}

function bluesky(summary: Summary, payload: DemoPayload): void {
  const page = JSON.parse(payload.body) as { posts: BlueskyPost[] }
  for (const post of page.posts) {
    const record = post.record
    summary.authors.add(post.author.did)
    summary.handles.set(post.author.did, post.author.handle)
    summary.longestBluesky = Math.max(summary.longestBluesky, [...new Intl.Segmenter().segment(record.text)].length)
    const tags = (record.facets ?? []).flatMap((f) => f.features.flatMap((x) => (x.tag ? [x.tag.toLowerCase()] : [])))
    count(summary, record.createdAt, record.langs?.[0] ?? null, tags)
    posted(summary, post.author.handle, tags)
    if (record.langs?.[0] === 'en' && FOREIGN_SCRIPT.test(record.text)) summary.wronglyEnglish++
    if (record.reply) summary.replies++
    if (record.embed?.$type === 'app.bsky.embed.record') summary.quotes++
    if (record.embed?.external) link(summary, record.embed.external.uri, 'bluesky')
    checkFacets(summary, post)
  }
}

/** Every facet's byte range must cover exactly the mention, hashtag or link text it describes. */
function checkFacets(summary: Summary, post: BlueskyPost): void {
  const bytes = Buffer.from(post.record.text, 'utf8')
  for (const facet of post.record.facets ?? []) {
    const covered = bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8')
    const feature = facet.features[0]!
    const fine = feature.$type === 'app.bsky.richtext.facet#tag'
      ? covered === `#${feature.tag}`
      : feature.$type === 'app.bsky.richtext.facet#mention'
        ? covered.startsWith('@') && covered.endsWith('.bsky.social') && Boolean(feature.did?.startsWith('did:plc:'))
        : feature.$type === 'app.bsky.richtext.facet#link' && feature.uri!.replace(/^https:\/\/(www\.)?/, '').startsWith(covered.replace(/\.\.\.$/, ''))
    if (!fine) summary.facetErrors.push(`${post.uri}: ${feature.$type} covers ${JSON.stringify(covered)}`)
    if (feature.$type.endsWith('#mention')) mentioned(summary, `did:${feature.did}`)
    if (feature.uri) link(summary, feature.uri, 'bluesky')
  }
}

function reddit(summary: Summary, payload: DemoPayload): void {
  const listing = JSON.parse(payload.body) as { data: { children: RedditChild[] } }
  for (const child of listing.data.children) {
    summary.authors.add(`u/${child.data.author}`)
    count(summary, new Date(child.data.created_utc * 1000).toISOString(), null, [])
    if (child.kind === 't1') summary.replies++
    else if (child.data.url && !child.data.url.startsWith('https://www.reddit.com/')) link(summary, child.data.url, 'reddit')
  }
}

function feed(summary: Summary, payload: DemoPayload): void {
  const parsed = parseRssFeed(payload.body)
  const lang = parsed.language ?? null
  for (const item of parsed.items ?? []) {
    for (const creator of item.dc?.creators ?? []) summary.authors.add(`byline:${creator}`)
    count(summary, new Date(item.pubDate!).toISOString(), lang, [])
    if (item.link) link(summary, item.link, 'feed')
  }
}

export function summarise(summary: Summary, payload: DemoPayload): void {
  summary.payloads++
  summary.items += payload.posts
  summary.byFormat[payload.format] = (summary.byFormat[payload.format] ?? 0) + payload.posts
  if (payload.format === 'mastodon') mastodon(summary, payload)
  else if (payload.format === 'bluesky') bluesky(summary, payload)
  else if (payload.format === 'reddit') reddit(summary, payload)
  else feed(summary, payload)
}
