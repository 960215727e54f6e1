import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { Channel, ContentStatus } from '../../shared/calendar'
import type { Role } from '../../shared/roles'

// Column names are snake_case in SQL and camelCase here (CamelCasePlugin).
// Timestamps are ISO-8601 UTC strings: the same in SQLite and PostgreSQL, and sortable.

export interface UserTable {
  id: Generated<number>
  email: string
  name: string
  role: Role
  passwordHash: string
  createdAt: string
  updatedAt: string
  lastLoginAt: string | null
  /** Set when an admin disables the account; its sessions stop working at once. */
  disabledAt: string | null
}
export type User = Selectable<UserTable>
export type NewUser = Insertable<UserTable>
export type UserUpdate = Updateable<UserTable>

export interface AuditLogTable {
  id: Generated<number>
  at: string
  /** Null for the CLI or a removed account; actorLabel keeps who it was. */
  actorId: number | null
  actorLabel: string
  action: string
  targetType: string
  targetId: string | null
  /** JSON object with what changed (never secrets). */
  details: string
}
export type AuditEntry = Selectable<AuditLogTable>
export type NewAuditEntry = Insertable<AuditLogTable>

export interface SourceTable {
  id: Generated<number>
  kind: string
  name: string
  /** JSON, validated by the adapter's config schema. May hold credentials: never sent to viewers. */
  config: string
  intervalMinutes: number
  enabled: number
  cursor: string | null
  nextRunAt: string | null
  consecutiveFailures: number
  lastSuccessAt: string | null
  lastError: string | null
  createdAt: string
  updatedAt: string
}
export type Source = Selectable<SourceTable>

export interface AuthorTable {
  id: Generated<number>
  platform: string
  externalId: string
  handle: string
  name: string | null
  profileUrl: string | null
  followers: number | null
  firstSeenAt: string
  updatedAt: string
}

export interface PostTable {
  id: Generated<number>
  platform: string
  externalId: string
  sourceId: number | null
  kind: 'post' | 'repost'
  url: string | null
  canonicalUrl: string | null
  authorId: number
  title: string | null
  text: string
  createdAt: string
  ingestedAt: string
  declaredLang: string | null
  lang: string | null
  langConfidence: number | null
  likes: number | null
  reposts: number | null
  replies: number | null
  quotes: number | null
  /** Null when not scored (no lexicon for the language, or none of its words in the text). */
  sentimentScore: number | null
  sentimentLabel: SentimentLabel | null
  /** An analyst's correction; it wins over the computed label. */
  sentimentCorrected: SentimentLabel | null
  sentimentCorrectedBy: number | null
  sentimentCorrectedAt: string | null
  /** likes + reposts + replies + quotes at ingest (ingest/rollups/daily.ts engagementOf). */
  engagement: Generated<number>
}

export type SentimentLabel = 'positive' | 'negative' | 'neutral'

export interface PostRawTable {
  postId: number
  payload: string
}

export interface PostRelationTable {
  id: Generated<number>
  postId: number
  kind: 'reply' | 'repost' | 'quote' | 'mention'
  targetExternalId: string | null
  targetPostId: number | null
  targetAuthorId: number | null
}

export interface PostHashtagTable {
  postId: number
  tag: string
}

export interface PostLinkTable {
  postId: number
  canonicalUrl: string
  url: string
  domain: string
}

export type RunStatus = 'running' | 'ok' | 'failed' | 'interrupted'

export interface IngestRunTable {
  id: Generated<number>
  sourceId: number | null
  label: string
  trigger: 'schedule' | 'manual' | 'cli' | 'import' | 'demo'
  startedAt: string
  finishedAt: string | null
  status: RunStatus
  pages: Generated<number>
  fetched: Generated<number>
  inserted: Generated<number>
  duplicates: Generated<number>
  failed: Generated<number>
  error: string | null
  /** JSON array of strings. */
  notes: Generated<string>
  /** The last sign of life from the process running it (server/db/liveness.ts); null in runs recorded before heartbeats. */
  heartbeatAt: string | null
  /** The process running it: its host name, pid and the id it drew when it started. */
  host: string | null
  pid: number | null
  instance: string | null
}
export type IngestRun = Selectable<IngestRunTable>

export interface IngestFailureTable {
  id: Generated<number>
  runId: number
  reason: string
  raw: string
}

export interface TopicTable {
  id: Generated<number>
  name: string
  color: string
  description: Generated<string>
  enabled: Generated<number>
  version: Generated<number>
  alertsEnabled: Generated<number>
  /** JSON array of e-mail addresses. */
  alertEmails: Generated<string>
  alertWebhookUrl: string | null
  /** Signs webhook bodies; never sent to the browser. */
  alertWebhookSecret: string | null
  alertCooldownMinutes: Generated<number>
  createdAt: string
  updatedAt: string
}
export type Topic = Selectable<TopicTable>

export interface TopicQueryTable {
  topicId: number
  /** ISO 639-1 code, or '*' for every language. */
  lang: string
  query: string
}

export interface PostTopicTable {
  topicId: number
  postId: number
  createdAt: string
  /** JSON array of the query terms that matched. */
  terms: Generated<string>
}

export interface VolumeHourlyTable {
  /** UTC hour, 'YYYY-MM-DDTHH'. */
  hour: string
  /** 0 for all posts. */
  topicId: number
  lang: string
  platform: string
  posts: number
}

export interface TermDailyTable {
  day: string
  lang: string
  /** A stem, or '#' + hashtag. */
  term: string
  surface: string
  docs: number
}

export interface SpikeTable {
  id: Generated<number>
  topicId: number
  /** A language code, or '*' for all the topic's languages. */
  lang: string
  granularity: 'hour' | 'day'
  start: string
  end: string
  peakAt: string
  peakCount: number
  total: number
  baseline: number
  z: number
  /** JSON: the terms, hashtags, authors, links and languages behind the spike. */
  drivers: string
  detectedAt: string
  updatedAt: string
}
export type Spike = Selectable<SpikeTable>

export type AlertChannel = 'app' | 'email' | 'webhook'

export interface AlertTable {
  id: Generated<number>
  spikeId: number
  topicId: number
  channel: AlertChannel
  status: 'sent' | 'failed' | 'skipped'
  detail: Generated<string>
  createdAt: string
  readAt: string | null
}

export type NlpJobStatus = 'queued' | 'running' | 'ok' | 'failed' | 'cancelled'

export interface NlpJobTable {
  id: Generated<number>
  kind: 'retag'
  topicId: number | null
  topicVersion: number | null
  status: NlpJobStatus
  total: Generated<number>
  done: Generated<number>
  matched: Generated<number>
  error: string | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  /** Which job runner took it (NlpService), its process (host name, pid, the id it drew when it started) and that process's last heartbeat (server/db/liveness.ts). */
  claim: string | null
  heartbeatAt: string | null
  host: string | null
  pid: number | null
  instance: string | null
}
export type NlpJob = Selectable<NlpJobTable>

/** The FTS5 index (SQLite only): rowid is a time-ordered key, body the folded words. */
export interface PostSearchTable {
  rowid: number
  body: string
  postId: number
}

export interface DailyStatsTable {
  day: string
  /** 0 for all posts. */
  topicId: number
  lang: string
  platform: string
  /** 0 when the post came from no source. */
  sourceId: number
  /** positive | negative | neutral | none. */
  sentiment: string
  posts: number
  engagement: number
}

/** Author sketches of the daily_stats cells, and per day and topic across them (lang '*'...). */
export interface DailyAuthorsTable {
  day: string
  topicId: number
  lang: string
  platform: string
  /** -1 in the per-day-and-topic sketch. */
  sourceId: number
  sentiment: string
  /** HyperLogLog sketch (ingest/rollups/sketch.ts). */
  sketch: Uint8Array
}

export interface EmergingTermTable {
  lang: string
  windowEnd: string
  /** From 1; 0 marks a language computed with nothing emerging. */
  rank: number
  term: string
  surface: string
  recent: number
  baselineMean: number
  score: number
  growth: number
}

export interface SavedSearchTable {
  id: Generated<number>
  userId: number
  name: string
  /** JSON of the search text and filters. */
  params: string
  createdAt: string
}

export interface ContentItemTable {
  id: Generated<number>
  title: string
  brief: Generated<string>
  ownerId: number
  /** UTC instant (ISO); read as a wall-clock time in timeZone. */
  publishAt: string
  /** IANA zone the item is planned in. */
  timeZone: string
  topicId: number | null
  /** A free label until the influencer map's communities exist. */
  community: string | null
  createdBy: number | null
  createdAt: string
  updatedAt: string
}
export type ContentItem = Selectable<ContentItemTable>

export interface ContentItemChannelTable {
  itemId: number
  channel: Channel
}

export interface ContentItemInfluencerTable {
  itemId: number
  authorId: number
}

/** One language version of a content item; the item's status is derived from these. */
export interface ContentVersionTable {
  itemId: number
  lang: string
  title: Generated<string>
  body: Generated<string>
  status: ContentStatus
  assigneeId: number | null
  updatedAt: string
}
export type ContentVersion = Selectable<ContentVersionTable>

/** A person's secret ICS feed: only the SHA-256 of its token is kept. */
export interface CalendarFeedTable {
  userId: number
  tokenHash: string
  createdAt: string
  lastUsedAt: string | null
}

export type SnapshotStatus = 'queued' | 'running' | 'done' | 'failed'

/** A network computed for a topic, language and period (null topic or lang: all of them). */
export interface GraphSnapshotTable {
  id: Generated<number>
  topicId: number | null
  lang: string | null
  fromDay: string
  toDay: string
  status: SnapshotStatus
  phase: string | null
  done: Generated<number>
  total: Generated<number>
  error: string | null
  requestedBy: number | null
  requestedAt: string
  startedAt: string | null
  finishedAt: string | null
  nodeCount: Generated<number>
  edgeCount: Generated<number>
  communityCount: Generated<number>
  modularity: number | null
  /** JSON: betweenness method and the score's formula. */
  method: string | null
  /** Which runner took it (SnapshotRunner), its process (host name, pid, the id it drew when it started) and that process's last heartbeat (server/db/liveness.ts). */
  claim: string | null
  heartbeatAt: string | null
  host: string | null
  pid: number | null
  instance: string | null
}

export interface GraphNodeTable {
  snapshotId: number
  authorId: number
  community: number
  score: number
  rank: number
  pagerank: number
  inDegree: number
  reach: number
  engagement: number
  activity: number
  betweenness: number
  lang: string | null
  x: number
  y: number
  /** JSON: the score's parts, top interacting authors, communities connected. */
  explanation: string
}

export interface GraphEdgeTable {
  snapshotId: number
  sourceId: number
  targetId: number
  weight: number
  mentions: number
  replies: number
  reposts: number
  quotes: number
}

export interface GraphCommunityTable {
  snapshotId: number
  community: number
  size: number
  /** JSON arrays. */
  terms: string
  hashtags: string
  languages: string
  members: string
}

export interface WatchlistTable {
  authorId: number
  note: Generated<string>
  /** JSON array of labels. */
  tags: Generated<string>
  addedBy: number | null
  addedAt: string
  updatedAt: string
}

export type DigestTrigger = 'schedule' | 'cli' | 'manual'

/** One week's digest; `data` is the JSON of shared/digest.ts DigestData. */
export interface DigestTable {
  /** ISO week, '2026-W47'. */
  week: string
  timeZone: string
  startAt: string
  endAt: string
  data: string
  trigger: DigestTrigger
  generatedAt: string
  generatedBy: number | null
  sentAt: string | null
  sentTo: Generated<number>
  sendError: string | null
}

export interface DigestSubscriberTable {
  userId: number
  createdAt: string
}

export interface Database {
  users: UserTable
  auditLog: AuditLogTable
  sources: SourceTable
  authors: AuthorTable
  posts: PostTable
  postRaw: PostRawTable
  postRelations: PostRelationTable
  postHashtags: PostHashtagTable
  postLinks: PostLinkTable
  ingestRuns: IngestRunTable
  ingestFailures: IngestFailureTable
  topics: TopicTable
  topicQueries: TopicQueryTable
  postTopics: PostTopicTable
  volumeHourly: VolumeHourlyTable
  termDaily: TermDailyTable
  spikes: SpikeTable
  alerts: AlertTable
  nlpJobs: NlpJobTable
  postSearch: PostSearchTable
  dailyStats: DailyStatsTable
  dailyAuthors: DailyAuthorsTable
  savedSearches: SavedSearchTable
  emergingTerms: EmergingTermTable
  contentItems: ContentItemTable
  contentItemChannels: ContentItemChannelTable
  contentItemInfluencers: ContentItemInfluencerTable
  contentVersions: ContentVersionTable
  calendarFeeds: CalendarFeedTable
  graphSnapshots: GraphSnapshotTable
  graphNodes: GraphNodeTable
  graphEdges: GraphEdgeTable
  graphCommunities: GraphCommunityTable
  watchlist: WatchlistTable
  digests: DigestTable
  digestSubscribers: DigestSubscriberTable
}
