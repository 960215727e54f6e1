import type { z } from 'zod'
import type { HttpClient } from './http'

// The one small interface every source adapter implements (PRODUCT.md §1): fetch a page since
// a cursor, return normalised posts, authors and relations plus the next cursor.

export const PLATFORMS = ['mastodon', 'bluesky', 'rss', 'reddit', 'hackernews', 'import'] as const
export type Platform = (typeof PLATFORMS)[number]

export interface NormalisedAuthor {
  platform: Platform
  /** Stable id on the platform (Mastodon: account URL; Bluesky: DID; Reddit: username). */
  externalId: string
  handle: string
  name: string | null
  profileUrl: string | null
  /** null when the source does not say: "missing" is not "zero". */
  followers: number | null
}

export type RelationKind = 'reply' | 'repost' | 'quote' | 'mention'

export interface NormalisedRelation {
  kind: RelationKind
  /** The post replied to, reposted or quoted (its externalId on the same platform). */
  targetPostExternalId?: string | null
  /** The account replied to, reposted, quoted or mentioned, when known. */
  targetAuthor?: NormalisedAuthor | null
}

export interface NormalisedMetrics {
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
}

export interface NormalisedPost {
  platform: Platform
  /** Dedupe key with platform (Mastodon: the status `uri`, not the instance-local id). */
  externalId: string
  /** Link to the post on the web, as the platform gives it. */
  url: string | null
  author: NormalisedAuthor
  /** 'repost' for a boost or a repost: the original is a post of its own, linked by a relation. */
  kind: 'post' | 'repost'
  /** Headline of a news item; null elsewhere. */
  title: string | null
  /** Plain text: HTML is already reduced to text. Never rendered as markup. */
  text: string
  /** ISO-8601, UTC. */
  createdAt: string
  /** What the platform declares; a hint for language detection, never the answer. */
  declaredLang: string | null
  metrics: NormalisedMetrics
  /** Lower-case, without '#'. */
  hashtags: string[]
  /** Absolute http(s) URLs found in or attached to the post. */
  links: string[]
  relations: NormalisedRelation[]
  /** The item as the source sent it, kept so history can be re-processed. */
  raw: unknown
  /** `raw` already serialised as JSON (set by the parse workers), stored as it is. */
  rawJson?: string
}

export interface FailedItem {
  reason: string
  /** The offending item, abbreviated (see ingest/failures.ts). */
  raw: string
  /** The whole input failed, not one item of it: not JSON, not this format, an unusable mapping. */
  wholeInput?: true
}

export interface Page {
  posts: NormalisedPost[]
  failures: FailedItem[]
  /** Cursor to store once this page is committed; null keeps the current one. */
  nextCursor: string | null
  /** True when the source has nothing more right now. */
  done: boolean
  /** Things the run record should say (for example a platform's result cap). */
  notes?: string[]
}

export interface FetchContext<Config> {
  config: Config
  cursor: string | null
  http: HttpClient
  now: Date
  signal?: AbortSignal
}

export interface ImportContext {
  origin?: string
  now: Date
  /** For exports: the platform the posts came from, and corrections to the column mapping. */
  platform?: Platform
  mapping?: Record<string, string | null>
}

export interface SourceAdapter<Config = unknown> {
  kind: string
  platform: Platform
  /** Validates a source's stored configuration (instance URL, query, credentials...). */
  configSchema: z.ZodType<Config>
  fetchPage(context: FetchContext<Config>): Promise<Page>
  /**
   * Reads one saved response body of this source's wire format (an exported API response, a
   * feed file) into posts, for `chorus import`. Pure: no network.
   */
  importPayload?(body: Buffer, context: ImportContext): Page
}
