import type { Generated, Insertable, Selectable, Updateable } from 'kysely'
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
}

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
}
export type IngestRun = Selectable<IngestRunTable>

export interface IngestFailureTable {
  id: Generated<number>
  runId: number
  reason: string
  raw: string
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
}
